namespace Autodiff;

/// <summary>
/// The layout convention of the transforms' results: every result is a flat array, row-major. The derivative of an
/// output of k entries (itself perhaps a flattened matrix) with respect to n inputs has k·n entries, entry
/// [i·n + j] = ∂y_i/∂x_j — the Jacobian J ∈ ℝ^{m×n}, the Hessian H ∈ ℝ^{n×n}, the third derivative ∈ ℝ^{n×n×n}
/// at [(i·n + j)·n + k]. These helpers give the same numbers as multi-dimensional arrays.
/// </summary>
public static class Shaped
{
    /// <summary>A row-major array as an m×n matrix (m = length / columns).</summary>
    /// <exception cref="ArgumentException">The length is not a positive multiple of columns.</exception>
    public static T[,] ToMatrix<T>(this T[] rowMajor, int columns)
    {
        ArgumentNullException.ThrowIfNull(rowMajor);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (rowMajor.Length == 0 || rowMajor.Length % columns != 0)
            throw new ArgumentException(
                $"An array of length {rowMajor.Length} is not a matrix of {columns} columns.", nameof(rowMajor));
        int rows = rowMajor.Length / columns;
        var matrix = new T[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                matrix[i, j] = rowMajor[i * columns + j];
        return matrix;
    }

    /// <summary>A row-major array as an m×n×n array (the second derivative of an ℝⁿ → ℝᵐ function).</summary>
    /// <exception cref="ArgumentException">The length is not a positive multiple of n².</exception>
    public static T[,,] ToCube<T>(this T[] rowMajor, int n)
    {
        ArgumentNullException.ThrowIfNull(rowMajor);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        if (rowMajor.Length == 0 || rowMajor.Length % (n * n) != 0)
            throw new ArgumentException($"An array of length {rowMajor.Length} is not an m×{n}×{n} array.", nameof(rowMajor));
        int m = rowMajor.Length / (n * n);
        var cube = new T[m, n, n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++)
                    cube[i, j, k] = rowMajor[(i * n + j) * n + k];
        return cube;
    }
}
