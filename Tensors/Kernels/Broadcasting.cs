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

    /// <summary>
    /// Row i of a <paramref name="from"/>-shaped tensor broadcast to a result of any number of rows: the row itself
    /// (as long as the result's rows), or one entry standing for itself repeated along the row (a column, a scalar). A
    /// tensor of one row gives that row for every i.
    /// </summary>
    public static ReadOnlySpan<T> Row<T>(ReadOnlySpan<T> entries, Shape from, int i) =>
        entries.Slice(RowStart(from, i), from.Columns);

    /// <summary>The writable counterpart of <see cref="Row{T}(ReadOnlySpan{T}, Shape, int)"/>, for adjoints.</summary>
    public static Span<T> Row<T>(Span<T> entries, Shape from, int i) => entries.Slice(RowStart(from, i), from.Columns);

    private static int RowStart(Shape from, int i) => (from.Rows == 1 ? 0 : i) * from.Columns;
}
