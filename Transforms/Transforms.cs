using Autodiff.Rules;

namespace Autodiff;

/// <summary>
/// Transforms of scalar function values f: ℝⁿ → ℝ (<see cref="IScalarFunction"/>): each takes a function value and
/// returns one, so they compose left to right, F#-style: <c>rosenbrock.Grad().Jacfwd()</c> is the Hessian by
/// forward-over-reverse. The transform picks the number types; a user never names <c>Tracked&lt;Dual&lt;T&gt;&gt;</c>.
/// </summary>
/// <remarks>
/// Names follow JAX (<c>grad</c>, <c>value_and_grad</c>, <c>jacfwd</c>, <c>jacrev</c>, <c>hessian</c>, <c>jvp</c>,
/// <c>vjp</c>, <c>linearize</c>, <c>has_aux</c>). Each evaluates with the library's one implementation of its mode
/// (<see cref="Forward"/>, <see cref="Reverse"/>, <see cref="Autodiff.Hessian"/>). Results are flat row-major arrays
/// (<see cref="Shaped"/>). Transforms of vector functions are in <see cref="VectorTransforms"/>, of ℝ → ℝ functions
/// in <see cref="UnaryTransforms"/>.
/// </remarks>
public static class Transforms
{
    /// <summary>∇f by reverse mode, a function value ℝⁿ → ℝⁿ.</summary>
    public static Grad<TF> Grad<TF>(this TF f) where TF : IScalarFunction => new(f);

    /// <summary>x ↦ (f(x), ∇f(x)) by reverse mode.</summary>
    public static ValueAndGrad<TF> ValueAndGrad<TF>(this TF f) where TF : IScalarFunction => new(f);

    /// <summary>∇f by forward mode (n evaluations), a function value ℝⁿ → ℝⁿ.</summary>
    public static Jacfwd<AsVector<TF>> Jacfwd<TF>(this TF f, bool parallel = true) where TF : IScalarFunction => new(new(f), parallel);

    /// <summary>∇f by reverse mode through the vector machinery (the same numbers as <see cref="Grad{TF}(TF)"/>).</summary>
    public static Jacrev<AsVector<TF>> Jacrev<TF>(this TF f, bool parallel = true) where TF : IScalarFunction => new(new(f), parallel);

    /// <summary>∇²f = Jacfwd(Grad f): forward-over-reverse, n HVP columns over the cores; row-major n×n.</summary>
    public static Hessian<TF> Hessian<TF>(this TF f, bool parallel = true) where TF : IScalarFunction => new(f, parallel);

    /// <summary>(x, v) ↦ ∇²f(x) v by forward-over-reverse.</summary>
    public static Hvp<TF> Hvp<TF>(this TF f) where TF : IScalarFunction => new(f);

    /// <summary>f viewed as ℝⁿ → ℝ¹, for the transforms of vector functions.</summary>
    public static AsVector<TF> AsVector<TF>(this TF f) where TF : IScalarFunction => new(f);

    /// <summary>f paired with auxiliary outputs that are carried along and not differentiated.</summary>
    public static WithAux<TF, TA> WithAux<TF, TA>(this TF f, TA aux) where TF : IScalarFunction where TA : IVectorFunction => new(f, aux);

    /// <summary>x ↦ (f(x), ∇f(x), aux(x)) for a function value with auxiliary outputs.</summary>
    public static GradWithAux<TF> GradWithAux<TF>(this TF f) where TF : IScalarFunctionWithAux => new(f);
}

/// <summary>Transforms of vector function values f: ℝⁿ → ℝᵐ (<see cref="IVectorFunction"/>); see <see cref="Transforms"/>.</summary>
public static class VectorTransforms
{
    /// <summary>J_f by forward mode (n columns), row-major m×n; a function value ℝⁿ → ℝ^{m·n}.</summary>
    public static Jacfwd<TF> Jacfwd<TF>(this TF f, bool parallel = true) where TF : IVectorFunction => new(f, parallel);

    /// <summary>J_f by reverse mode (m rows), row-major m×n; a function value ℝⁿ → ℝ^{m·n}.</summary>
    public static Jacrev<TF> Jacrev<TF>(this TF f, bool parallel = true) where TF : IVectorFunction => new(f, parallel);

    /// <summary>(x, v) ↦ (f(x), J v) by forward mode.</summary>
    public static Jvp<TF> Jvp<TF>(this TF f) where TF : IVectorFunction => new(f);

    /// <summary>x ↦ (f(x), ū ↦ ūᵀJ) by reverse mode.</summary>
    public static Vjp<TF> Vjp<TF>(this TF f) where TF : IVectorFunction => new(f);

    /// <summary>x ↦ (f(x), v ↦ J v): evaluate once, apply the linear map often.</summary>
    public static Linearize<TF> Linearize<TF>(this TF f) where TF : IVectorFunction => new(f);
}

/// <summary>Transforms of function values f: ℝ → ℝ (<see cref="IUnaryFunction"/>); see <see cref="Transforms"/>.</summary>
public static class UnaryTransforms
{
    /// <summary>f′ by forward mode; <c>f.Derivative().Derivative()</c> is f″ (forward-over-forward).</summary>
    public static Derivative<TF> Derivative<TF>(this TF f) where TF : IUnaryFunction => new(f);

    /// <summary>f⁽ᵏ⁾ from one Taylor evaluation of order k.</summary>
    /// <exception cref="ArgumentOutOfRangeException">order is negative.</exception>
    public static HigherDerivative<TF> Derivative<TF>(this TF f, int order) where TF : IUnaryFunction => new(f, order);

    /// <summary>f′ by reverse mode; <c>f.Grad().Grad()</c> is f″ (reverse-over-reverse).</summary>
    public static ScalarGrad<TF> Grad<TF>(this TF f) where TF : IUnaryFunction => new(f);
}
