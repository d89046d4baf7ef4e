using System.Buffers;
using System.Numerics;

namespace Autodiff;

public static partial class Reverse
{
    /// <summary>
    /// Declares a primitive y = f(x) by its forward function and its VJP rule (ū, x, y) ↦ ūᵀ J_f(x), and applies it
    /// to tracked inputs: the forward function runs on plain values, and the backward sweep calls the rule instead
    /// of differentiating f. It composes with everything else recorded in the same differentiation.
    /// </summary>
    /// <param name="inputs">The primitive's inputs (tracked or constant).</param>
    /// <param name="forward">f on plain values.</param>
    /// <param name="vjp">The VJP rule; it must be pure and return one entry per input.</param>
    /// <exception cref="ArgumentException">No inputs, or f returns no outputs.</exception>
    public static Tracked<T>[] Primitive<T>(ReadOnlySpan<Tracked<T>> inputs, Func<T[], T[]> forward, VjpRule<T> vjp)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(vjp);
        (T[] x, int[] indices, Tape<T>? tape) = Unpack(inputs);
        T[] y = Require.Arity(forward((T[])x.Clone()), null, nameof(forward));
        return Outputs(tape, y, new CustomPrimitive<T>(indices, x, y, vjp));
    }

    // A primitive's input values, their tape indices and the tape they share (null when all are constants).
    private static (T[] X, int[] Indices, Tape<T>? Tape) Unpack<T>(ReadOnlySpan<Tracked<T>> inputs)
        where T : IFloatingPointIeee754<T>
    {
        Require.NotEmpty(inputs, nameof(inputs));
        var x = new T[inputs.Length];
        var indices = new int[inputs.Length];
        Tape<T>? tape = null;
        for (int k = 0; k < inputs.Length; k++)
        {
            x[k] = inputs[k].Value;
            indices[k] = inputs[k].Index;
            tape = Tracked<T>.SharedTape(tape, inputs[k].Tape);
        }
        return (x, indices, tape);
    }

    // The tracked values y of a block recorded on the tape (constants when there is none).
    private static Tracked<T>[] Outputs<T>(Tape<T>? tape, T[] y, TapeBlock<T> block) where T : IFloatingPointIeee754<T>
    {
        if (tape is null)
            return Array.ConvertAll(y, Tracked<T>.Constant);
        int first = tape.PushBlock(y.Length, block);
        var outputs = new Tracked<T>[y.Length];
        for (int k = 0; k < y.Length; k++)
            outputs[k] = new Tracked<T>(y[k], tape, first + k);
        return outputs;
    }

    /// <summary>
    /// Gradient checkpointing: applies <paramref name="segment"/> to tracked inputs without keeping its
    /// intermediates. The forward pass records only the segment's inputs and outputs; the backward sweep recomputes
    /// the segment's record when it needs it — trading time for memory, with the same gradient.
    /// </summary>
    /// <param name="segment">A sub-function, written generically like any differentiated function.</param>
    /// <param name="inputs">Its inputs.</param>
    /// <exception cref="ArgumentException">No inputs, or the segment returns no outputs.</exception>
    public static Tracked<T>[] Checkpoint<T>(VectorFunction<Tracked<T>> segment, ReadOnlySpan<Tracked<T>> inputs)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(segment);
        (T[] x, int[] indices, Tape<T>? tape) = Unpack(inputs);
        return Outputs(tape, ValueOnConstants(segment, x), new CheckpointedSegment<T>(indices, x, segment));
    }

    // The segment on constants: its value, recording nothing (an output that is not a constant came from a tracked
    // value the segment captured, which would record its intermediates on the outer tape and mix its derivative in).
    private static T[] ValueOnConstants<T>(VectorFunction<Tracked<T>> segment, T[] x, int? arity = null, string name = "segment")
        where T : IFloatingPointIeee754<T>
    {
        Tracked<T>[] constants = ArrayPool<Tracked<T>>.Shared.Rent(x.Length);
        for (int k = 0; k < x.Length; k++)
            constants[k] = Tracked<T>.Constant(x[k]);
        Tracked<T>[] y;
        try
        {
            y = Require.Arity(segment(constants.AsSpan(0, x.Length)), arity, name);
        }
        // Stryker disable once Block,Statement : returning memory to the pool is invisible to results.
        finally
        {
            // Constants reference no tape: nothing to clear.
            // Stryker disable once Statement : returning memory to the pool is invisible to results.
            ArrayPool<Tracked<T>>.Shared.Return(constants);
        }
        var values = new T[y.Length];
        for (int k = 0; k < y.Length; k++)
            values[k] = y[k].IsConstant ? y[k].Value : throw CapturedTrackedValue();
        return values;
    }

    private static InvalidOperationException CapturedTrackedValue() => new(
        "A checkpointed segment or loop body used a tracked value it did not receive as input: pass every tracked value " +
        "it depends on through its inputs (or the loop's state), so that it can be recomputed in the backward pass.");

    // ūᵀJ of the segment at x, from a record made for this one sweep and released after it (its chunks go back to
    // the pool, so the next segment's recomputation reuses the same memory).
    internal static T[] Recompute<T>(VectorFunction<Tracked<T>> segment, ReadOnlySpan<T> x, ReadOnlySpan<T> cotangent) where T : IFloatingPointIeee754<T>
    {
        (Tape<T> tape, Tracked<T>[] output) = Evaluate(segment, x, cotangent.Length, nameof(segment));
        try
        {
            return tape.Pull(Indices(output, tape), cotangent);
        }
        finally
        {
            // Also freezes the tape: a value kept from this run must not write into memory the pool hands out again.
            tape.Release();
        }
    }
}
