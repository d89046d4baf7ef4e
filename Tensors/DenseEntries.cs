using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>The entries of a <see cref="Tensor{T}"/> as one row-major span, for <see cref="TensorPrimitives"/>.</summary>
internal static class DenseEntries
{
    /// <summary>The tensor's own memory when it is dense (no copy), else its entries flattened into a new array.</summary>
    public static ReadOnlySpan<T> Of<T>(Tensor<T> tensor)
    {
        // Stryker disable once Checked : every tensor read here was checked to hold at most Array.MaxLength entries.
        int length = checked((int)tensor.FlattenedLength);
        if (tensor.TryGetSpan(stackalloc nint[tensor.Rank], length, out ReadOnlySpan<T> span))
            return span;
        var entries = new T[length];
        tensor.FlattenTo(entries);
        return entries;
    }

    /// <summary>
    /// Copies the tensor's entries in row-major order into <paramref name="destination"/>: one block copy for a
    /// dense tensor (<c>FlattenTo</c> in System.Numerics.Tensors 10.0 steps through a multi-index per entry, which
    /// cost a third of a small gradient's time).
    /// </summary>
    public static void CopyTo<T>(Tensor<T> tensor, Span<T> destination) => Of(tensor).CopyTo(destination);

    /// <summary>A dense tensor's own memory, to be written in place.</summary>
    /// <exception cref="ArgumentException">The tensor is a strided view (named <paramref name="name"/>).</exception>
    public static Span<T> Writable<T>(Tensor<T> tensor, string name)
    {
        int length = checked((int)tensor.FlattenedLength);
        return tensor.TryGetSpan(stackalloc nint[tensor.Rank], length, out Span<T> span)
            ? span
            : throw new ArgumentException("The tensor is a strided view, which cannot be written in place as one span.", name);
    }
}
