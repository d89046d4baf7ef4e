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

    /// <summary>
    /// True when <see cref="D1{T}"/> reads x only, never fx (cos x for sin, 1/x for log). A promise about the code,
    /// not new calculus: <c>HyperDual</c> then takes f′(a) and f″(a)·c from the one evaluation of f′ on a + c ε₂
    /// instead of evaluating f′ twice (for sin, three transcendental calls instead of four). Leave it false when
    /// unsure: false is always correct.
    /// </summary>
    static virtual bool DerivativeReadsXOnly => false;
}

/// <summary>A differentiable function ℝ² → ℝ with one partial derivative per argument.</summary>
public interface IBinaryRule : IBinaryFunction
{
    /// <summary>∂f/∂x, given x, y and fxy = f(x, y).</summary>
    T Dx<T>(T x, T y, T fxy) where T : IFloatingPointIeee754<T>;

    /// <summary>∂f/∂y, given x, y and fxy = f(x, y).</summary>
    T Dy<T>(T x, T y, T fxy) where T : IFloatingPointIeee754<T>;
}
