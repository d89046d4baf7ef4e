using System.Numerics;
using LanguageExt;
using LanguageExt.Common;
using static System.FormattableString;

namespace Autodiff;

/// <summary>
/// Dense linear solves A x = b for the second-order tools (Newton and Gauss–Newton steps): LU with partial
/// pivoting for any square A, Cholesky for symmetric positive definite A.
/// </summary>
/// <remarks>
/// A matrix is a <c>T[n, n]</c> read as a_ij = <c>a[i, j]</c>; vectors go in as spans (arrays convert) and the
/// solution comes out as an immutable <see cref="Arr{A}"/>, so a result prints its entries (<c>Succ([1, 2])</c>). Malformed input (null, empty, non-square, a right-hand side of the wrong
/// length, non-finite entries, a non-symmetric matrix for Cholesky) throws an <see cref="ArgumentException"/>
/// naming the argument and the shapes. A well-formed system that has no reliable solution — A singular, or
/// singular to working precision, or not positive definite for Cholesky — is an answer, not a mistake: it comes back
/// as <see cref="Fin{A}"/> in the failed state with an <see cref="Error"/> saying which pivot and column failed
/// (columns count from 0).
/// A pivot counts as zero when |pivot| ≤ n · ε · max|a_ij|, with ε the machine epsilon of T (2⁻⁵² for double):
/// below that, the pivot is indistinguishable from rounding error accumulated over n steps of elimination.
/// </remarks>
public static class Solve
{
    /// <summary>
    /// Solves A x = b by Gaussian elimination with partial pivoting (P A = L U, then L y = P b, U x = y),
    /// in (2/3) n³ operations.
    /// </summary>
    /// <param name="a">The n×n matrix A (not modified).</param>
    /// <param name="b">The right-hand side, of length n.</param>
    /// <returns>
    /// x = A⁻¹ b, or a failure "matrix is singular: pivot … in column …" when, after choosing the largest remaining
    /// entry of a column as pivot, |pivot| ≤ n · ε · max|a_ij|.
    /// </returns>
    /// <exception cref="ArgumentNullException">a is null.</exception>
    /// <exception cref="ArgumentException">a is empty or not square, b's length is not n, or an entry is NaN or infinite.</exception>
    public static Fin<Arr<T>> Linear<T>(T[,] a, ReadOnlySpan<T> b) where T : IFloatingPointIeee754<T>
    {
        int n = MatrixArguments.Square(a, nameof(a));
        MatrixArguments.RightHandSide(b, n, nameof(b), nameof(a));
        T[] rhs = b.ToArray();
        return LuFactorization<T>.FactorRowMajor(RowMajor.Of(a, n), n).Map(lu => new Arr<T>(lu.Solve(rhs)));
    }

    /// <summary>
    /// Solves A x = b for symmetric positive definite A by the Cholesky factorisation A = L Lᵀ
    /// (then L y = b, Lᵀ x = y), in n³/3 operations — half of LU, and no pivoting needed.
    /// </summary>
    /// <param name="a">The n×n symmetric matrix A (not modified); its lower triangle is used.</param>
    /// <param name="b">The right-hand side, of length n.</param>
    /// <returns>
    /// x = A⁻¹ b, or a failure "matrix is not positive definite: pivot … in column …" when a pivot
    /// d_j = a_jj − Σ_{k&lt;j} l_jk² is ≤ n · ε · max|a_ij| (A is indefinite, negative definite, or positive
    /// semi-definite and singular to working precision). A Newton step can fall back to <see cref="Linear{T}"/>
    /// or to a modified Hessian on this failure.
    /// </returns>
    /// <exception cref="ArgumentNullException">a is null.</exception>
    /// <exception cref="ArgumentException">
    /// a is empty, not square, or not symmetric (|a_ij − a_ji| &gt; 10⁻¹⁰ · max|a_kl|), b's length is not n, or an
    /// entry is NaN or infinite.
    /// </exception>
    public static Fin<Arr<T>> Cholesky<T>(T[,] a, ReadOnlySpan<T> b) where T : IFloatingPointIeee754<T>
    {
        int n = MatrixArguments.Square(a, nameof(a));
        T[] rowMajor = RowMajor.Of(a, n);
        MatrixArguments.Symmetric<T>(rowMajor, n, nameof(a));
        MatrixArguments.RightHandSide(b, n, nameof(b), nameof(a));
        T[] rhs = b.ToArray();
        return CholeskyFactorization<T>.FactorRowMajor(rowMajor, n).Map(l => new Arr<T>(l.Solve(rhs)));
    }
}
