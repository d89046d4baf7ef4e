using System.Numerics;

namespace Autodiff;

// Tensors and Tracked<T> scalars meet on the tape: an entry of a tensor is a record, and scalars gather into a
// tensor by one identity record each. So one reverse-mode program mixes both and one sweep differentiates them.
public sealed partial class TensorVar<T>
{
    /// <summary>Entry k (row-major position) as a reverse-mode scalar, for scalar code inside a tensor program.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k is outside the tensor.</exception>
    /// <exception cref="InvalidOperationException">The tensor carries a forward-mode tangent, which a
    /// <see cref="Tracked{T}"/> cannot hold, or its differentiation has finished (see <see cref="Values"/>).</exception>
    public Tracked<T> ToTracked(int k = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, Length);
        if (Tangent is not null)
            throw new InvalidOperationException(
                "This tensor carries a forward-mode tangent; a Tracked<T> scalar belongs to reverse mode. Keep forward-mode programs in tensors (a scalar is a rank-0 tensor).");
        // Stryker disable once Conditional : a Tracked without a tape ignores its index (Tracked.Index is None).
        return new Tracked<T>(Values[k], Tape, Tape is null ? Tape<T>.None : First + k);
    }

    /// <summary>Reverse-mode scalars gathered into a tensor of <paramref name="shape"/> (row-major).</summary>
    /// <exception cref="ArgumentException"><paramref name="shape"/> is <c>default(Shape)</c> (no entries), or the
    /// number of scalars is not the shape's number of entries.</exception>
    /// <exception cref="InvalidOperationException">The scalars come from two different differentiations.</exception>
    public static TensorVar<T> FromTracked(ReadOnlySpan<Tracked<T>> scalars, Shape shape)
    {
        shape = shape.WithEntries(nameof(shape));
        if (scalars.Length != shape.Length)
            throw new ArgumentException($"FromTracked: {scalars.Length} scalars cannot fill a {shape} tensor of {shape.Length} entries.", nameof(scalars));
        Tape<T>? tape = null;
        var values = new T[scalars.Length];
        for (int k = 0; k < scalars.Length; k++)
        {
            tape = Tracked<T>.SharedTape(tape, scalars[k].Tape);
            values[k] = scalars[k].Value;
        }
        if (tape is null)
            return new TensorVar<T>(values, shape);
        int first = tape.Count;
        foreach (Tracked<T> scalar in scalars)
            tape.Push(scalar.Value, scalar.Index, T.One);
        return new TensorVar<T>(values, shape, tape, first);
    }

    /// <summary>A reverse-mode scalar is a scalar tensor on the same record.</summary>
    // Stryker disable once Conditional : a TensorVar without a tape takes First = None whatever it is given.
    public static implicit operator TensorVar<T>(Tracked<T> scalar) =>
        scalar.Tape is null ? Scalar(scalar.Value) : new TensorVar<T>([scalar.Value], Shape.Scalar, scalar.Tape, scalar.Index);
}
