using System.Numerics;

namespace Autodiff;

/// <summary>
/// Determinants, inverses and solves of <c>T[n, n]</c> matrices for any number type — <c>double</c>, <c>float</c>, and
/// the library's <c>Dual</c>, <c>HyperDual</c>, <c>Tracked</c> and their nestings — so that numerical code calling
/// them differentiates as written: run on tracked numbers, X ↦ det X has the gradient det(X) X⁻ᵀ, and on duals
/// X ↦ X⁻¹ has the tangent −X⁻¹ ∂X X⁻¹ (the seeds' identities, (5.101)–(5.103)).
/// </summary>
/// <remarks>
/// One LU factorisation with partial pivoting (see <see cref="LuFactorization{T}"/>), whose elimination steps the
/// number types differentiate. Unlike <see cref="Solve.Linear{T}"/>, which answers a singular system with a failed
/// <c>Fin</c>, these are for use inside functions and throw instead: a matrix singular to working precision has no
/// inverse, and no derivative of det through an inverse.
/// </remarks>
public static class Matrix
{
    /// <summary>det A = (−1)^swaps · Π u_ii.</summary>
    /// <exception cref="ArgumentException">a is empty, not square, has a non-finite entry, or is singular.</exception>
    public static T Determinant<T>(T[,] a) where T : IFloatingPointIeee754<T> => Factor(a, nameof(Determinant)).Determinant;

    /// <summary>log |det A| = Σ log |u_ii| (no overflow where det A would).</summary>
    /// <exception cref="ArgumentException">a is empty, not square, has a non-finite entry, or is singular.</exception>
    public static T LogAbsDeterminant<T>(T[,] a) where T : IFloatingPointIeee754<T> =>
        Factor(a, nameof(LogAbsDeterminant)).LogAbsDeterminant;

    /// <summary>A⁻¹, one LU solve per column of the identity.</summary>
    /// <exception cref="ArgumentException">a is empty, not square, has a non-finite entry, or is singular.</exception>
    public static T[,] Inverse<T>(T[,] a) where T : IFloatingPointIeee754<T>
    {
        LuFactorization<T> lu = Factor(a, nameof(Inverse));
        return lu.InverseRowMajor().ToMatrix(lu.Order);
    }

    /// <summary>x = A⁻¹ b.</summary>
    /// <exception cref="ArgumentException">a is empty, not square, has a non-finite entry, or is singular; or b's length is not n.</exception>
    public static T[] Solve<T>(T[,] a, ReadOnlySpan<T> b) where T : IFloatingPointIeee754<T>
    {
        int n = MatrixArguments.Square(a, nameof(a));
        MatrixArguments.RightHandSide(b, n, nameof(b), nameof(a));
        return Factor(a, nameof(Solve)).Solve(b);
    }

    private static LuFactorization<T> Factor<T>(T[,] a, string operation) where T : IFloatingPointIeee754<T> =>
        LuFactorization<T>.Factor(a).Match(
            lu => lu,
            error => throw new ArgumentException($"{operation}: {error.Message}", nameof(a)));
}
