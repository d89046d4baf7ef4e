using System.Numerics;

namespace Autodiff.Rules;

/// <summary>
/// A differentiable function ℝ → ℝ written once, generically: <see cref="F{T}"/> evaluates it on any
/// IEEE floating-point type, so the same member runs on <c>double</c> and on every number type of this library.
/// </summary>
public interface IUnaryFunction
{
    /// <summary>The function itself, y = f(x).</summary>
    T F<T>(T x) where T : IFloatingPointIeee754<T>;
}

/// <summary>
/// One elementary function and its derivative: the single place its calculus is written.
/// </summary>
/// <remarks>
/// <see cref="D1{T}"/> is generic too, so every mode derives from it: <c>Dual</c> multiplies the tangent by it,
/// <c>HyperDual</c> differentiates it once more by evaluating it on a <c>Dual</c>, the Taylor type propagates
/// coefficients through the ODE y′ = f′(x)·x′ with f′ evaluated on series, and reverse mode multiplies the
/// cotangent by it. A mistake in a rule is fixed in one line.
/// </remarks>
public interface IUnaryRule : IUnaryFunction
{
    /// <summary>The derivative f′(x), given x and fx = f(x) (so that, e.g., exp′ can return fx).</summary>
    T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T>;
}

/// <summary>A differentiable function ℝ² → ℝ with one partial derivative per argument.</summary>
public interface IBinaryRule : IBinaryFunction
{
    /// <summary>∂f/∂x, given x, y and fxy = f(x, y).</summary>
    T Dx<T>(T x, T y, T fxy) where T : IFloatingPointIeee754<T>;

    /// <summary>∂f/∂y, given x, y and fxy = f(x, y).</summary>
    T Dy<T>(T x, T y, T fxy) where T : IFloatingPointIeee754<T>;
}
