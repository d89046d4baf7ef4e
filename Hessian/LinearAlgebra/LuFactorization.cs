using System.Numerics;
using LanguageExt;
using LanguageExt.Common;
using static System.FormattableString;

namespace Autodiff;

/// <summary>
/// The factorisation P A = L U of a square matrix by Gaussian elimination with partial pivoting, written once for
/// every use: linear solves, inverses and determinants (det A = (−1)^swaps · Π u_ii).
/// </summary>
/// <remarks>
/// Costs (2/3) n³ operations once; each solve is then 2n². A pivot counts as zero when |pivot| ≤ n · ε · max|a_ij|,
/// with ε the machine epsilon of T: below that it is indistinguishable from rounding error accumulated over n steps of
/// elimination, and <see cref="Factor"/> reports the matrix singular instead of returning a meaningless factorisation.
/// </remarks>
/// <typeparam name="T">The scalar type.</typeparam>
public sealed class LuFactorization<T> where T : IFloatingPointIeee754<T>
{
    // Row-major n×n: U on and above the diagonal, L's multipliers below it (L has a unit diagonal).
    private readonly T[] _lu;
    // Row i of L U is row _permutation[i] of A.
    private readonly int[] _permutation;
    private readonly bool _oddPermutation;

    private LuFactorization(T[] lu, int[] permutation, bool oddPermutation)
    {
        _lu = lu;
        _permutation = permutation;
        _oddPermutation = oddPermutation;
    }

    /// <summary>n, the order of A.</summary>
    public int Order => _permutation.Length;

    /// <summary>Factors the n×n matrix A (not modified).</summary>
    /// <returns>The factorisation, or a failure "matrix is singular: pivot … in column …".</returns>
    /// <exception cref="ArgumentException">a is null, empty or not square, or an entry is NaN or infinite.</exception>
    public static Fin<LuFactorization<T>> Factor(T[,] a)
    {
        int n = MatrixArguments.Square(a, nameof(a));
        return FactorRowMajor(RowMajor.Of(a, n), n);
    }

    /// <summary>Factors the row-major n×n matrix <paramref name="a"/> (not modified; entries assumed finite).</summary>
    internal static Fin<LuFactorization<T>> FactorRowMajor(ReadOnlySpan<T> a, int n)
    {
        T tolerance = T.CreateChecked(n) * Precision<T>.Epsilon * MatrixArguments.MaxAbs(a);
        T[] lu = a.ToArray();
        int[] permutation = Enumerable.Range(0, n).ToArray();
        bool odd = false;
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
                for (int j = 0; j < n; j++)
                    (lu[k * n + j], lu[p * n + j]) = (lu[p * n + j], lu[k * n + j]);
                (permutation[k], permutation[p]) = (permutation[p], permutation[k]);
                odd = !odd;
            }
            ReadOnlySpan<T> rowK = lu.AsSpan(k * n + k + 1, n - k - 1);
            for (int i = k + 1; i < n; i++)
            {
                T multiplier = lu[i * n + k] / pivot;
                lu[i * n + k] = multiplier;
                Span<T> rowI = lu.AsSpan(i * n + k + 1, n - k - 1);
                for (int j = 0; j < rowI.Length; j++)
                    rowI[j] -= multiplier * rowK[j];
            }
        }
        return new LuFactorization<T>(lu, permutation, odd);
    }

    /// <summary>x = A⁻¹ b: L y = P b by forward substitution, then U x = y by back substitution.</summary>
    /// <exception cref="ArgumentException">b's length is not n.</exception>
    public T[] Solve(ReadOnlySpan<T> b)
    {
        int n = Order;
        if (b.Length != n)
            throw new ArgumentException(Invariant($"b has length {b.Length} but A is {n}×{n}; b must have length {n}."), nameof(b));
        var x = new T[n];
        for (int i = 0; i < n; i++)
            x[i] = b[_permutation[i]];
        SolveInPlace(x);
        return x;
    }

    /// <summary>Solves in place: on entry x = P b, on exit x = A⁻¹ b.</summary>
    private void SolveInPlace(Span<T> x)
    {
        int n = Order;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                x[i] -= _lu[i * n + j] * x[j];
        for (int i = n - 1; i >= 0; i--)
        {
            T sum = x[i];
            for (int j = i + 1; j < n; j++)
                sum -= _lu[i * n + j] * x[j];
            x[i] = sum / _lu[i * n + i];
        }
    }

    /// <summary>X = A⁻¹ B for a row-major n×k right-hand side B, column by column.</summary>
    internal T[] SolveRowMajor(ReadOnlySpan<T> b, int columns)
    {
        int n = Order;
        var x = new T[n * columns];
        var column = new T[n];
        for (int c = 0; c < columns; c++)
        {
            for (int i = 0; i < n; i++)
                column[i] = b[_permutation[i] * columns + c];
            SolveInPlace(column);
            for (int i = 0; i < n; i++)
                x[i * columns + c] = column[i];
        }
        return x;
    }

    /// <summary>Xᵀ = Bᵀ A⁻¹, i.e. X = A⁻ᵀ B, for a row-major n×k B: solves Aᵀ x = b through Uᵀ, Lᵀ and Pᵀ.</summary>
    internal T[] SolveTransposedRowMajor(ReadOnlySpan<T> b, int columns)
    {
        int n = Order;
        var x = new T[n * columns];
        var column = new T[n];
        for (int c = 0; c < columns; c++)
        {
            for (int i = 0; i < n; i++)
                column[i] = b[i * columns + c];
            // Aᵀ = Uᵀ Lᵀ P: Uᵀ z = b (forward), Lᵀ w = z (backward, unit diagonal), x = Pᵀ w.
            for (int i = 0; i < n; i++)
            {
                T sum = column[i];
                for (int j = 0; j < i; j++)
                    sum -= _lu[j * n + i] * column[j];
                column[i] = sum / _lu[i * n + i];
            }
            for (int i = n - 1; i >= 0; i--)
                for (int j = i + 1; j < n; j++)
                    column[i] -= _lu[j * n + i] * column[j];
            for (int i = 0; i < n; i++)
                x[_permutation[i] * columns + c] = column[i];
        }
        return x;
    }

    /// <summary>A⁻¹, row-major: n solves against the identity.</summary>
    internal T[] InverseRowMajor() => SolveRowMajor(RowMajor.Identity<T>(Order), Order);

    /// <summary>A⁻ᵀ, row-major: n transposed solves against the identity (the gradient of log |det A|).</summary>
    internal T[] InverseTransposeRowMajor() => SolveTransposedRowMajor(RowMajor.Identity<T>(Order), Order);

    /// <summary>det A = (−1)^swaps · Π u_ii.</summary>
    public T Determinant
    {
        get
        {
            T product = _oddPermutation ? T.NegativeOne : T.One;
            for (int i = 0; i < Order; i++)
                product *= _lu[i * Order + i];
            return product;
        }
    }

    /// <summary>log |det A| = Σ log |u_ii|, which neither overflows nor underflows where the determinant would.</summary>
    public T LogAbsDeterminant
    {
        get
        {
            T sum = T.Zero;
            for (int i = 0; i < Order; i++)
                sum += T.Log(T.Abs(_lu[i * Order + i]));
            return sum;
        }
    }
}
