using System.Numerics;

namespace Autodiff.Rules;

/// <summary>√x; d √x = 1/(2√x). Convention: at x = 0 the derivative is +∞, as IEEE division gives.</summary>
public readonly struct Sqrt : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Sqrt(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.One / (fx + fx);
}

/// <summary>∛x; d ∛x = 1/(3 (∛x)²). Convention: at x = 0 the derivative is +∞.</summary>
public readonly struct Cbrt : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Cbrt(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.One / (T.CreateChecked(3) * fx * fx);
}

/// <summary>The n-th root x^(1/n); d x^(1/n) = 1/(n (x^(1/n))ⁿ⁻¹).</summary>
/// <param name="N">The degree n of the root (n ≠ 0).</param>
public readonly record struct RootN(int N) : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.RootN(x, N);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> =>
        T.One / (T.CreateChecked(N) * T.Pow(fx, T.CreateChecked(N - 1)));
}
