using System.Numerics;
using LanguageExt;
using LanguageExt.Common;
using static System.FormattableString;

namespace Autodiff;

/// <summary>
/// The factorisation A = L Lᵀ of a symmetric positive definite matrix, written once for every use: solves in half
/// the work of LU with no pivoting, and log det A = 2 Σ log l_ii.
/// </summary>
/// <remarks>
/// l_jj = √(a_jj − Σ_{k&lt;j} l_jk²), l_ij = (a_ij − Σ_{k&lt;j} l_ik l_jk) / l_jj for i &gt; j: n³/3 operations, the lower
/// triangle of A only. A pivot d_j = a_jj − Σ_{k&lt;j} l_jk² ≤ n · ε · max|a_ij| means A is indefinite, negative
/// definite, or semi-definite and singular to working precision, and <see cref="Factor"/> says so.
/// </remarks>
/// <typeparam name="T">The scalar type.</typeparam>
public sealed class CholeskyFactorization<T> where T : IFloatingPointIeee754<T>
{
    // Row-major n×n lower triangle of L.
    private readonly T[] _l;

    private CholeskyFactorization(T[] l, int n)
    {
        _l = l;
        Order = n;
    }

    /// <summary>n, the order of A.</summary>
    public int Order { get; }

    /// <summary>Factors the symmetric n×n matrix A (not modified).</summary>
    /// <returns>The factorisation, or a failure "matrix is not positive definite: pivot … in column …".</returns>
    /// <exception cref="ArgumentException">
    /// a is null, empty, not square, or not symmetric (|a_ij − a_ji| &gt; 10⁻¹⁰ · max|a_kl|), or an entry is NaN or
    /// infinite.
    /// </exception>
    public static Fin<CholeskyFactorization<T>> Factor(T[,] a)
    {
        int n = MatrixArguments.Square(a, nameof(a));
        T[] rowMajor = RowMajor.Of(a, n);
        MatrixArguments.Symmetric<T>(rowMajor, n, nameof(a));
        return FactorRowMajor(rowMajor, n);
    }

    /// <summary>Factors the row-major n×n matrix <paramref name="a"/>, reading its lower triangle.</summary>
    internal static Fin<CholeskyFactorization<T>> FactorRowMajor(ReadOnlySpan<T> a, int n)
    {
        T tolerance = T.CreateChecked(n) * Precision<T>.Epsilon * MatrixArguments.MaxAbs(a);
        var l = new T[n * n];
        for (int j = 0; j < n; j++)
        {
            ReadOnlySpan<T> rowJ = l.AsSpan(j * n, j);
            T pivot = a[j * n + j];
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
                T sum = a[i * n + j];
                for (int k = 0; k < j; k++)
                    sum -= rowI[k] * rowJ[k];
                l[i * n + j] = sum / diagonal;
            }
        }
        return new CholeskyFactorization<T>(l, n);
    }

    /// <summary>x = A⁻¹ b: L y = b, then Lᵀ x = y.</summary>
    /// <exception cref="ArgumentException">b's length is not n.</exception>
    public T[] Solve(ReadOnlySpan<T> b)
    {
        int n = Order;
        if (b.Length != n)
            throw new ArgumentException(Invariant($"b has length {b.Length} but A is {n}×{n}; b must have length {n}."), nameof(b));
        T[] x = b.ToArray();
        for (int i = 0; i < n; i++)
        {
            T sum = x[i];
            for (int k = 0; k < i; k++)
                sum -= _l[i * n + k] * x[k];
            x[i] = sum / _l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            T sum = x[i];
            for (int k = i + 1; k < n; k++)
                sum -= _l[k * n + i] * x[k];
            x[i] = sum / _l[i * n + i];
        }
        return x;
    }

    /// <summary>A⁻¹, row-major: n solves against the identity.</summary>
    internal T[] InverseRowMajor()
    {
        int n = Order;
        var inverse = new T[n * n];
        var unit = new T[n];
        for (int c = 0; c < n; c++)
        {
            unit.AsSpan().Clear();
            unit[c] = T.One;
            T[] column = Solve(unit);
            for (int i = 0; i < n; i++)
                inverse[i * n + c] = column[i];
        }
        return inverse;
    }

    /// <summary>log det A = 2 Σ log l_ii (A ≻ 0, so det A &gt; 0).</summary>
    public T LogDeterminant
    {
        get
        {
            T sum = T.Zero;
            for (int i = 0; i < Order; i++)
                sum += T.Log(_l[i * Order + i]);
            return sum + sum;
        }
    }
}
