using System.Numerics;

namespace Autodiff.Rules;

/// <summary>sin x; d sin x = cos x.</summary>
public readonly struct Sin : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Sin(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.Cos(x);
}

/// <summary>cos x; d cos x = −sin x.</summary>
public readonly struct Cos : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Cos(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => -T.Sin(x);
}

/// <summary>tan x; d tan x = 1 + tan² x.</summary>
public readonly struct Tan : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Tan(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.One + fx * fx;
}

/// <summary>arcsin x; d arcsin x = 1/√(1 − x²), +∞ at x = ±1.</summary>
public readonly struct Asin : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Asin(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.One / T.Sqrt(T.One - x * x);
}

/// <summary>arccos x; d arccos x = −1/√(1 − x²).</summary>
public readonly struct Acos : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Acos(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => -T.One / T.Sqrt(T.One - x * x);
}

/// <summary>arctan x; d arctan x = 1/(1 + x²).</summary>
public readonly struct Atan : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Atan(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.One / (T.One + x * x);
}
