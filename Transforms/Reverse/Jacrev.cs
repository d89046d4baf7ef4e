using System.Numerics;

namespace Autodiff;

/// <summary>
/// x ↦ J_f(x) for a function value f: ℝⁿ → ℝᵐ, by reverse mode: one evaluation on <c>Tracked&lt;T&gt;</c> and m
/// pullback sweeps, one row each, over the cores when m is large enough (bit-identical to serial). Row-major m×n
/// (<see cref="Shaped"/>); itself a function value ℝⁿ → ℝ^{m·n}.
/// </summary>
/// <typeparam name="TF">The function value's type.</typeparam>
public readonly struct Jacrev<TF>(TF f, bool parallel = true) : IVectorFunction where TF : IVectorFunction
{
    private readonly TF _f = FunctionValue.Required(f, nameof(f));

    /// <summary>J_f(x), row-major.</summary>
    public T[] F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        Reverse.JacobianRowMajor<T>(_f.F, x, parallel);

    /// <summary>J_f(x) as an m×n matrix.</summary>
    public T[,] Matrix<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => F(x).ToMatrix(x.Length);
}

/// <summary>x ↦ (f(x), ū ↦ ūᵀJ_f(x)) for a function value f: ℝⁿ → ℝᵐ: one evaluation; the pullback is pure and reusable.</summary>
/// <typeparam name="TF">The function value's type.</typeparam>
public readonly struct Vjp<TF>(TF f) where TF : IVectorFunction
{
    private readonly TF _f = FunctionValue.Required(f, nameof(f));

    /// <summary>f(x) and its pullback (callable as a <c>Func&lt;T[], T[]&gt;</c>).</summary>
    public (T[] Value, Pullback<T> Pullback) F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        Reverse.Vjp<T>(_f.F, x);
}
