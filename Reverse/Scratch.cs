using System.Buffers;

namespace Autodiff;

/// <summary>
/// The reverse mode's scratch memory (tape chunks, adjoint buffers): rented from <see cref="ArrayPool{T}.Shared"/>
/// up to a bound, allocated beyond it. Pooling is what makes recording cheap — warm memory, no first-touch page
/// faults — but a pool keeps what it is given: a 5·10⁷-record gradient would otherwise pin its 400 MB adjoint buffer
/// for the life of the process. Beyond the bound the array is the computation's own and goes with it to the GC.
/// </summary>
internal static class Scratch
{
    /// <summary>Arrays of up to 2²⁰ entries (8 MB of doubles, 24 MB of tape records) are pooled.</summary>
    public const int MaxPooledLength = 1 << 20;

    /// <summary>An array of at least <paramref name="length"/> entries, contents undefined.</summary>
    public static T[] Rent<T>(int length) =>
        length <= MaxPooledLength ? ArrayPool<T>.Shared.Rent(length) : GC.AllocateUninitializedArray<T>(length);

    /// <summary>Gives back an array from <see cref="Rent{T}"/> (one larger than the bound is left to the GC).</summary>
    public static void Return<T>(T[] array, bool clear = false)
    {
        // Stryker disable once all : returning memory to the pool is invisible to results (the pool is a cache).
        if (array.Length <= MaxPooledLength && System.Numerics.BitOperations.IsPow2(array.Length))
            ArrayPool<T>.Shared.Return(array, clear);
    }
}
