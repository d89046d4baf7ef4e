using System.Numerics;

namespace Autodiff;

/// <summary>f paired with auxiliary outputs aux(x) that ride along undifferentiated (JAX's <c>has_aux</c>).</summary>
/// <typeparam name="TF">The differentiated function's type.</typeparam>
/// <typeparam name="TA">The auxiliary function's type.</typeparam>
public readonly struct WithAux<TF, TA>(TF f, TA aux) : IScalarFunctionWithAux
    where TF : IScalarFunction
    where TA : IVectorFunction
{
    private readonly TF _f = FunctionValue.Required(f, nameof(f));
    private readonly TA _aux = FunctionValue.Required(aux, nameof(aux));

    /// <summary>f(x) and aux(x).</summary>
    public (T Value, T[] Aux) F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => (_f.F(x), _aux.F(x));
}

/// <summary>
/// x ↦ (f(x), ∇f(x), aux(x)) for a function value with auxiliary outputs: one evaluation and one sweep; the auxiliary
/// outputs come back as plain values, and nothing of them reaches the gradient.
/// </summary>
/// <typeparam name="TF">The function value's type.</typeparam>
public readonly struct GradWithAux<TF>(TF f) where TF : IScalarFunctionWithAux
{
    private readonly TF _f = FunctionValue.Required(f, nameof(f));

    /// <summary>f(x), ∇f(x) and the auxiliary outputs.</summary>
    public (T Value, T[] Gradient, T[] Aux) F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        TF f = _f;
        T[] aux = [];
        (T value, T[] gradient) = Reverse.ValueAndGrad<T>(input =>
        {
            (Tracked<T> y, Tracked<T>[] a) = f.F(input);
            aux = Array.ConvertAll(a, t => t.Value);
            return y;
        }, x);
        return (value, gradient, aux);
    }
}
