using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Autodiff;

/// <summary>
/// The last-in first-out store of a generated adjoint (Tapenade's push/pop): the forward sweep pushes the values a
/// later loop iteration overwrites and the branches it takes, the reverse sweep pops them in the opposite order.
/// Backed by an array rented from the shared pool, grown by doubling; <see cref="Dispose"/> returns it.
/// </summary>
/// <typeparam name="TValue">The stored values (the number type, <c>bool</c> for branch bits, <c>int</c> for counts).</typeparam>
/// <remarks>Used by code the Dual generator writes; not meant to be called by hand.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct AdjointStack<TValue> : IDisposable
{
    private TValue[]? _items;
    private int _count;

    /// <summary>The number of values pushed and not yet popped.</summary>
    public readonly int Count => _count;

    /// <summary>Stores a value on top.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(TValue value)
    {
        TValue[]? items = _items;
        if (items is not null && (uint)_count < (uint)items.Length)
        {
            items[_count++] = value;
            return;
        }
        Grow(value);
    }

    /// <summary>Removes and returns the value on top.</summary>
    /// <exception cref="InvalidOperationException">The stack is empty (a generated sweep out of step: a bug).</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TValue Pop()
    {
        if (_count == 0 || _items is null)
            return Empty();
        return _items[--_count];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TValue Empty() =>
        throw new InvalidOperationException("The adjoint stack is empty: the reverse sweep popped more than the forward sweep pushed.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(TValue value)
    {
        TValue[] larger = ArrayPool<TValue>.Shared.Rent(Math.Max(64, 2 * (_items?.Length ?? 0)));
        if (_items is not null)
        {
            _items.AsSpan(0, _count).CopyTo(larger);
            // Stryker disable once Statement : returning memory to the pool is invisible to results.
            ArrayPool<TValue>.Shared.Return(_items, RuntimeHelpers.IsReferenceOrContainsReferences<TValue>());
        }
        _items = larger;
        _items[_count++] = value;
    }

    /// <summary>Returns the storage to the pool; the stack is empty afterwards.</summary>
    public void Dispose()
    {
        // Stryker disable once Statement : returning memory to the pool is invisible to results.
        if (_items is not null)
            ArrayPool<TValue>.Shared.Return(_items, RuntimeHelpers.IsReferenceOrContainsReferences<TValue>());
        _items = null;
        _count = 0;
    }
}
