using System.Numerics;

namespace Autodiff;

/// <summary>
/// Curvature of large models without forming the Hessian: each tool needs only Hessian-vector products
/// (the seeds' "sharpness ∼ λ₁ or tr(∇²L)").
/// </summary>
public static class Curvature
{
    /// <summary>
    /// The sharpness λ with the largest magnitude of ∇²f(x), by power iteration on HVPs from a seeded random start:
    /// v ← Hv/‖Hv‖, λ ≈ vᵀHv, until λ changes by less than tolerance (relative) or after maxIterations.
    /// </summary>
    /// <exception cref="ArgumentException">x is empty.</exception>
    public static T Sharpness<T>(ScalarFunction<Tracked<Dual<T>>> f, ReadOnlySpan<T> x, int seed = 1, int maxIterations = 500, double tolerance = 1e-12)
        where T : IFloatingPointIeee754<T>
    {
        Require.NotEmpty(x, nameof(x));
        var random = new Random(seed);
        T[] v = Normalize(Enumerable.Range(0, x.Length).Select(_ => T.CreateChecked(random.NextDouble() - 0.5)).ToArray());
        T lambda = T.Zero;
        for (int k = 0; k < maxIterations; k++)
        {
            T[] hv = Hessian.Hvp(f, x, v);
            T next = Dot(v, hv);
            if (T.Abs(next - lambda) <= T.CreateChecked(tolerance) * T.Abs(next))
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
            T[] z = Enumerable.Range(0, x.Length).Select(_ => random.Next(2) == 0 ? -T.One : T.One).ToArray();
            sum += Dot(z, Hessian.Hvp(f, x, z));
        }
        return sum / T.CreateChecked(samples);
    }

    private static T Dot<T>(T[] a, T[] b) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int i = 0; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }

    private static T[] Normalize<T>(T[] v) where T : IFloatingPointIeee754<T>
    {
        T norm = T.Sqrt(Dot(v, v));
        return T.IsZero(norm) ? v : Array.ConvertAll(v, e => e / norm);
    }
}
