using System.Numerics;

namespace Autodiff;

/// <summary>
/// A primitive recorded as one frame of the continuation however many outputs it has: a custom primitive, or a
/// tensor operation whose outputs are the entries of a vector or matrix. Its outputs occupy consecutive records of
/// the tape, so their adjoints form one span; <see cref="Pull"/> turns that span into its inputs' adjoints.
/// </summary>
/// <typeparam name="T">The scalar type.</typeparam>
internal abstract class TapeBlock<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>The tape index of the first output.</summary>
    public int FirstOutput { get; private set; }

    /// <summary>The number of outputs.</summary>
    public int OutputLength { get; private set; }

    /// <summary>Called once by the tape when the block is recorded.</summary>
    internal void Bind(int firstOutput, int outputLength)
    {
        FirstOutput = firstOutput;
        OutputLength = outputLength;
    }

    /// <summary>
    /// Adds ūᵀJ to the inputs' adjoints, ū being the outputs' adjoints
    /// <c>adjoint[FirstOutput .. FirstOutput + OutputLength)</c>. Must be pure: pullbacks may run concurrently.
    /// </summary>
    public abstract void Pull(T[] adjoint);

    /// <summary>
    /// <see cref="Pull"/> differentiated along the tangents the block's inputs carried when it was recorded: adds ūᵀJ
    /// to the inputs' adjoints and u̇ᵀJ + ūᵀJ̇ to their tangents (<see cref="Tape{T}.SweepWithTangents"/>), u̇ being
    /// <c>adjointTangent</c> on the outputs. Blocks with no second-order rule refuse.
    /// </summary>
    /// <exception cref="NotSupportedException">The block has no second-order rule.</exception>
    public virtual void PullWithTangent(T[] adjoint, T[] adjointTangent) => throw NoSecondOrderRule();

    /// <summary>The refusal of a block with no second-order rule, naming the block and the way around.</summary>
    protected NotSupportedException NoSecondOrderRule(string? operation = null) => new(
        $"{operation ?? GetType().Name.Split('`')[0]} has no second-order rule for a tensor Hessian-vector product yet; differentiate on TensorVar<Dual<T>> instead (Tensors.Grad with the input seeded x + vε).");
}
