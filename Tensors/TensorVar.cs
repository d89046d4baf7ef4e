using System.Numerics;
using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>
/// A differentiable scalar, vector or matrix: the tensor counterpart of <see cref="Tracked{T}"/>. Its operations are
/// matrix-level primitives, each with a JVP rule (forward mode) and a VJP rule (reverse mode), recorded on the same
/// tape as scalar operations, so one program may mix tensors and <see cref="Tracked{T}"/> scalars freely and one
/// backward sweep differentiates both.
/// </summary>
/// <remarks>
/// <para>Immutable. Entries are stored row-major; arithmetic runs on <see cref="TensorPrimitives"/> (SIMD). A tensor
/// that depends on no input of a differentiation is a constant (any <see cref="Tensor{T}"/> converts to one). Values
/// are made by the <see cref="Tensors"/> combinators; user code computes with them.</para>
/// <para>In a reverse-mode program each entry of a tensor is one record of the tape, so
/// <see cref="ToTracked(int)"/> hands out an entry as a scalar and <see cref="FromTracked"/> gathers scalars into
/// a tensor. In a forward-mode program (<see cref="Tensors.Jvp{T}(Func{TensorVar{T}, TensorVar{T}}, Tensor{T}, Tensor{T})"/>)
/// the tensor carries its tangent instead.</para>
/// </remarks>
/// <typeparam name="T">The scalar type (<c>double</c>, or a dual number for second order).</typeparam>
public sealed partial class TensorVar<T> where T : IFloatingPointIeee754<T>
{
    // The entries are _values[0 .. Length): a value recorded on a tape lives in a pooled array (Tape.RentStorage),
    // which may be longer, and goes back to the pool when the differentiation releases the tape; from then on the
    // tensor refuses to be read (Entries), as its memory may hold another differentiation's values.
    private readonly T[] _values;

    internal TensorVar(T[] values, Shape shape, Tape<T>? tape = null, int first = Tape<T>.None, T[]? tangent = null)
    {
        // Stryker disable once all : an internal invariant (every caller passes at least the shape's entries).
        System.Diagnostics.Debug.Assert(values.Length >= shape.Length, "A tensor's array holds at least its entries.");
        _values = values;
        Length = shape.Length;
        Shape = shape;
        Tape = tape;
        // Stryker disable once Conditional : no caller passes a first record without a tape.
        First = tape is null ? Tape<T>.None : first;
        Tangent = tangent;
    }

    /// <summary>Scalar, vector or matrix, and its lengths.</summary>
    public Shape Shape { get; }

    /// <summary>The entries, row-major.</summary>
    /// <exception cref="InvalidOperationException">The tensor was recorded by a differentiation that has finished
    /// (its memory is reused): compute with it inside the function being differentiated.</exception>
    public ReadOnlySpan<T> Values => new(Entries, 0, Length);

    /// <summary>
    /// The entries' array, shared read-only between primitives (never written after construction). It may be longer
    /// than <see cref="Length"/> (a pooled array): entries past Length are not the tensor's. Refused once the tape
    /// the tensor is recorded on is released.
    /// </summary>
    internal T[] Entries
    {
        get
        {
            Tape?.ThrowIfReleased();
            return _values;
        }
    }

    /// <summary>The number of entries.</summary>
    public int Length { get; }

    /// <summary>True when the tensor depends on no input of a differentiation.</summary>
    public bool IsConstant => Tape is null && Tangent is null;

    /// <summary>The tape the entries are recorded on (reverse mode), or null.</summary>
    internal Tape<T>? Tape { get; }

    /// <summary>The tape index of the first entry; entry k is record <c>First + k</c>.</summary>
    internal int First { get; }

    /// <summary>
    /// The tangent, row-major (forward mode), or null for a zero tangent. On a tape it is pooled like the values (see
    /// <see cref="TensorPrimitive{T}.Allocate"/>), so it may be longer than the tensor: read its first Length entries.
    /// </summary>
    internal T[]? Tangent { get; }

    /// <summary>The entries as a new <see cref="Tensor{T}"/> (a scalar becomes a one-entry vector).</summary>
    /// <exception cref="InvalidOperationException">The tensor's differentiation has finished (see <see cref="Values"/>).</exception>
    public Tensor<T> ToTensor() => Tensors.Create(Values.ToArray(), Shape);

    /// <summary>The value of a scalar (or of a one-entry tensor).</summary>
    /// <exception cref="InvalidOperationException">The tensor has more than one entry, or its differentiation has
    /// finished (see <see cref="Values"/>).</exception>
    public T ScalarValue => Length == 1
        ? Values[0]
        : throw new InvalidOperationException($"The tensor is {Shape}, not a scalar; take an entry or reduce it first.");

    /// <summary>A constant tensor: one that depends on no input.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException">The tensor has more than two dimensions, an empty one, no entries (rank 0),
    /// or more entries than an array holds.</exception>
    public static TensorVar<T> Constant(Tensor<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Shape shape = Shape.Of(value, nameof(value), nameof(value));
        var values = new T[shape.Length];
        DenseEntries.CopyTo(value, values);
        return new(values, shape);
    }

    /// <summary>A constant scalar.</summary>
    public static TensorVar<T> Scalar(T value) => new([value], Shape.Scalar);

    /// <summary>A constant vector.</summary>
    /// <exception cref="ArgumentException">No entries.</exception>
    public static TensorVar<T> Vector(params ReadOnlySpan<T> entries)
    {
        Require.NotEmpty(entries, nameof(entries), "a vector needs at least one entry");
        return new(entries.ToArray(), Shape.Vector(entries.Length));
    }

    /// <summary>A constant matrix, a_ij = <c>entries[i, j]</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> is null.</exception>
    /// <exception cref="ArgumentException">An empty dimension.</exception>
    public static TensorVar<T> Matrix(T[,] entries) => Constant(Tensors.Matrix(entries));

    /// <summary>A tensor is a constant where a differentiable one is expected.</summary>
    public static implicit operator TensorVar<T>(Tensor<T> value) => Constant(value);

    /// <summary>A number is a constant scalar.</summary>
    public static implicit operator TensorVar<T>(T value) => Scalar(value);

    /// <summary>"2×3 [1, 2, 3; 4, 5, 6]"; "2×3 [released]" for a tensor whose differentiation has finished.</summary>
    public override string ToString() => Tape is { IsReleased: true } ? $"{Shape} [released]" : $"{Shape} [{Format()}]";

    // Row by row; a scalar or a vector is one row.
    private string Format()
    {
        var rows = new string[Shape.Rows];
        for (int i = 0; i < Shape.Rows; i++)
            rows[i] = string.Join(", ", Values.Slice(i * Shape.Columns, Shape.Columns).ToArray());
        return string.Join("; ", rows);
    }
}
