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
        T[] y = Require.Arity(forward((T[])x.Clone()), null, nameof(forward));
        return tape is null
            ? Array.ConvertAll(y, Tracked<T>.Constant)
            : Outputs(tape, y, tape.PushBlock(y.Length, new CustomPrimitive<T>(indices, x, y, vjp)));
    }

    // The tracked values of a block's outputs, recorded from index first on.
    private static Tracked<T>[] Outputs<T>(Tape<T> tape, T[] y, int first) where T : IFloatingPointIeee754<T>
    {
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
        return Primitive(inputs, x => Vjp(segment, x).Value, (u, x, _) => Vjp(segment, x).Pullback.Invoke(u));
    }
}
