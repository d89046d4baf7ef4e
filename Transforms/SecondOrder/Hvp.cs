using System.Numerics;

namespace Autodiff;

/// <summary>
/// (x, v) ↦ ∇²f(x) v for a function value f: ℝⁿ → ℝ, by forward-over-reverse (<c>Tracked&lt;Dual&lt;T&gt;&gt;</c>):
/// one gradient's cost, no n×n matrix.
/// </summary>
/// <typeparam name="TF">The function value's type.</typeparam>
public readonly struct Hvp<TF>(TF f) where TF : IScalarFunction
{
    private readonly TF _f = FunctionValue.Required(f, nameof(f));

    /// <summary>H v.</summary>
    /// <exception cref="ArgumentException">x is empty or v's length differs from x's.</exception>
    public T[] F<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> v) where T : IFloatingPointIeee754<T> =>
        Hessian.Hvp<T>(_f.F, x, v);

    /// <summary>x ↦ ∇²f(x) v for a fixed direction v: a function value ℝⁿ → ℝⁿ of its own.</summary>
    /// <typeparam name="TV">The type of v's entries (<c>double</c>, <c>float</c>, …).</typeparam>
    public HvpAlong<TF, TV> Along<TV>(params TV[] v) where TV : IFloatingPointIeee754<TV> => new(_f, v);
}

/// <summary>
/// x ↦ ∇²f(x) v for a fixed direction v (plain numbers, lifted as constants into whatever type the function value is
/// evaluated on): a function value, so it composes, e.g. <c>f.Hvp().Along(v).Jacfwd()</c> is ∇³f[v].
/// </summary>
/// <typeparam name="TF">The function value's type.</typeparam>
/// <typeparam name="TV">The type of v's entries.</typeparam>
public readonly struct HvpAlong<TF, TV> : IVectorFunction where TF : IScalarFunction where TV : IFloatingPointIeee754<TV>
{
    private readonly TF _f;
    private readonly TV[] _v;

    internal HvpAlong(TF f, TV[] v)
    {
        ArgumentNullException.ThrowIfNull(v);
        _f = FunctionValue.Required(f, nameof(f));
        _v = (TV[])v.Clone();
    }

    /// <summary>∇²f(x) v.</summary>
    public T[] F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        Hessian.Hvp<T>(_f.F, x, Array.ConvertAll(_v, T.CreateChecked));
}
