using System.Numerics;

namespace Autodiff;

/// <summary>
/// NumPy's broadcasting rules for tensors of rank ≤ 2: shapes are aligned at their last dimension (a scalar is 1×1,
/// an n-vector a 1×n row), and a dimension of length 1 stretches to match the other operand's. So a bias vector adds
/// to every row of a matrix, and an m×1 column to every column.
/// </summary>
internal static class Broadcasting
{
    /// <summary>The shape of x ∘ y, or an error naming both shapes and the right operand <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">A dimension differs and neither length is 1, or the result would have more
    /// entries than a tensor holds (an m×1 column against a 1×n row).</exception>
    public static Shape Of(Shape x, Shape y, string operation, string name)
    {
        if (!Fits(x.Rows, y.Rows) || !Fits(x.Columns, y.Columns))
            throw new ArgumentException(
                $"{operation}: the left operand is {x} and the right one is {y}; entrywise operations need equal shapes, " +
                "or shapes that broadcast (a dimension of length 1, a scalar, or a vector as long as a matrix's rows).",
                name);
        int rows = Math.Max(x.Rows, y.Rows), columns = Math.Max(x.Columns, y.Columns);
        return Math.Max(x.Rank, y.Rank) switch
        {
            0 => Shape.Scalar,
            1 => Shape.Vector(columns),
            _ => Shape.Matrix(rows, columns, name, operation),
        };

        static bool Fits(int a, int b) => a == b || a == 1 || b == 1;
    }

    /// <summary>The entries of a <paramref name="from"/>-shaped tensor repeated to fill <paramref name="to"/>.</summary>
    public static T[] Expand<T>(ReadOnlySpan<T> source, Shape from, Shape to)
    {
        var result = new T[to.Length];
        for (int i = 0; i < to.Rows; i++)
            for (int j = 0; j < to.Columns; j++)
                result[i * to.Columns + j] = source[Index(from, i, j)];
        return result;
    }

    /// <summary>
    /// target += the <paramref name="to"/>-shaped <paramref name="source"/> summed over the dimensions
    /// <paramref name="from"/> was stretched along: the adjoint of <see cref="Expand{T}"/>.
    /// </summary>
    public static void AddReduced<T>(ReadOnlySpan<T> source, Shape from, Shape to, Span<T> target)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < to.Rows; i++)
            for (int j = 0; j < to.Columns; j++)
                target[Index(from, i, j)] += source[i * to.Columns + j];
    }

    // The entry of a from-shaped tensor that lands at (i, j) of the broadcast shape.
    // Stryker disable once Arithmetic : a stretched tensor of several rows is a column (one column), where i·1 = i/1.
    private static int Index(Shape from, int i, int j) =>
        (from.Rows == 1 ? 0 : i) * from.Columns + (from.Columns == 1 ? 0 : j);
}
