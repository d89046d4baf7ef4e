using System.Numerics;

namespace Autodiff.Rules;

/// <summary>sin(πx); d sin(πx) = π cos(πx).</summary>
public readonly struct SinPi : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.SinPi(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.Pi * T.CosPi(x);
}

/// <summary>cos(πx); d cos(πx) = −π sin(πx).</summary>
public readonly struct CosPi : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.CosPi(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => -T.Pi * T.SinPi(x);
}

/// <summary>tan(πx); d tan(πx) = π (1 + tan²(πx)).</summary>
public readonly struct TanPi : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.TanPi(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.Pi * (T.One + fx * fx);
}

/// <summary>arcsin(x)/π; d = 1/(π √(1 − x²)).</summary>
public readonly struct AsinPi : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.AsinPi(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.One / (T.Pi * T.Sqrt(T.One - x * x));
}

/// <summary>arccos(x)/π; d = −1/(π √(1 − x²)).</summary>
public readonly struct AcosPi : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.AcosPi(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => -T.One / (T.Pi * T.Sqrt(T.One - x * x));
}

/// <summary>arctan(x)/π; d = 1/(π (1 + x²)).</summary>
public readonly struct AtanPi : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.AtanPi(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.One / (T.Pi * (T.One + x * x));
}
