using System.Numerics;

namespace Autodiff;

internal sealed partial class Tape<T>
{
    /// <summary>
    /// The backward sweep differentiated along the forward tangents the recorded values carry (forward over
    /// reverse): with x̄ the adjoints and x̄̇ their derivatives along v, each block adds Jᵀȳ to x̄ and
    /// Jᵀȳ̇ + J̇ᵀȳ to x̄̇ (<see cref="TapeBlock{T}.PullWithTangent"/>). Seeded with ȳ = 1, ȳ̇ = 0 on a scalar output whose
    /// inputs carried tangent v, x̄ is ∇f(x) and x̄̇ is H v. Only blocks know their J̇; a scalar record reached by a
    /// nonzero adjoint or adjoint tangent is refused (none is: a tensor carrying a tangent refuses <c>ToTracked</c>).
    /// </summary>
    /// <exception cref="NotSupportedException">A scalar record, or a block with no second-order rule, is reached.</exception>
    public void SweepWithTangents(T[] adjoint, T[] adjointTangent)
    {
        Walk(new TangentStep(adjoint, adjointTangent));
    }

    private readonly struct TangentStep(T[] adjoint, T[] adjointTangent) : ISweepStep
    {
        public void Block(TapeBlock<T> block) => block.PullWithTangent(adjoint, adjointTangent);

        // Stryker disable all : unreachable through the public API (a tensor with a tangent refuses ToTracked, so no
        // scalar record depends on the input); kept so that a future route to one fails loudly, never wrongly.
        public void Record(int index, in Node node)
        {
            if (T.IsZero(adjoint[index]) && T.IsZero(adjointTangent[index]))
                return;
            throw new NotSupportedException(
                "The function mixes scalar operations (Tracked values, ScalarValue arithmetic) into its tensor program; a tensor Hessian-vector product runs on tensor primitives only. Differentiate it on TensorVar<Dual<T>> instead (Tensors.Grad with the input seeded x + vε).");
        }
        // Stryker restore all
    }
}
