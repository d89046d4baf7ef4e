using System.Numerics;

namespace Autodiff;

/// <summary>The result of <see cref="ConjugateGradient.Solve{T}"/>: x with A x ≈ b, the iterations it took and
/// the final residual norm ‖b − A x‖₂.</summary>
/// <typeparam name="T">The scalar type.</typeparam>
public readonly record struct ConjugateGradientResult<T>(T[] Solution, int Iterations, T ResidualNorm, bool Converged)
    where T : IFloatingPointIeee754<T>;

/// <summary>
/// Conjugate gradient for A x = b with A symmetric positive definite, given only the product v ↦ A v (an HVP, a
/// Fisher-vector product, a damped Gauss–Newton product): no n×n matrix, O(n) memory.
/// </summary>
public static class ConjugateGradient
{
    /// <summary>
    /// Preconditioned conjugate gradient from x₀ = 0: r₀ = b, z = M⁻¹r, p = z; then αₖ = rᵀz / pᵀAp, x += αp,
    /// r −= αAp, z = M⁻¹r, β = rᵀz_new / rᵀz_old, p = z + βp — until ‖r‖₂ ≤ tolerance·‖b‖₂ or maxIterations products.
    /// In exact arithmetic it ends in at most as many iterations as (M⁻¹A) has distinct eigenvalues.
    /// </summary>
    /// <param name="product">v ↦ A v, A symmetric positive definite.</param>
    /// <param name="b">The right-hand side.</param>
    /// <param name="tolerance">The relative residual ‖b − Ax‖₂/‖b‖₂ at which to stop (finite, ≥ 0).</param>
    /// <param name="maxIterations">The most products (positive).</param>
    /// <param name="preconditioner">v ↦ M⁻¹v, M symmetric positive definite (none: the identity).</param>
    /// <exception cref="ArgumentException">product or b is null, b is empty, the product returns a vector of another
    /// length, tolerance is negative or not finite, or maxIterations is not positive.</exception>
    public static ConjugateGradientResult<T> Solve<T>(
        Func<T[], T[]> product, T[] b, double tolerance = 1e-10, int maxIterations = 1000, Func<T[], T[]>? preconditioner = null)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(b);
        Require.NotEmpty<T>(b, nameof(b), "the system needs at least one equation");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxIterations);
        if (!(tolerance >= 0 && double.IsFinite(tolerance)))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be finite and non-negative.");
        Func<T[], T[]> m = preconditioner ?? (v => v);
        int n = b.Length;
        var x = new T[n];
        // Stryker disable once Statement : default(T) is T.Zero for every IEEE type in .NET; the fill keeps any other T right.
        Array.Fill(x, T.Zero);
        var r = (T[])b.Clone();
        T target = T.CreateChecked(tolerance) * Vectors.Norm(b);
        T[] z = Checked(m(r), n, nameof(preconditioner));
        var p = (T[])z.Clone();
        T rz = Vectors.Dot(r, z);
        int k = 0;
        for (; k < maxIterations && Vectors.Norm(r) > target; k++)
        {
            T[] ap = Checked(product(p), n, nameof(product));
            T alpha = rz / Vectors.Dot(p, ap);
            Vectors.AddScaled(x, alpha, p);
            Vectors.AddScaled(r, -alpha, ap);
            z = Checked(m(r), n, nameof(preconditioner));
            T next = Vectors.Dot(r, z);
            T beta = next / rz;
            rz = next;
            for (int i = 0; i < n; i++)
                p[i] = z[i] + beta * p[i];
        }
        T residual = Vectors.Norm(r);
        return new(x, k, residual, residual <= target);
    }

    private static T[] Checked<T>(T[]? v, int n, string name)
    {
        if (v is null || v.Length != n)
            throw new ArgumentException($"{name} returned {(v is null ? "null" : $"{v.Length} entries")}; it must return a vector of {n}.", name);
        return v;
    }
}
