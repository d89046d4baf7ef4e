using System.Numerics;

namespace Autodiff.Rules;

/// <summary>
/// |x|; d|x| = sign x. Convention at the kink: d|x| at x = 0 is 0, the minimum-norm subgradient
/// (the choice JAX and PyTorch make), so a minimiser at 0 is a stationary point. The derivative is the constant
/// sign x, so every higher derivative is 0, at the kink too: d²|x| at 0 is 0 in every mode.
/// </summary>
public readonly struct Abs : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Abs(x);
    /// <inheritdoc/>
    // At the kink a constant 0, not x itself: x would carry its tangent and make d²|x| = 1 at 0. NaN stays NaN.
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> =>
        x > T.Zero ? T.One : x < T.Zero ? -T.One : T.IsNaN(x) ? x : T.Zero;
}
