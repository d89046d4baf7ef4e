using System.Numerics;

namespace Autodiff.Rules;

/// <summary>
/// Functions users call that are not rules of their own: operators and compositions of rules (the activation
/// functions and .NET's default implementations), listed in <see cref="RuleTable"/> so every one is tested.
/// </summary>
public static class Composed
{
    /// <summary>σ(x) = 1/(1 + e⁻ˣ), computed by <see cref="Activation.Sigmoid{T}"/>; σ′ = σ(1 − σ).</summary>
    public readonly struct Sigmoid : IUnaryFunction
    {
        /// <inheritdoc/>
        public T F<T>(T x) where T : IFloatingPointIeee754<T> => Activation.Sigmoid(x);
    }

    /// <summary>softplus x = ln(1 + eˣ), computed by <see cref="Activation.Softplus{T}"/>; its derivative is σ(x).</summary>
    public readonly struct Softplus : IUnaryFunction
    {
        /// <inheritdoc/>
        public T F<T>(T x) where T : IFloatingPointIeee754<T> => Activation.Softplus(x);
    }

    /// <summary>relu x = max(x, 0), computed by <see cref="Activation.Relu{T}"/>; derivative 1 for x &gt; 0, else 0.</summary>
    public readonly struct Relu : IUnaryFunction
    {
        /// <inheritdoc/>
        public T F<T>(T x) where T : IFloatingPointIeee754<T> => Activation.Relu(x);
    }

    /// <summary>log₃ x = ln x/ln 3, through the two-argument <c>Log</c>; d log₃ x = dx/(x ln 3).</summary>
    public readonly struct LogBase3 : IUnaryFunction
    {
        /// <inheritdoc/>
        public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Log(x, T.CreateChecked(3));
    }

    /// <summary>2ˣ − 1 (.NET's default implementation, a composition of rules); d(2ˣ − 1) = 2ˣ ln 2 dx.</summary>
    public readonly struct Exp2M1 : IUnaryFunction
    {
        /// <inheritdoc/>
        public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp2M1(x);
    }

    /// <summary>10ˣ − 1 (.NET's default implementation); d(10ˣ − 1) = 10ˣ ln 10 dx.</summary>
    public readonly struct Exp10M1 : IUnaryFunction
    {
        /// <inheritdoc/>
        public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp10M1(x);
    }

    /// <summary>log₂(1 + x) (.NET's default implementation); d log₂(1 + x) = dx/((1 + x) ln 2).</summary>
    public readonly struct Log2P1 : IUnaryFunction
    {
        /// <inheritdoc/>
        public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Log2P1(x);
    }

    /// <summary>log₁₀(1 + x) (.NET's default implementation); d log₁₀(1 + x) = dx/((1 + x) ln 10).</summary>
    public readonly struct Log10P1 : IUnaryFunction
    {
        /// <inheritdoc/>
        public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Log10P1(x);
    }

    /// <summary>1/x through the division operator; d(1/x) = −dx/x².</summary>
    public readonly struct Reciprocal : IUnaryFunction
    {
        /// <inheritdoc/>
        public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.One / x;
    }

    /// <summary>x + y; ∂/∂x = 1, ∂/∂y = 1.</summary>
    public readonly struct Add : IBinaryFunction
    {
        /// <inheritdoc/>
        public T F<T>(T x, T y) where T : IFloatingPointIeee754<T> => x + y;
    }

    /// <summary>x − y; ∂/∂x = 1, ∂/∂y = −1.</summary>
    public readonly struct Subtract : IBinaryFunction
    {
        /// <inheritdoc/>
        public T F<T>(T x, T y) where T : IFloatingPointIeee754<T> => x - y;
    }

    /// <summary>x·y; ∂/∂x = y, ∂/∂y = x (the product rule, a zero factor winning).</summary>
    public readonly struct Multiply : IBinaryFunction
    {
        /// <inheritdoc/>
        public T F<T>(T x, T y) where T : IFloatingPointIeee754<T> => x * y;
    }

    /// <summary>x/y; ∂/∂x = 1/y, ∂/∂y = −x/y² (the quotient rule).</summary>
    public readonly struct Divide : IBinaryFunction
    {
        /// <inheritdoc/>
        public T F<T>(T x, T y) where T : IFloatingPointIeee754<T> => x / y;
    }

    /// <summary>atan2(y, x)/π (.NET's default implementation); the partials of <c>Atan2</c> divided by π.</summary>
    public readonly struct Atan2Pi : IBinaryFunction
    {
        /// <inheritdoc/>
        public T F<T>(T y, T x) where T : IFloatingPointIeee754<T> => T.Atan2Pi(y, x);
    }
}
