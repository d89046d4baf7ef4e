using System.Numerics;

namespace Autodiff;

/// <summary>
/// One application of a tensor primitive y = f(x₁, …, x_k), defined by its value and, per input, the linear map
/// J_i = ∂y/∂x_i in both directions: forward, ẏ = Σ_i J_i ẋ_i (the JVP rule), and backward, x̄_i += J_iᵀ ȳ (the VJP
/// rule) — the seeds' "implementation hint". The two rules of a primitive sit side by side in one class, so the
/// property ⟨ū, J v⟩ = ⟨Jᵀū, v⟩ checks each against the other.
/// </summary>
/// <remarks>
/// A primitive computes its value in its constructor, keeping whatever the rules need (inputs, output, a
/// factorisation), then calls <see cref="Result"/>: that runs the JVP rule when an input carries a tangent, and
/// records the application on the inputs' tape when one is on a tape. The recorded object is immutable from then
/// on, so pullbacks may run it concurrently.
/// </remarks>
internal abstract class TensorPrimitive<T> : TapeBlock<T> where T : IFloatingPointIeee754<T>
{
    protected TensorPrimitive(params TensorVar<T>[] inputs)
    {
        foreach (TensorVar<T> input in inputs)
            // Stryker disable once Statement : every caller has checked its operands by their public names already.
            ArgumentNullException.ThrowIfNull(input, nameof(inputs));
        Inputs = inputs;
    }

    /// <summary>x₁, …, x_k.</summary>
    protected TensorVar<T>[] Inputs { get; }

    /// <summary>ẏ += J_i ẋ_i, where ẋ_i is the tangent of input i and ẏ is the output's (same shape as y).</summary>
    protected abstract void PushForward(int input, ReadOnlySpan<T> tangent, Span<T> outputTangent);

    /// <summary>x̄_i += J_iᵀ ȳ, where ȳ is the output's cotangent and x̄_i input i's adjoint (its shape).</summary>
    protected abstract void PullBack(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint);

    /// <summary>
    /// An array of at least <paramref name="length"/> entries (contents undefined) for what a primitive of these
    /// inputs computes in its forward pass — its value, a partial its rules keep. On a tape, from
    /// <see cref="MinPooledLength"/> entries up, it is rented from the pool
    /// and given back when the tape is released (<see cref="Tape{T}.RentStorage"/>; the tensors recorded on it then
    /// refuse reads), so a gradient evaluated in a loop reuses warm memory; off a tape (constants, forward mode) it is
    /// new. Read and write it through spans of exactly the entries used: it may be longer.
    /// </summary>
    // Stryker disable once NullCoalescing : which arrays are pooled is invisible to results (PooledStorageTests covers both sides).
    internal static T[] Allocate(int length, TensorVar<T> x, TensorVar<T>? y = null) => AllocateOn(length, x.Tape ?? y?.Tape);

    // As Allocate, on the given tape (or new, off a tape).
    private static T[] AllocateOn(int length, Tape<T>? tape)
    {
        // Stryker disable once Equality,Conditional : which arrays are pooled is invisible to results (PooledStorageTests covers both sides).
        return tape is null || length < MinPooledLength ? new T[length] : tape.RentStorage(length);
    }

    /// <summary>
    /// As <see cref="Allocate"/>, with the first <paramref name="length"/> entries set to <paramref name="value"/>: a
    /// product's zeros (the kernels add to it), a gradient of equal entries.
    /// </summary>
    internal static T[] AllocateFilled(int length, T value, TensorVar<T> x, TensorVar<T>? y = null)
    {
        T[] array = Allocate(length, x, y);
        array.AsSpan(0, length).Fill(value);
        return array;
    }

    /// <summary>
    /// Shorter arrays are new even on a tape: for a few entries a young-generation allocation costs less than renting,
    /// registering and returning one (Rosenbrock's gradient at n = 10, arrays of 5: 8 µs pooled-free, 9–10 µs pooled;
    /// at n = 10³, arrays of 500: ValueAndGradInto 7 → 5 µs pooled; a Stopwatch harness).
    /// </summary>
    internal const int MinPooledLength = 64;

    /// <summary>The differentiable result y: with its tangent, if any input has one, and on the inputs' tape.</summary>
    /// <param name="value">y's entries, the first <c>shape.Length</c> of the array (which may be longer: <see cref="Allocate"/>).</param>
    /// <param name="shape">y's shape.</param>
    protected TensorVar<T> Result(T[] value, Shape shape)
    {
        Tape<T>? tape = null;
        foreach (TensorVar<T> input in Inputs)
            tape = Tracked<T>.SharedTape(tape, input.Tape);
        // A tangent on a tape (a Hessian-vector product's forward pass) is pooled like the value, so it may be longer
        // than the tensor: every reader slices it to the tensor's length.
        T[]? tangent = null;
        for (int i = 0; i < Inputs.Length; i++)
        {
            if (Inputs[i].Tangent is T[] inputTangent)
            {
                if (tangent is null)
                {
                    tangent = AllocateOn(shape.Length, tape);
                    tangent.AsSpan(0, shape.Length).Clear();
                }
                PushForward(i, inputTangent.AsSpan(0, Inputs[i].Length), tangent.AsSpan(0, shape.Length));
            }
        }
        int first = tape is null ? Tape<T>.None : tape.PushBlock(shape.Length, this);
        return new TensorVar<T>(value, shape, tape, first, tangent);
    }

    /// <summary>Reads ȳ from the output's records and adds J_iᵀ ȳ to each recorded input (nothing when ȳ = 0).</summary>
    public sealed override void Pull(T[] adjoint)
    {
        ReadOnlySpan<T> cotangent = adjoint.AsSpan(FirstOutput, OutputLength);
        // Stryker disable once Statement,Block : skipping a zero cotangent only saves work (each rule adds J_iᵀ·0 = 0).
        if (IsZero(cotangent))
            return;
        for (int i = 0; i < Inputs.Length; i++)
            if (Inputs[i].Tape is not null)
                PullBack(i, cotangent, adjoint.AsSpan(Inputs[i].First, Inputs[i].Length));
    }

    /// <summary>
    /// Forward over reverse (<see cref="Tape{T}.SweepWithTangents"/>): x̄_i += J_iᵀ ȳ as in <see cref="Pull"/>, and
    /// x̄̇_i += J_iᵀ ȳ̇ + J̇_iᵀ ȳ, J̇_i being J_i's derivative along the tangents the inputs carried when the primitive
    /// ran (<see cref="PullBackCurvature"/>).
    /// </summary>
    public sealed override void PullWithTangent(T[] adjoint, T[] adjointTangent)
    {
        ReadOnlySpan<T> cotangent = adjoint.AsSpan(FirstOutput, OutputLength);
        ReadOnlySpan<T> cotangentTangent = adjointTangent.AsSpan(FirstOutput, OutputLength);
        bool still = IsZero(cotangent), flat = IsZero(cotangentTangent);
        for (int i = 0; i < Inputs.Length; i++)
        {
            if (Inputs[i].Tape is null)
                continue;
            Span<T> inputAdjointTangent = adjointTangent.AsSpan(Inputs[i].First, Inputs[i].Length);
            if (!still)
            {
                PullBack(i, cotangent, adjoint.AsSpan(Inputs[i].First, Inputs[i].Length));
                PullBackCurvature(i, cotangent, inputAdjointTangent);
            }
            if (!flat)
                PullBack(i, cotangentTangent, inputAdjointTangent);
        }
    }

    /// <summary>
    /// x̄̇_i += J̇_iᵀ ȳ, where J̇_i = d/dε J_i(x + εẋ) is the derivative of the VJP rule's linear map along the tangents
    /// ẋ_j the inputs carried (<see cref="TensorVar{T}.Tangent"/>; null is zero): the second-order rule a tensor
    /// Hessian-vector product needs. Zero for a linear primitive; a primitive without one refuses.
    /// </summary>
    /// <exception cref="NotSupportedException">The primitive has no second-order rule.</exception>
    protected virtual void PullBackCurvature(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjointTangent) =>
        throw NoSecondOrderRule();

    private static bool IsZero(ReadOnlySpan<T> values)
    {
        foreach (T value in values)
            if (!T.IsZero(value))
                return false;
        // Stryker disable once Boolean : "never zero" only means the sweep does the work of a zero cotangent (see Pull).
        return true;
    }
}
