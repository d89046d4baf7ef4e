using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Autodiff;

/// <summary>The entries of a <see cref="Tensor{T}"/> as one row-major span, for <see cref="TensorPrimitives"/>.</summary>
internal static class DenseEntries
{
    /// <summary>The tensor's own memory when it is dense (no copy), else its entries flattened into a new array.</summary>
    public static ReadOnlySpan<T> Of<T>(Tensor<T> tensor)
    {
        if (TryDense(tensor, out ReadOnlySpan<T> span))
            return span;
        var entries = new T[tensor.FlattenedLength];
        tensor.FlattenTo(entries);
        return entries;
    }

    // The tensor's own memory, when it is dense.
    private static bool TryDense<T>(Tensor<T> tensor, out ReadOnlySpan<T> span)
    {
        // Stryker disable once Checked : every tensor read here was checked to hold at most Array.MaxLength entries.
        int length = checked((int)tensor.FlattenedLength);
        return tensor.TryGetSpan(stackalloc nint[tensor.Rank], length, out span);
    }

    /// <summary>
    /// The array that holds exactly the tensor's entries in row-major order, when there is one (a dense tensor made from
    /// a whole array, as <c>Tensor.Create(array, lengths)</c> and every tensor this library returns are), else null.
    /// For a differentiation that reads its inputs only while it runs: one that hands out a pullback must copy them, as
    /// the caller may change the tensor afterwards (an optimiser stepping in place).
    /// </summary>
    /// <remarks>
    /// System.Numerics.Tensors has no public accessor for a tensor's array; this reads its private field. The array is
    /// used only when its first entry is the tensor's first entry and its length the tensor's, so a different layout
    /// in another version of the package means a copy, never a wrong entry; a missing field means a copy too.
    /// </remarks>
    public static T[]? BackingArray<T>(Tensor<T> tensor)
    {
        // A strided view has no such array (and is not flattened here only to be refused).
        // Stryker disable once all : negated, a dense tensor is copied and a strided one still refused (its entries are
        // empty): which array is read does not show in results (InPlaceReadProperties: bit-identical gradients).
        if (!TryDense(tensor, out ReadOnlySpan<T> entries))
            return null;
        T[]? values;
        try
        {
            values = Storage<T>.Values(tensor);
        }
        // Stryker disable once Block : reachable only with a version of System.Numerics.Tensors without the field.
        catch (MissingFieldException)
        {
            return null;
        }
        // Stryker disable once Logical,Equality : AreSame alone refuses every layout whose entries are not the array's
        // first; a longer array then read only to the tensor's length gives the same gradient (a prefix slice, tested).
        return values is not null && values.Length == entries.Length &&
            Unsafe.AreSame(ref MemoryMarshal.GetArrayDataReference(values), ref MemoryMarshal.GetReference(entries))
            ? values
            : null;
    }

    private static class Storage<T>
    {
        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_values")]
        public static extern ref T[] Values(Tensor<T> tensor);
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
        // Stryker disable once Checked : a writable tensor is dense over one array, so its length fits an int.
        int length = checked((int)tensor.FlattenedLength);
        return tensor.TryGetSpan(stackalloc nint[tensor.Rank], length, out Span<T> span)
            ? span
            : throw new ArgumentException("The tensor is a strided view, which cannot be written in place as one span.", name);
    }
}
