using System.Numerics;

namespace Autodiff;

/// <summary>
/// x ↦ J_f(x) for a function value f: ℝⁿ → ℝᵐ, by forward mode: n evaluations on <c>Dual&lt;T&gt;</c>, one column
/// each, over the cores when n is large enough (bit-identical to serial). The result is row-major m×n
/// (<see cref="Shaped"/>); itself a function value ℝⁿ → ℝ^{m·n}, so Jacobians nest: <c>f.Grad().Jacfwd()</c> is the
/// Hessian by forward-over-reverse, <c>f.Jacfwd().Jacfwd().Jacfwd()</c> the third derivative.
/// </summary>
/// <typeparam name="TF">The function value's type.</typeparam>
public readonly struct Jacfwd<TF>(TF f, bool parallel = true) : IVectorFunction where TF : IVectorFunction
{
    private readonly TF _f = FunctionValue.Required(f, nameof(f));

    /// <summary>J_f(x), row-major.</summary>
    public T[] F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        Forward.JacobianRowMajor<T>(_f.F, x, parallel);

    /// <summary>J_f(x) as an m×n matrix.</summary>
    public T[,] Matrix<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => F(x).ToMatrix(x.Length);
}

/// <summary>
/// (x, v) ↦ (f(x), J_f(x) v) for a function value f: ℝⁿ → ℝᵐ: one evaluation on <c>Dual&lt;T&gt;</c>.
/// </summary>
/// <typeparam name="TF">The function value's type.</typeparam>
public readonly struct Jvp<TF>(TF f) where TF : IVectorFunction
{
    private readonly TF _f = FunctionValue.Required(f, nameof(f));

    /// <summary>f(x) and J v.</summary>
    /// <exception cref="ArgumentException">x is empty or v's length differs from x's.</exception>
    public (T[] Value, T[] Tangent) F<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> v) where T : IFloatingPointIeee754<T> =>
        Forward.Jvp<T>(_f.F, x, v);
}
