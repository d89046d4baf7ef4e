using System.Numerics;
using Autodiff.Rules;

namespace Autodiff;

/// <summary>
/// x ↦ ∇f(x) for a function value f: ℝⁿ → ℝ, by reverse mode: one evaluation on <c>Tracked&lt;T&gt;</c> and one
/// backward sweep. Itself a function value ℝⁿ → ℝⁿ: <c>f.Grad().Jacfwd()</c> is the Hessian (forward-over-reverse),
/// <c>f.Grad().Jacrev()</c> the Hessian by reverse-over-reverse.
/// </summary>
/// <typeparam name="TF">The function value's type.</typeparam>
public readonly struct Grad<TF>(TF f) : IVectorFunction where TF : IScalarFunction
{
    private readonly TF _f = FunctionValue.Required(f, nameof(f));

    /// <summary>∇f(x).</summary>
    public T[] F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => Reverse.Grad<T>(_f.F, x);

    /// <summary>∇f(x) into <paramref name="gradient"/> (length n): repeated calls allocate no result.</summary>
    /// <exception cref="ArgumentException">x is empty, or gradient's length is not x's.</exception>
    public void F<T>(ReadOnlySpan<T> x, Span<T> gradient) where T : IFloatingPointIeee754<T> =>
        Reverse.ValueAndGrad<T>(_f.F, x, gradient);
}

/// <summary>x ↦ (f(x), ∇f(x)) for a function value f: ℝⁿ → ℝ: one evaluation and one backward sweep.</summary>
/// <typeparam name="TF">The function value's type.</typeparam>
public readonly struct ValueAndGrad<TF>(TF f) where TF : IScalarFunction
{
    private readonly TF _f = FunctionValue.Required(f, nameof(f));

    /// <summary>f(x) and ∇f(x).</summary>
    public (T Value, T[] Gradient) F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        Reverse.ValueAndGrad<T>(_f.F, x);

    /// <summary>f(x), with ∇f(x) into <paramref name="gradient"/> (length n): repeated calls allocate no result.</summary>
    /// <exception cref="ArgumentException">x is empty, or gradient's length is not x's.</exception>
    public T F<T>(ReadOnlySpan<T> x, Span<T> gradient) where T : IFloatingPointIeee754<T> =>
        Reverse.ValueAndGrad<T>(_f.F, x, gradient);
}

/// <summary>
/// x ↦ f′(x) for a function value f: ℝ → ℝ, by reverse mode (one evaluation on <c>Tracked&lt;T&gt;</c>, one sweep).
/// Itself a function value: <c>f.Grad().Grad()</c> is f″ by reverse-over-reverse.
/// </summary>
/// <typeparam name="TF">The function value's type.</typeparam>
public readonly struct ScalarGrad<TF>(TF f) : IUnaryFunction where TF : IUnaryFunction
{
    private readonly TF _f = FunctionValue.Required(f, nameof(f));

    /// <summary>f′(x).</summary>
    public T F<T>(T x) where T : IFloatingPointIeee754<T>
    {
        TF f = _f;
        return Reverse.Grad<T>(v => f.F(v[0]), [x])[0];
    }
}
