using System.Numerics;
using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>
/// A scalar-valued primitive y = f(x₁, …, x_k), whose derivative is one gradient G_i = ∂y/∂x_i per input, in the
/// seeds' layout (the shape of x_i): JVP ẏ = Σ_i ⟨G_i, ẋ_i⟩, VJP x̄_i += ȳ G_i. Sums, norms, inner products, traces,
/// log-sum-exp and determinants are all of this kind; each is defined by its value and its gradients.
/// </summary>
internal sealed class ScalarPrimitive<T> : TensorPrimitive<T> where T : IFloatingPointIeee754<T>
{
    // Each G_i is the first Inputs[i].Length entries of its array (which may be longer: Allocate).
    private readonly T[][] _gradients;
    private readonly GradientTangent<T> _gradientTangent;

    private ScalarPrimitive(TensorVar<T>[] inputs, T[][] gradients, GradientTangent<T> gradientTangent) : base(inputs) =>
        (_gradients, _gradientTangent) = (gradients, gradientTangent);

    /// <summary>
    /// The scalar y with gradients G_i (each shaped as input i), and the derivative of the G_i along the inputs'
    /// tangents (its second-order rule).
    /// </summary>
    public static TensorVar<T> Apply(T value, TensorVar<T>[] inputs, T[][] gradients, GradientTangent<T> gradientTangent) =>
        new ScalarPrimitive<T>(inputs, gradients, gradientTangent).Result([value], Shape.Scalar);

    /// <summary>The scalar y of one input, with gradient G (and Ġ, as above).</summary>
    public static TensorVar<T> Apply(T value, TensorVar<T> input, T[] gradient, GradientTangent<T> gradientTangent) =>
        Apply(value, [input], [gradient], gradientTangent);

    protected override void PushForward(int input, ReadOnlySpan<T> tangent, Span<T> outputTangent) =>
        outputTangent[0] += TensorPrimitives.Dot(_gradients[input].AsSpan(0, tangent.Length), tangent);

    protected override void PullBack(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint) =>
        TensorPrimitives.MultiplyAdd(_gradients[input].AsSpan(0, inputAdjoint.Length), cotangent[0], inputAdjoint, inputAdjoint);

    // x̄̇_i += ȳ Ġ_i.
    protected override void PullBackCurvature(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjointTangent) =>
        _gradientTangent(Inputs, _gradients, input, cotangent[0], inputAdjointTangent);
}

/// <summary>
/// A reduction's second-order rule: adds s·Ġ_i to <paramref name="target"/>, Ġ_i being the derivative of its gradient
/// G_i (<paramref name="gradients"/>, as the reduction made them) with respect to input i along the tangents the inputs
/// carry (<see cref="TensorVar{T}.Tangent"/>; null is zero).
/// </summary>
internal delegate void GradientTangent<T>(TensorVar<T>[] inputs, T[][] gradients, int input, T scale, Span<T> target)
    where T : IFloatingPointIeee754<T>;
