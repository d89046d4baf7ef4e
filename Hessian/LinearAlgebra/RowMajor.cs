using System.Numerics;

namespace Autodiff;

/// <summary>
/// Row-major arrays, the layout of the factorisations and of the tensor primitives: entry (i, j) of an m×n matrix
/// at i·n + j. Built here once for both.
/// </summary>
internal static class RowMajor
{
    /// <summary>The n×n matrix a, row-major.</summary>
    public static T[] Of<T>(T[,] a, int n)
    {
        var rowMajor = new T[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                rowMajor[i * n + j] = a[i, j];
        return rowMajor;
    }

    /// <summary>n entries, all equal to <paramref name="value"/> (T.Zero rather than default(T) for a zero).</summary>
    public static T[] Filled<T>(int n, T value)
    {
        var array = new T[n];
        array.AsSpan().Fill(value);
        return array;
    }

    /// <summary>The n×n identity I.</summary>
    public static T[] Identity<T>(int n) where T : IFloatingPointIeee754<T>
    {
        T[] identity = Filled(n * n, T.Zero);
        for (int i = 0; i < n; i++)
            identity[i * n + i] = T.One;
        return identity;
    }
}
