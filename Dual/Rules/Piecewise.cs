using System.Numerics;

namespace Autodiff.Rules;

/// <summary>
/// |x|; d|x| = sign x. Convention at the kink: d|x| at x = 0 is 0, the minimum-norm subgradient
/// (the choice JAX and PyTorch make), so a minimiser at 0 is a stationary point.
/// </summary>
public readonly struct Abs : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Abs(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> =>
        x > T.Zero ? T.One : x < T.Zero ? -T.One : x; // ±0 at the kink, NaN for NaN
}
