using System.Numerics;

namespace Autodiff.Rules;

/// <summary>sinh x; d sinh x = cosh x.</summary>
public readonly struct Sinh : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Sinh(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.Cosh(x);
}

/// <summary>cosh x; d cosh x = sinh x.</summary>
public readonly struct Cosh : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Cosh(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.Sinh(x);
}

/// <summary>tanh x; d tanh x = 1 − tanh² x.</summary>
public readonly struct Tanh : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Tanh(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.One - fx * fx;
}

/// <summary>arsinh x; d arsinh x = 1/√(x² + 1).</summary>
public readonly struct Asinh : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Asinh(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.One / T.Sqrt(x * x + T.One);
}

/// <summary>arcosh x (x ≥ 1); d arcosh x = 1/√(x² − 1), +∞ at x = 1.</summary>
public readonly struct Acosh : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Acosh(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.One / T.Sqrt(x * x - T.One);
}

/// <summary>artanh x (|x| &lt; 1); d artanh x = 1/(1 − x²).</summary>
public readonly struct Atanh : IUnaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Atanh(x);
    /// <inheritdoc/>
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.One / (T.One - x * x);
}
