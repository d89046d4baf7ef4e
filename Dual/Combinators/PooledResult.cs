using System.Buffers;
using System.Runtime.CompilerServices;

namespace Autodiff;

/// <summary>
/// A result written into the caller's span by workers that cannot share it (a span cannot be captured by a pass
/// that runs on another thread): they write pooled memory, which is copied into the span once.
/// </summary>
internal static class PooledResult
{
    /// <summary>Runs <paramref name="fill"/> on pooled memory of at least destination.Length entries and copies its first ones into <paramref name="destination"/>.</summary>
    public static void Into<T>(Span<T> destination, Action<T[]> fill)
    {
        T[] pooled = ArrayPool<T>.Shared.Rent(destination.Length);
        try
        {
            fill(pooled);
            pooled.AsSpan(0, destination.Length).CopyTo(destination);
        }
        finally
        {
            // Stryker disable once Statement : returning memory to the pool is invisible to results.
            ArrayPool<T>.Shared.Return(pooled, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }
}
