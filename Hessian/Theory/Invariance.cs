using System.Numerics;

namespace Autodiff;

/// <summary>
/// Invariance by differentiation (the seeds' PhD 10): for a one-parameter group g(α) = e^{αG} acting on inputs, the Lie
/// derivative d/dα f(g(α)·x) at α = 0 = ∇f(x) T(x), T(x) = G x the tangent of the orbit — zero for every x exactly when
/// f is invariant under the group.
/// </summary>
public static class Invariance
{
    /// <summary>
    /// d/dα f(e^{αG} x) at α = 0 = ∇f(x) (G x): one JVP of f along the generator's tangent G x, no gradient formed.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="generator">G, n×n (a rotation generator is antisymmetric, e.g. [[0, −1], [1, 0]] in the plane).</param>
    /// <exception cref="ArgumentException">f or generator is null, x is empty, or G is not n×n.</exception>
    public static T LieDerivative<T>(ScalarFunction<Dual<T>> f, ReadOnlySpan<T> x, T[,] generator) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(generator);
        Require.NotEmpty(x, nameof(x));
        if (generator.GetLength(0) != x.Length || generator.GetLength(1) != x.Length)
            throw new ArgumentException(
                $"generator is {generator.GetLength(0)}×{generator.GetLength(1)} but x has {x.Length} entries; G must be n×n.", nameof(generator));
        return Forward.DirectionalDerivative(f, x, Vectors.Times(generator, x));
    }
}
