using System.Numerics;

namespace Autodiff;

/// <summary>
/// The vector-Jacobian product rule of a primitive y = f(x): (ū, x, y) ↦ ūᵀ J_f(x), the seeds' "implementation
/// hint". It must be pure: it may run many times, concurrently, with different cotangents.
/// </summary>
/// <param name="cotangent">ū, one entry per output.</param>
/// <param name="x">The inputs the primitive was called with.</param>
/// <param name="y">The outputs it returned.</param>
/// <returns>x̄ = ūᵀ J, one entry per input.</returns>
public delegate T[] VjpRule<T>(ReadOnlySpan<T> cotangent, ReadOnlySpan<T> x, ReadOnlySpan<T> y);

/// <summary>
/// A recorded primitive of scalar inputs: their tape indices (−1 for a constant) and a VJP x̄ = ūᵀJ that the sweep
/// adds into their adjoints.
/// </summary>
internal abstract class PrimitiveBlock<T>(int[] inputs) : TapeBlock<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>x̄ = ūᵀJ, one entry per input.</summary>
    protected abstract T[] Vjp(ReadOnlySpan<T> cotangent);

    /// <summary>Adds ūᵀJ to the inputs' adjoints, ū read from the outputs' adjoints (skipped when ū = 0).</summary>
    public sealed override void Pull(T[] adjoint)
    {
        var cotangent = adjoint.AsSpan(FirstOutput, OutputLength);
        bool zero = true;
        foreach (T u in cotangent)
            zero &= T.IsZero(u);
        if (zero)
            return;
        T[] xBar = Vjp(cotangent);
        if (xBar is null || xBar.Length != inputs.Length)
            throw new InvalidOperationException(
                $"A custom VJP rule returned {xBar?.Length.ToString() ?? "null"} entries for a primitive of {inputs.Length} inputs.");
        for (int k = 0; k < inputs.Length; k++)
            if (inputs[k] >= 0)
                adjoint[inputs[k]] += xBar[k];
    }
}

/// <summary>One recorded custom primitive: its inputs, its outputs and its VJP rule.</summary>
internal sealed class CustomPrimitive<T>(int[] inputs, T[] x, T[] y, VjpRule<T> rule) : PrimitiveBlock<T>(inputs)
    where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override T[] Vjp(ReadOnlySpan<T> cotangent) => rule(cotangent, x, y);
}

/// <summary>
/// One checkpointed segment: its inputs' values and nothing it computed; the sweep recomputes the segment's record
/// from x, pulls ū through it and releases it.
/// </summary>
internal sealed class CheckpointedSegment<T>(int[] inputs, T[] x, VectorFunction<Tracked<T>> segment) : PrimitiveBlock<T>(inputs)
    where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override T[] Vjp(ReadOnlySpan<T> cotangent) => Reverse.Recompute(segment, x, cotangent);
}
