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
    /// <exception cref="ArgumentOutOfRangeException">length &lt; 1, or above <see cref="Array.MaxLength"/> (the most
    /// entries an array, and so a tensor, holds).</exception>
    public static Shape Vector(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Array.MaxLength);
        return new(1, 1, length);
    }

    /// <summary>An m×n matrix.</summary>
    /// <exception cref="ArgumentOutOfRangeException">m &lt; 1 or n &lt; 1, or m·n above <see cref="Array.MaxLength"/>
    /// (named <paramref name="columns"/>: the product would overflow <see cref="Length"/>).</exception>
    public static Shape Matrix(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if (!Fits(rows, columns))
            throw new ArgumentOutOfRangeException(nameof(columns), columns, TooMany($"A {rows}×{columns} matrix", (long)rows * columns));
        return new(2, rows, columns);
    }

    /// <summary>An m×n matrix made by an operation, or an <see cref="ArgumentException"/> naming its argument
    /// <paramref name="name"/> when m·n is more than a tensor holds.</summary>
    internal static Shape Matrix(int rows, int columns, string name, string operation) =>
        Fits(rows, columns)
            ? Matrix(rows, columns)
            : throw new ArgumentException(TooMany($"{operation}: the result, {rows}×{columns},", (long)rows * columns), name);

    // m·n ≤ Array.MaxLength, in long arithmetic (the int product wraps: 65536·65536 is 0).
    private static bool Fits(long rows, long columns) => rows * columns <= Array.MaxLength;

    private static string TooMany(string what, long entries) =>
        Invariant($"{what} has {entries} entries; a tensor holds at most {Array.MaxLength} (Array.MaxLength).");

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
    /// <exception cref="ArgumentException">More than two dimensions, a length below 1, or more entries than
    /// <see cref="Array.MaxLength"/> (a length is never narrowed to <c>int</c> unchecked).</exception>
    public static Shape Of(ReadOnlySpan<nint> lengths, string name) => Of(lengths, name, name);

    /// <summary><see cref="Of(ReadOnlySpan{nint}, string)"/> with the argument named <paramref name="name"/> and
    /// called <paramref name="label"/> in the message (an element, "x[1]", of the argument x).</summary>
    internal static Shape Of(ReadOnlySpan<nint> lengths, string name, string label) => lengths.Length switch
    {
        0 => Scalar,
        1 when lengths[0] >= 1 && Fits(1, lengths[0]) => Vector((int)lengths[0]),
        2 when lengths[0] >= 1 && lengths[1] >= 1 && Fits(lengths[0], lengths[1]) => Matrix((int)lengths[0], (int)lengths[1]),
        _ => throw new ArgumentException(
            $"{label} has lengths [{string.Join(", ", lengths.ToArray())}]; a differentiable tensor is a scalar, a vector or a matrix with no empty dimension and at most {Array.MaxLength} entries.",
            name),
    };

    /// <summary>The shape of a tensor whose entries are read: its lengths', checked to hold entries (a rank-0
    /// <see cref="System.Numerics.Tensors.Tensor{T}"/> holds none in System.Numerics.Tensors 10).</summary>
    /// <exception cref="ArgumentException">The lengths are not a shape's, or the tensor has no entries.</exception>
    internal static Shape Of<T>(System.Numerics.Tensors.Tensor<T> tensor, string name, string label)
    {
        Shape shape = Of(tensor.Lengths, name, label);
        if (tensor.FlattenedLength != shape.Length)
            throw new ArgumentException(
                $"{label} has rank {tensor.Rank} and {tensor.FlattenedLength} entries; a differentiable tensor has at least one (pass a scalar as a one-entry vector).",
                name);
        return shape;
    }

    /// <summary>Throws unless the shape has entries: <c>default(Shape)</c> has none (use <see cref="Scalar"/>).</summary>
    /// <exception cref="ArgumentException">The shape is <c>default(Shape)</c>.</exception>
    internal Shape WithEntries(string name) =>
        Length > 0
            ? this
            : throw new ArgumentException($"{name} has no entries (it is default(Shape)); make shapes with Shape.Scalar, Shape.Vector or Shape.Matrix.", name);

    /// <summary>"scalar", "3-vector" or "2×3".</summary>
    public override string ToString() => Rank switch
    {
        0 => "scalar",
        1 => Invariant($"{Columns}-vector"),
        _ => Invariant($"{Rows}×{Columns}"),
    };
}
