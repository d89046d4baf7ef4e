using System.Numerics;

namespace Autodiff.Rules;

/// <summary>ln x; d ln x = 1/x. Convention: ln 0 = −∞ with derivative +∞, ln of a negative number is NaN.</summary>
public readonly struct Log : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Log(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.One / x;
}

/// <summary>log₂ x; d log₂ x = 1/(x ln 2).</summary>
public readonly struct Log2 : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Log2(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.One / (x * T.Log(T.CreateChecked(2)));
}

/// <summary>log₁₀ x; d log₁₀ x = 1/(x ln 10).</summary>
public readonly struct Log10 : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Log10(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.One / (x * T.Log(T.CreateChecked(10)));
}

/// <summary>ln(1 + x), accurate near 0; d ln(1 + x) = 1/(1 + x).</summary>
public readonly struct LogP1 : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.LogP1(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.One / (T.One + x);
}
