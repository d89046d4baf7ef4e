using System.Numerics;
using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>
/// Matrix products on row-major spans, accumulating into C, in the three layouts reverse mode needs:
/// C += A B (forward), C += A Bᵀ (Ā = C̄ Bᵀ) and C += Aᵀ B (B̄ = Aᵀ C̄). Each inner loop is a
/// <see cref="TensorPrimitives"/> call on contiguous rows (an axpy or a dot product), so it runs with SIMD; products
/// large enough to repay packing go to <see cref="BlockedGemm"/> instead (<c>double</c> and <c>float</c>).
/// </summary>
internal static class Gemm
{
    // Below this many multiply-adds, or with C narrower than a micro-tile, packing costs more than it saves.
    private const long BlockedWork = 1 << 15;

    // Stryker disable once Logical,Equality,Arithmetic : which kernel runs is a speed choice; both compute the product
    // (BlockedProductProperties holds the blocked kernel to the plain loop).
    private static bool Blocked<T>(int rows, int inner, int columns) =>
        BlockedGemm.Supports<T>() && rows >= BlockedGemm.Rows && columns >= 8 && inner >= 8
        && (long)rows * inner * columns >= BlockedWork;

    /// <summary>C (m×n) += A (m×k) · B (k×n): row i of C gains a_ik · (row k of B) for each k.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : IFloatingPointIeee754<T>
    {
        if (Blocked<T>(m, k, n))
        {
            BlockedGemm.Multiply(a, false, b, false, c, m, k, n);
            return;
        }
        if (n == 1)
        {
            // A matrix–vector product: one dot product per row (k-long rows, not k calls on one-entry rows).
            for (int i = 0; i < m; i++)
                c[i] += TensorPrimitives.Dot(a.Slice(i * k, k), b);
            return;
        }
        for (int i = 0; i < m; i++)
        {
            Span<T> rowC = c.Slice(i * n, n);
            for (int l = 0; l < k; l++)
            {
                T ail = a[i * k + l];
                if (!T.IsZero(ail))
                    TensorPrimitives.MultiplyAdd(b.Slice(l * n, n), ail, rowC, rowC);
            }
        }
    }

    /// <summary>C (m×n) += A (m×k) · Bᵀ, B being n×k: c_ij gains (row i of A) · (row j of B).</summary>
    public static void MultiplyTransposed<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : IFloatingPointIeee754<T>
    {
        if (Blocked<T>(m, k, n))
        {
            BlockedGemm.Multiply(a, false, b, true, c, m, k, n);
            return;
        }
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<T> rowA = a.Slice(i * k, k);
            for (int j = 0; j < n; j++)
                c[i * n + j] += TensorPrimitives.Dot(rowA, b.Slice(j * k, k));
        }
    }

    /// <summary>C (k×n) += Aᵀ · B, A being m×k and B m×n: row l of C gains a_il · (row i of B) for each i.</summary>
    public static void TransposedMultiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : IFloatingPointIeee754<T>
    {
        if (Blocked<T>(k, m, n))
        {
            BlockedGemm.Multiply(a, true, b, false, c, k, m, n);
            return;
        }
        if (n == 1)
        {
            // Aᵀ times a vector: c gains b_i · (row i of A) for each i.
            for (int i = 0; i < m; i++)
                TensorPrimitives.MultiplyAdd(a.Slice(i * k, k), b[i], c, c);
            return;
        }
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<T> rowB = b.Slice(i * n, n);
            for (int l = 0; l < k; l++)
            {
                T ail = a[i * k + l];
                if (!T.IsZero(ail))
                    TensorPrimitives.MultiplyAdd(rowB, ail, c.Slice(l * n, n), c.Slice(l * n, n));
            }
        }
    }
}
