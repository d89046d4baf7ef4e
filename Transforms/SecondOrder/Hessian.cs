using System.Numerics;

namespace Autodiff;

/// <summary>
/// x ↦ ∇²f(x) for a function value f: ℝⁿ → ℝ: <c>Jacfwd(Grad f)</c>, forward-over-reverse, n columns
/// H e_j = ∂/∂ε ∇f(x + e_j ε) over the cores when n is large enough (bit-identical to serial). Each column runs the
/// reverse gradient on <c>Dual&lt;T&gt;</c> into a buffer of its worker's, so no column allocates an array; the
/// result is row-major n×n (<see cref="Shaped"/>), or written into the caller's buffer. Itself a function value
/// ℝⁿ → ℝ^{n·n}: <c>f.Hessian().Jacfwd()</c> is the third derivative.
/// </summary>
/// <typeparam name="TF">The function value's type.</typeparam>
public readonly struct Hessian<TF>(TF f, bool parallel = true) : IVectorFunction where TF : IScalarFunction
{
    private readonly Grad<TF> _gradient = new(FunctionValue.Required(f, nameof(f)));

    /// <summary>∇²f(x), row-major.</summary>
    /// <exception cref="ArgumentException">x is empty.</exception>
    public T[] F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        Require.NotEmpty(x, nameof(x));
        return Forward.JacobianRowMajor<T>(_gradient.F, x, x.Length, parallel);
    }

    /// <summary>∇²f(x), row-major, into <paramref name="hessian"/> (n·n entries): repeated calls allocate no result.</summary>
    /// <exception cref="ArgumentException">x is empty, or hessian does not have n·n entries.</exception>
    public void F<T>(ReadOnlySpan<T> x, Span<T> hessian) where T : IFloatingPointIeee754<T>
    {
        Require.NotEmpty(x, nameof(x));
        Require.Length(hessian, x.Length * x.Length, nameof(hessian), "a row-major n×n Hessian (n = x.Length)");
        Forward.JacobianRowMajor<T>(_gradient.F, x, x.Length, hessian, parallel);
    }

    /// <summary>∇²f(x) as an n×n matrix.</summary>
    /// <exception cref="ArgumentException">x is empty.</exception>
    public T[,] Matrix<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => F(x).ToMatrix(x.Length);
}
