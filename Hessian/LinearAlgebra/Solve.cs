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
/// solution comes out as a fresh array. Malformed input (null, empty, non-square, a right-hand side of the wrong
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
    public static Fin<T[]> Linear<T>(T[,] a, ReadOnlySpan<T> b) where T : IFloatingPointIeee754<T>
    {
        int n = MatrixArguments.Square(a, nameof(a));
        MatrixArguments.RightHandSide(b, n, nameof(b), nameof(a));
        T tolerance = T.CreateChecked(n) * Precision<T>.Epsilon * MatrixArguments.MaxAbs(a, n);

        // Row-major working copy: row i is lu[i·n .. i·n + n). Elimination overwrites it with U (L is not kept:
        // its multipliers are applied to x as they are made).
        var lu = new T[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                lu[i * n + j] = a[i, j];
        T[] x = b.ToArray();

        for (int k = 0; k < n; k++)
        {
            int p = k;
            for (int i = k + 1; i < n; i++)
                if (T.Abs(lu[i * n + k]) > T.Abs(lu[p * n + k]))
                    p = i;
            T pivot = lu[p * n + k];
            if (T.Abs(pivot) <= tolerance)
                return Error.New(Invariant(
                    $"matrix is singular: pivot {pivot} in column {k} is at most n·ε·max|A_ij| = {tolerance}."));
            if (p != k)
            {
                for (int j = k; j < n; j++)
                    (lu[k * n + j], lu[p * n + j]) = (lu[p * n + j], lu[k * n + j]);
                (x[k], x[p]) = (x[p], x[k]);
            }
            ReadOnlySpan<T> rowK = lu.AsSpan(k * n + k + 1, n - k - 1);
            for (int i = k + 1; i < n; i++)
            {
                T multiplier = lu[i * n + k] / pivot;
                Span<T> rowI = lu.AsSpan(i * n + k + 1, n - k - 1);
                for (int j = 0; j < rowI.Length; j++)
                    rowI[j] -= multiplier * rowK[j];
                x[i] -= multiplier * x[k];
            }
        }

        // Back substitution: x_i = (y_i − Σ_{j>i} u_ij x_j) / u_ii.
        for (int i = n - 1; i >= 0; i--)
        {
            T sum = x[i];
            for (int j = i + 1; j < n; j++)
                sum -= lu[i * n + j] * x[j];
            x[i] = sum / lu[i * n + i];
        }
        return x;
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
    public static Fin<T[]> Cholesky<T>(T[,] a, ReadOnlySpan<T> b) where T : IFloatingPointIeee754<T>
    {
        int n = MatrixArguments.Square(a, nameof(a));
        MatrixArguments.Symmetric(a, n, nameof(a));
        MatrixArguments.RightHandSide(b, n, nameof(b), nameof(a));
        T tolerance = T.CreateChecked(n) * Precision<T>.Epsilon * MatrixArguments.MaxAbs(a, n);

        // l_jj = √(a_jj − Σ_{k<j} l_jk²), l_ij = (a_ij − Σ_{k<j} l_ik l_jk) / l_jj for i > j; row-major, lower part.
        var l = new T[n * n];
        for (int j = 0; j < n; j++)
        {
            ReadOnlySpan<T> rowJ = l.AsSpan(j * n, j);
            T pivot = a[j, j];
            foreach (T ljk in rowJ)
                pivot -= ljk * ljk;
            if (!(pivot > tolerance))
                return Error.New(Invariant(
                    $"matrix is not positive definite: pivot {pivot} in column {j} is at most n·ε·max|A_ij| = {tolerance}."));
            T diagonal = T.Sqrt(pivot);
            l[j * n + j] = diagonal;
            for (int i = j + 1; i < n; i++)
            {
                ReadOnlySpan<T> rowI = l.AsSpan(i * n, j);
                T sum = a[i, j];
                for (int k = 0; k < j; k++)
                    sum -= rowI[k] * rowJ[k];
                l[i * n + j] = sum / diagonal;
            }
        }

        // L y = b, then Lᵀ x = y, in place.
        T[] x = b.ToArray();
        for (int i = 0; i < n; i++)
        {
            T sum = x[i];
            for (int k = 0; k < i; k++)
                sum -= l[i * n + k] * x[k];
            x[i] = sum / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            T sum = x[i];
            for (int k = i + 1; k < n; k++)
                sum -= l[k * n + i] * x[k];
            x[i] = sum / l[i * n + i];
        }
        return x;
    }
}
