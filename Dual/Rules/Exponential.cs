using System.Numerics;

namespace Autodiff.Rules;

/// <summary>exp x; d exp x = exp x.</summary>
public readonly struct Exp : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => fx;
}

/// <summary>2ˣ; d 2ˣ = 2ˣ ln 2.</summary>
public readonly struct Exp2 : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp2(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => fx * T.Log(T.CreateChecked(2));
}

/// <summary>10ˣ; d 10ˣ = 10ˣ ln 10.</summary>
public readonly struct Exp10 : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp10(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => fx * T.Log(T.CreateChecked(10));
}

/// <summary>eˣ − 1, accurate near 0; d (eˣ − 1) = (eˣ − 1) + 1.</summary>
public readonly struct ExpM1 : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.ExpM1(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => fx + T.One;
}
