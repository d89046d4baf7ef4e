using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Autodiff;

/// <summary>
/// C (M×N) += op(A) (M×K) · op(B) (K×N) for <c>double</c> and <c>float</c>, register- and cache-blocked (the
/// Goto/BLIS scheme): op(A) is packed into panels of <see cref="Rows"/> rows and op(B) into panels of two vectors'
/// width of columns, K in blocks of <see cref="DepthBlock"/>, so that the micro-kernel keeps a Rows × 2-vector tile of
/// C in eight registers and reads its operands contiguously. Packing also absorbs the transposes: op(X) is X or Xᵀ,
/// read in the layout reverse mode needs, with no transposed copy made first.
/// </summary>
/// <remarks>
/// Edges are packed with zeros and the tile is added to C only where it lies inside, so any M, N, K ≥ 1 works.
/// Every entry of C gains the same products in the same order whichever tile computes it, so the result does not
/// depend on how the work is split.
/// </remarks>
internal static class BlockedGemm
{
    /// <summary>Rows of op(A) per micro-tile.</summary>
    public const int Rows = 4;

    /// <summary>Depth of a packed panel: Rows + 2·(vector width) numbers per step keep the panels in L1/L2.</summary>
    public const int DepthBlock = 256;

    /// <summary>True where the packed kernels run: <c>double</c> or <c>float</c> with 256-bit vectors.</summary>
    public static bool Supports<T>() =>
        Vector256.IsHardwareAccelerated && (typeof(T) == typeof(double) || typeof(T) == typeof(float));

    /// <summary>C += op(A) · op(B); op(A)_ip = a[p·M + i] when <paramref name="transposeA"/>, else a[i·K + p], and
    /// op(B)_pj = b[j·K + p] when <paramref name="transposeB"/>, else b[p·N + j].</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, bool transposeA, ReadOnlySpan<T> b, bool transposeB, Span<T> c, int m, int k, int n)
    {
        if (typeof(T) == typeof(double))
            Multiply<double>(Cast<T, double>(a), transposeA, Cast<T, double>(b), transposeB, Cast<T, double>(c), m, k, n, 0);
        else
            Multiply<float>(Cast<T, float>(a), transposeA, Cast<T, float>(b), transposeB, Cast<T, float>(c), m, k, n, 0);
    }

    // The same memory seen as the type T is known to be (T is TTo: the callers test typeof(T) first).
    private static ReadOnlySpan<TTo> Cast<TFrom, TTo>(ReadOnlySpan<TFrom> span) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TFrom, TTo>(ref MemoryMarshal.GetReference(span)), span.Length);

    private static Span<TTo> Cast<TFrom, TTo>(Span<TFrom> span) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<TFrom, TTo>(ref MemoryMarshal.GetReference(span)), span.Length);

    // a · b + c in one rounding (the JIT keeps the branch of the one type TV is).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<TV> Fma<TV>(Vector256<TV> a, Vector256<TV> b, Vector256<TV> c) =>
        typeof(TV) == typeof(double)
            ? Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, TV>()
            : Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, TV>();

    // The overload's last parameter only tells it apart from the generic entry point above.
    private static void Multiply<TV>(ReadOnlySpan<TV> a, bool transposeA, ReadOnlySpan<TV> b, bool transposeB, Span<TV> c,
        int m, int k, int n, int _) where TV : unmanaged, IFloatingPointIeee754<TV>
    {
        int width = 2 * Vector256<TV>.Count;
        int rowPanels = (m + Rows - 1) / Rows, columnPanels = (n + width - 1) / width;
        // Stryker disable once Linq : a larger buffer than needed holds the same panels.
        int depth = Math.Min(k, DepthBlock);
        TV[] packedA = ArrayPool<TV>.Shared.Rent(rowPanels * Rows * depth);
        TV[] packedB = ArrayPool<TV>.Shared.Rent(columnPanels * width * depth);
        try
        {
            for (int p0 = 0; p0 < k; p0 += DepthBlock)
            {
                int kc = Math.Min(DepthBlock, k - p0);
                PackA(a, transposeA, m, k, p0, kc, packedA);
                PackB(b, transposeB, k, n, p0, kc, width, packedB);
                int panelA = Rows * kc, panelB = width * kc;   // entries of one packed panel of A, of B
                for (int jp = 0; jp < columnPanels; jp++)
                {
                    ReadOnlySpan<TV> columns = packedB.AsSpan(jp * panelB, panelB);
                    for (int ip = 0; ip < rowPanels; ip++)
                        Tile(packedA.AsSpan(ip * panelA, panelA), columns, kc, c, n, ip * Rows, jp * width, m);
                }
            }
        }
        // Stryker disable once Block,Statement : returning memory to the pool is invisible to results.
        finally
        {
            // Stryker disable Statement : returning memory to the pool is invisible to results.
            ArrayPool<TV>.Shared.Return(packedA);
            ArrayPool<TV>.Shared.Return(packedB);
            // Stryker restore Statement
        }
    }

    // op(A)[rows, p0 .. p0 + kc) as Rows-row panels, step-major: panel ip holds op(A)_{ip·Rows + r, p0 + p} at
    // p·Rows + r (zero below row m). Packing reads A once per depth block and, with the batch as the short side of
    // a layer's product, costs as much as a large share of the multiply-adds: so no test per entry, and Aᵀ's panel
    // steps are contiguous copies.
    private static void PackA<TV>(ReadOnlySpan<TV> a, bool transposed, int m, int k, int p0, int kc, Span<TV> packed)
        where TV : unmanaged, IFloatingPointIeee754<TV>
    {
        int panels = (m + Rows - 1) / Rows;
        for (int ip = 0; ip < panels; ip++)
        {
            Span<TV> panel = packed.Slice(ip * Rows * kc, Rows * kc);
            int rows = Math.Min(Rows, m - ip * Rows);
            // Stryker disable once Statement,Equality : rows below m only ever meet columns of C that Add clips.
            if (rows < Rows)
                panel.Clear();
            if (transposed)
            {
                for (int p = 0; p < kc; p++)
                    a.Slice((p0 + p) * m + ip * Rows, rows).CopyTo(panel.Slice(p * Rows, rows));
                continue;
            }
            ref TV start = ref MemoryMarshal.GetReference(panel);
            for (int r = 0; r < rows; r++)
            {
                ReadOnlySpan<TV> row = a.Slice((ip * Rows + r) * k + p0, kc);
                ref TV column = ref Unsafe.Add(ref start, r);
                for (int p = 0; p < row.Length; p++)
                    Unsafe.Add(ref column, p * Rows) = row[p];
            }
        }
    }

    // op(B)[p0 .. p0 + kc, columns] as width-column panels, step-major: panel jp holds op(B)_{p0 + p, jp·width + c}
    // at p·width + c (zero right of column n).
    private static void PackB<TV>(ReadOnlySpan<TV> b, bool transposed, int k, int n, int p0, int kc, int width, Span<TV> packed)
        where TV : unmanaged, IFloatingPointIeee754<TV>
    {
        int panels = (n + width - 1) / width;
        for (int jp = 0; jp < panels; jp++)
        {
            Span<TV> panel = packed.Slice(jp * width * kc, width * kc);
            for (int p = 0; p < kc; p++)
            {
                Span<TV> step = panel.Slice(p * width, width);
                int j0 = jp * width, valid = Math.Min(width, n - j0);
                if (!transposed)
                    b.Slice((p0 + p) * n + j0, valid).CopyTo(step);
                else
                    for (int col = 0; col < valid; col++)
                        step[col] = b[(j0 + col) * k + p0 + p];
                // Stryker disable once Statement : columns beyond n are computed but never added to C (Add clips them).
                step[valid..].Clear();
            }
        }
    }

    // The micro-kernel: a Rows × width tile of C, at (i0, j0), gains Σ_p a_p ⊗ b_p over one depth block, kept in
    // eight vector registers; the tile is then added to C where it lies inside (m rows, n columns).
    private static void Tile<TV>(ReadOnlySpan<TV> panelA, ReadOnlySpan<TV> panelB, int kc, Span<TV> c, int n, int i0, int j0, int m)
        where TV : unmanaged, IFloatingPointIeee754<TV>
    {
        int w = Vector256<TV>.Count;
        Vector256<TV> c00 = default, c01 = default, c10 = default, c11 = default,
            c20 = default, c21 = default, c30 = default, c31 = default;
        ref TV pa = ref MemoryMarshal.GetReference(panelA);
        ref TV pb = ref MemoryMarshal.GetReference(panelB);
        for (int p = 0; p < kc; p++)
        {
            Vector256<TV> b0 = Vector256.LoadUnsafe(ref pb, (nuint)(p * 2 * w));
            Vector256<TV> b1 = Vector256.LoadUnsafe(ref pb, (nuint)(p * 2 * w + w));
            ref TV ap = ref Unsafe.Add(ref pa, p * Rows);
            Vector256<TV> a0 = Vector256.Create(ap), a1 = Vector256.Create(Unsafe.Add(ref ap, 1)),
                a2 = Vector256.Create(Unsafe.Add(ref ap, 2)), a3 = Vector256.Create(Unsafe.Add(ref ap, 3));
            c00 = Fma(a0, b0, c00);
            c01 = Fma(a0, b1, c01);
            c10 = Fma(a1, b0, c10);
            c11 = Fma(a1, b1, c11);
            c20 = Fma(a2, b0, c20);
            c21 = Fma(a2, b1, c21);
            c30 = Fma(a3, b0, c30);
            c31 = Fma(a3, b1, c31);
        }
        // The tile goes to memory before any call: with an accumulator live across a call, the JIT kept all eight on
        // the stack and stored six of them every step of the loop above (a third of the kernel's speed).
        Span<TV> tile = stackalloc TV[Rows * 2 * w];
        c00.CopyTo(tile);
        c01.CopyTo(tile[w..]);
        c10.CopyTo(tile[(2 * w)..]);
        c11.CopyTo(tile[(3 * w)..]);
        c20.CopyTo(tile[(4 * w)..]);
        c21.CopyTo(tile[(5 * w)..]);
        c30.CopyTo(tile[(6 * w)..]);
        c31.CopyTo(tile[(7 * w)..]);
        for (int r = 0; r < Rows; r++)
            Add(c, n, i0 + r, j0, m, tile.Slice(r * 2 * w, 2 * w));
    }

    // Row i of C, columns j0 … j0 + 2w − 1, gains a row of the tile, clipped to the matrix.
    private static void Add<TV>(Span<TV> c, int n, int i, int j0, int m, ReadOnlySpan<TV> tile)
        where TV : unmanaged, IFloatingPointIeee754<TV>
    {
        if (i >= m)
            return;
        Span<TV> row = c.Slice(i * n + j0, Math.Min(tile.Length, n - j0));
        TensorPrimitives.Add(row, tile[..row.Length], row);
    }
}
