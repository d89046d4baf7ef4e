using System.Numerics;

namespace Autodiff;

/// <summary>
/// Curvature of large models without forming the Hessian: each tool needs only Hessian-vector products
/// (the seeds' "sharpness ∼ λ₁ or tr(∇²L)").
/// </summary>
public static class Curvature
{
    /// <summary>
    /// The sharpness λ_max of f at x: the largest (algebraic) eigenvalue of ∇²f(x), as in the machine-learning
    /// literature, by power iteration on HVPs from a seeded random start.
    /// </summary>
    /// <remarks>
    /// Power iteration v ← Hv/‖Hv‖, λ ≈ vᵀHv finds the eigenvalue of largest magnitude, λ_d. When λ_d ≥ 0 it is
    /// λ_max. When λ_d &lt; 0 (a negative eigenvalue dominates, e.g. {−10, 2}), a second power iteration runs on the
    /// shifted operator v ↦ Hv − λ_d v, whose eigenvalues λ − λ_d are all ≥ 0 and whose dominant one is
    /// λ_max − λ_d; its Rayleigh quotient vᵀHv is then λ_max itself. Each phase stops when its Rayleigh quotient
    /// changes by at most tolerance (relative) or after maxIterations HVPs; its convergence rate is the ratio of the
    /// second-largest to the largest magnitude of the operator's eigenvalues, so close eigenvalues need many iterations.
    /// </remarks>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="seed">Seeds the random start vector, so the result is reproducible.</param>
    /// <param name="maxIterations">The most HVPs per phase (positive).</param>
    /// <param name="tolerance">The relative change of the estimate at which a phase stops (finite, ≥ 0). The default
    /// suits <c>double</c>; on <c>float</c> pass about 10⁻⁶, or every phase runs <paramref name="maxIterations"/> HVPs.</param>
    /// <exception cref="ArgumentException">f is null, x is empty, maxIterations is not positive, or tolerance is
    /// negative, NaN or infinite.</exception>
    public static T Sharpness<T>(ScalarFunction<Tracked<Dual<T>>> f, ReadOnlySpan<T> x, int seed = 1, int maxIterations = 500, double tolerance = 1e-12)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Require.NotEmpty(x, nameof(x));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxIterations);
        if (!(tolerance >= 0 && double.IsFinite(tolerance)))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be finite and non-negative.");
        T[] point = x.ToArray();
        var random = new Random(seed);
        // Stryker disable once Arithmetic : any random start converges; one orthogonal to the top eigenvector has probability zero either way.
        T[] start = Normalize(Enumerable.Range(0, point.Length).Select(_ => T.CreateChecked(random.NextDouble() - 0.5)).ToArray());
        T rtol = T.CreateChecked(tolerance);

        T dominant = PowerIteration(f, point, start, T.Zero, maxIterations, rtol);
        // Stryker disable once Equality : at λ_d = 0 the shifted phase is the first one again and returns 0 + 0.
        if (!(dominant < T.Zero))
            return dominant;
        // Shifted by −λ_d every eigenvalue is ≥ 0 and λ_max − λ_d dominates. Restart from the random vector: the
        // first phase ended on the eigenvector of λ_d, which the shifted operator maps to 0.
        return PowerIteration(f, point, start, dominant, maxIterations, rtol) + dominant;
    }

    // Power iteration on v ↦ Hv − shift·v from a unit vector: its dominant eigenvalue, as a Rayleigh quotient.
    private static T PowerIteration<T>(
        ScalarFunction<Tracked<Dual<T>>> f, T[] x, T[] v, T shift, int maxIterations, T rtol)
        where T : IFloatingPointIeee754<T>
    {
        T lambda = T.Zero;
        for (int k = 0; k < maxIterations; k++)
        {
            T[] hv = Hessian.Hvp(f, x, v);
            for (int i = 0; i < hv.Length; i++)
                hv[i] -= shift * v[i];
            T next = Vectors.Dot<T>(v, hv);
            if (T.Abs(next - lambda) <= rtol * T.Abs(next))
                return next;
            lambda = next;
            v = Normalize(hv);
        }
        return lambda;
    }

    /// <summary>
    /// Hutchinson's estimate of tr ∇²f(x) = E[zᵀHz] over Rademacher vectors z (entries ±1), averaged over
    /// <paramref name="samples"/> HVPs drawn from a seeded generator, so the estimate is reproducible.
    /// </summary>
    /// <exception cref="ArgumentException">x is empty or samples is not positive.</exception>
    public static T HutchinsonTrace<T>(ScalarFunction<Tracked<Dual<T>>> f, ReadOnlySpan<T> x, int samples, int seed = 1)
        where T : IFloatingPointIeee754<T>
    {
        Require.NotEmpty(x, nameof(x));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        var random = new Random(seed);
        T sum = T.Zero;
        for (int s = 0; s < samples; s++)
        {
            // Stryker disable once Equality : z and −z give the same zᵀHz bit for bit (the HVP is linear in z), so which draw is −1 does not matter.
            T[] z = Enumerable.Range(0, x.Length).Select(_ => random.Next(2) == 0 ? -T.One : T.One).ToArray();
            sum += Vectors.Dot<T>(z, Hessian.Hvp(f, x, z));
        }
        return sum / T.CreateChecked(samples);
    }

    /// <summary>
    /// The k largest eigenvalues λ₁ ≥ … ≥ λ_k of ∇²f(x) and their eigenvectors, by Lanczos on HVPs with full
    /// reorthogonalisation (<see cref="Lanczos.TopEigenpairs{T}"/>): no n×n matrix, memory O(maxSteps·n).
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="k">How many eigenpairs (1 ≤ k ≤ n).</param>
    /// <param name="seed">Seeds the random start vector.</param>
    /// <param name="maxSteps">The most HVPs (0 chooses min(n, 2k + 40)).</param>
    /// <param name="tolerance">The relative Ritz residual at which a pair counts as converged.</param>
    /// <exception cref="ArgumentException">f is null, x is empty, or k, maxSteps or tolerance is out of range.</exception>
    public static Eigenpairs<T> TopEigenpairs<T>(
        ScalarFunction<Tracked<Dual<T>>> f, ReadOnlySpan<T> x, int k, int seed = 1, int maxSteps = 0, double tolerance = 1e-10)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Require.NotEmpty(x, nameof(x));
        T[] point = x.ToArray();
        return Lanczos.TopEigenpairs<T>(v => Hessian.Hvp(f, point, v), point.Length, k, seed, maxSteps, tolerance);
    }

    // v/‖v‖ for the random start, never zero (every entry would have to be drawn as exactly ½).
    private static T[] Normalize<T>(T[] v) where T : IFloatingPointIeee754<T>
    {
        T norm = T.Sqrt(Vectors.Dot<T>(v, v));
        return Array.ConvertAll(v, e => e / norm);
    }
}
