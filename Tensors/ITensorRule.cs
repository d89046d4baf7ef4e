using System.Numerics;

namespace Autodiff;

/// <summary>
/// A tensor primitive y = f(x₁, …, x_k) of your own, defined like the library's: by its value and, per input, the
/// linear map J_i = ∂y/∂x_i in both directions — the JVP rule ẏ += J_i ẋ_i (forward mode) and the VJP rule
/// x̄_i += J_iᵀ ȳ (reverse mode). Apply it with <see cref="Tensors.Primitive{T, TRule}(TRule, TensorVar{T}[])"/>;
/// the application is recorded as one block on the same tape as every other primitive, so it composes with the
/// rest of a program and with <see cref="Tensors.Grad{T}(Func{TensorVar{T}, TensorVar{T}}, System.Numerics.Tensors.Tensor{T})"/>,
/// <c>Vjp</c>, <c>Jvp</c> and <c>Jacobian</c>.
/// </summary>
/// <remarks>
/// Entries are row-major throughout: a tangent or an adjoint has one entry per entry of its tensor. The rules receive
/// the inputs and the output y, so a rule can be a stateless struct; they must be pure (a pullback may run them many
/// times, concurrently) and must add to their target span, never overwrite it (other primitives add to it too). Check
/// the two rules against each other with ⟨ū, J v⟩ = ⟨Jᵀū, v⟩ (see <c>docs/custom-rules.md</c>).
/// </remarks>
/// <typeparam name="T">The scalar type.</typeparam>
public interface ITensorRule<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>The value y = f(x₁, …, x_k): its entries (row-major, a new array the primitive keeps) and its shape.</summary>
    /// <param name="inputs">x₁, …, x_k (read their <see cref="TensorVar{T}.Values"/> and <see cref="TensorVar{T}.Shape"/>).</param>
    (T[] Entries, Shape Shape) Value(ReadOnlySpan<TensorVar<T>> inputs);

    /// <summary>The JVP rule for one input: ẏ += J_i ẋ_i.</summary>
    /// <param name="inputs">x₁, …, x_k.</param>
    /// <param name="output">y's entries.</param>
    /// <param name="input">i, the input whose tangent is pushed forward.</param>
    /// <param name="tangent">ẋ_i, shaped as x_i.</param>
    /// <param name="outputTangent">ẏ, shaped as y: add J_i ẋ_i to it.</param>
    void Jvp(ReadOnlySpan<TensorVar<T>> inputs, ReadOnlySpan<T> output, int input, ReadOnlySpan<T> tangent, Span<T> outputTangent);

    /// <summary>The VJP rule for one input: x̄_i += J_iᵀ ȳ.</summary>
    /// <param name="inputs">x₁, …, x_k.</param>
    /// <param name="output">y's entries.</param>
    /// <param name="input">i, the input whose adjoint receives the cotangent.</param>
    /// <param name="cotangent">ȳ, shaped as y.</param>
    /// <param name="inputAdjoint">x̄_i, shaped as x_i: add J_iᵀ ȳ to it.</param>
    void Vjp(ReadOnlySpan<TensorVar<T>> inputs, ReadOnlySpan<T> output, int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint);
}
