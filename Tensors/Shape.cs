using static System.FormattableString;

namespace Autodiff;

/// <summary>
/// The shape of a differentiable tensor: a scalar (rank 0), a vector of n entries (rank 1) or an m×n matrix
/// (rank 2), stored row-major. Vectors have no orientation: a product decides whether one acts as a row or a column.
/// </summary>
public readonly record struct Shape
{
    private Shape(int rank, int rows, int columns)
    {
        Rank = rank;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>A single number.</summary>
    public static Shape Scalar { get; } = new(0, 1, 1);

    /// <summary>A vector of <paramref name="length"/> entries.</summary>
    /// <exception cref="ArgumentOutOfRangeException">length &lt; 1.</exception>
    public static Shape Vector(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        return new(1, 1, length);
    }

    /// <summary>An m×n matrix.</summary>
    /// <exception cref="ArgumentOutOfRangeException">m &lt; 1 or n &lt; 1.</exception>
    public static Shape Matrix(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        return new(2, rows, columns);
    }

    /// <summary>0 for a scalar, 1 for a vector, 2 for a matrix.</summary>
    public int Rank { get; }

    /// <summary>m for a matrix; 1 for a vector or a scalar (the row a vector broadcasts as).</summary>
    public int Rows { get; }

    /// <summary>n for a matrix or a vector of n entries; 1 for a scalar.</summary>
    public int Columns { get; }

    /// <summary>The number of entries.</summary>
    public int Length => Rows * Columns;

    /// <summary>The lengths of the dimensions, as <see cref="System.Numerics.Tensors.Tensor{T}"/> takes them.</summary>
    public nint[] Lengths => Rank switch { 0 => [], 1 => [Columns], _ => [Rows, Columns] };

    /// <summary>The shape with these dimension lengths (at most two).</summary>
    /// <exception cref="ArgumentException">More than two dimensions, or a length below 1.</exception>
    public static Shape Of(ReadOnlySpan<nint> lengths, string name) => lengths.Length switch
    {
        0 => Scalar,
        1 when lengths[0] >= 1 => Vector((int)lengths[0]),
        2 when lengths[0] >= 1 && lengths[1] >= 1 => Matrix((int)lengths[0], (int)lengths[1]),
        _ => throw new ArgumentException(
            $"{name} has lengths [{string.Join(", ", lengths.ToArray())}]; a differentiable tensor is a scalar, a vector or a matrix with no empty dimension.",
            name),
    };

    /// <summary>"scalar", "3-vector" or "2×3".</summary>
    public override string ToString() => Rank switch
    {
        0 => "scalar",
        1 => Invariant($"{Columns}-vector"),
        _ => Invariant($"{Rows}×{Columns}"),
    };
}
