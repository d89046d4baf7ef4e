using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Autodiff;

/// <summary>
/// The reverse mode's scratch memory (tape chunks, adjoint buffers). Pooling is what makes recording cheap — warm
/// memory, no first-touch page faults, no large-object collections — but a pool keeps what it is given, and one
/// 5·10⁷-record gradient must not pin its peak for the life of the process. So: small arrays (≤ 2¹⁵ entries) come
/// from <see cref="ArrayPool{T}.Shared"/>; large ones (≤ 2²⁰) from a pool of this class that keeps at most
/// <see cref="RetainedBytes"/> per element type; larger ones are allocated and left to the GC with the computation.
/// </summary>
internal static class Scratch
{
    /// <summary>Arrays of up to 2¹⁵ entries go to the shared pool.</summary>
    public const int MaxSmallLength = 1 << 15;

    /// <summary>Arrays of up to 2²⁰ entries (8 MB of doubles, 24 MB of tape records) are pooled at all.</summary>
    public const int MaxPooledLength = 1 << 20;

    /// <summary>What the large-array pool keeps at most, per element type, once every computation has finished.</summary>
    public const long RetainedBytes = 32L << 20;

    /// <summary>An array of at least <paramref name="length"/> entries, contents undefined.</summary>
    public static T[] Rent<T>(int length)
    {
        if (length <= MaxSmallLength)
            return ArrayPool<T>.Shared.Rent(length);
        // Stryker disable all : which arrays are reused is invisible to results (the pools are caches); the bound on
        // what they keep is tested (TapeMemoryTests.A_large_gradient_leaves_at_most_64_MiB_in_the_pools).
        if (length > MaxPooledLength)
            return GC.AllocateUninitializedArray<T>(length);
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)length);
        return Large<T>.TryTake(size) ?? GC.AllocateUninitializedArray<T>(size);
        // Stryker restore all
    }

    // Stryker disable all : returning memory to a pool is invisible to results (the pools are caches).
    /// <summary>Gives back an array from <see cref="Rent{T}"/>; one the pools do not keep is left to the GC.</summary>
    public static void Return<T>(T[] array, bool clear = false)
    {
        if (!BitOperations.IsPow2(array.Length) || array.Length > MaxPooledLength)
            return;
        if (array.Length <= MaxSmallLength)
        {
            ArrayPool<T>.Shared.Return(array, clear);
            return;
        }
        if (clear)
            Array.Clear(array);
        Large<T>.Keep(array);
        // Stryker restore all
    }

    // One stack per power-of-two length from 2¹⁶ to 2²⁰, with the bytes they hold counted against RetainedBytes.
    // Stryker disable all : a cache; its bound is tested (see Rent).
    private static class Large<T>
    {
        private static readonly ConcurrentStack<T[]>[] Stacks =
            [.. Enumerable.Range(0, BitOperations.Log2(MaxPooledLength) - BitOperations.Log2(MaxSmallLength)).Select(_ => new ConcurrentStack<T[]>())];

        private static long s_bytes;

        private static ConcurrentStack<T[]> StackFor(int size) => Stacks[BitOperations.Log2((uint)size) - BitOperations.Log2(MaxSmallLength) - 1];

        private static long BytesOf(int size) => (long)size * Unsafe.SizeOf<T>();

        public static T[]? TryTake(int size)
        {
            if (!StackFor(size).TryPop(out T[]? array))
                return null;
            Interlocked.Add(ref s_bytes, -BytesOf(size));
            return array;
        }

        public static void Keep(T[] array)
        {
            long bytes = BytesOf(array.Length);
            // Stryker disable once all : dropping instead of keeping is invisible to results.
            if (Interlocked.Add(ref s_bytes, bytes) > RetainedBytes)
            {
                Interlocked.Add(ref s_bytes, -bytes);
                return;
            }
            StackFor(array.Length).Push(array);
        }
    }
}
