using System.Numerics;

namespace Autodiff;

public static partial class Reverse
{
    /// <summary>
    /// sₙ = body(… body(body(s₀))) for <paramref name="steps"/> steps, differentiated with √n checkpointing (Griewank's
    /// two-level schedule): the forward pass runs the loop without recording and keeps the state every s = ⌈√n⌉
    /// steps; the backward pass replays one stretch of s steps at a time from its snapshot, records it on a
    /// short-lived tape, sweeps it and releases it. Memory: ⌈n/s⌉ states plus one stretch's record (O(√n) instead of
    /// O(n)); time: about one more evaluation of the loop than without checkpointing; the gradient is the same.
    /// </summary>
    /// <remarks>
    /// The body must depend on tracked values only through the state: carry parameters (weights, a step size) in the
    /// state and return them unchanged. A body that captures a tracked value from outside throws.
    /// </remarks>
    /// <param name="state">s₀, tracked or constant.</param>
    /// <param name="steps">n ≥ 0.</param>
    /// <param name="body">One step, written generically like any differentiated function; it returns a state of the
    /// same length.</param>
    /// <exception cref="ArgumentException">The state is empty, or the body returns a state of another length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">steps is negative.</exception>
    /// <exception cref="InvalidOperationException">The body captured a tracked value from outside the state.</exception>
    public static Tracked<T>[] CheckpointedLoop<T>(ReadOnlySpan<Tracked<T>> state, int steps, VectorFunction<Tracked<T>> body)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        Require.NotEmpty(state, nameof(state));
        if (steps == 0)
            return state.ToArray();
        int stride = (int)Math.Ceiling(Math.Sqrt(steps));
        // Snapshot k is the state after k·stride steps; the forward pass fills them, the pullback only reads them.
        var snapshots = new T[(steps + stride - 1) / stride][];
        int width = state.Length;
        return Primitive(state, s0 =>
        {
            T[] s = s0;
            for (int step = 0; step < steps; step++)
            {
                if (step % stride == 0)
                    snapshots[step / stride] = s;
                s = ValueOnConstants(body, s, width, nameof(body));
            }
            return s;
        }, (u, _, _) =>
        {
            T[] adjoint = u.ToArray();
            for (int k = snapshots.Length - 1; k >= 0; k--)
            {
                int length = Math.Min(stride, steps - k * stride);
                adjoint = Recompute(s => Steps(body, s, length), snapshots[k], adjoint);
            }
            return adjoint;
        });
    }

    // length steps of the body on tracked values: one stretch of the loop, recorded in the backward pass.
    private static Tracked<T>[] Steps<T>(VectorFunction<Tracked<T>> body, ReadOnlySpan<Tracked<T>> s, int length)
        where T : IFloatingPointIeee754<T>
    {
        Tracked<T>[] current = s.ToArray();
        for (int step = 0; step < length; step++)
            current = Require.Arity(body(current), current.Length, nameof(body));
        return current;
    }
}
