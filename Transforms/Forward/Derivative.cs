using System.Numerics;
using Autodiff.Rules;

namespace Autodiff;

/// <summary>
/// x ↦ f′(x) for a function value f: ℝ → ℝ, by forward mode: f runs on <c>Dual&lt;T&gt;</c>. Itself a function
/// value, so <c>f.Derivative().Derivative()</c> is f″ by forward-over-forward (<c>Dual&lt;Dual&lt;T&gt;&gt;</c>).
/// </summary>
/// <typeparam name="TF">The function value's type.</typeparam>
public readonly struct Derivative<TF>(TF f) : IUnaryFunction where TF : IUnaryFunction
{
    private readonly TF _f = FunctionValue.Required(f, nameof(f));

    /// <summary>f′(x).</summary>
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => Forward.Derivative<T>(_f.F, x);
}

/// <summary>
/// x ↦ f⁽ᵏ⁾(x) for a function value f: ℝ → ℝ, from one evaluation on a Taylor series of order k
/// (f⁽ᵏ⁾(x) = k!·c_k). Itself a function value.
/// </summary>
/// <typeparam name="TF">The function value's type.</typeparam>
public readonly struct HigherDerivative<TF> : IUnaryFunction where TF : IUnaryFunction
{
    private readonly TF _f;
    private readonly int _order;

    /// <summary>The k-th derivative of f.</summary>
    /// <exception cref="ArgumentOutOfRangeException">order is negative.</exception>
    public HigherDerivative(TF f, int order)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        _f = FunctionValue.Required(f, nameof(f));
        _order = order;
    }

    /// <summary>f⁽ᵏ⁾(x).</summary>
    public T F<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T[] c = Forward.Taylor<T>(_f.F, x, _order);
        return new Taylor<T>(c).Derivative(_order);
    }
}
