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

    private ScalarPrimitive(TensorVar<T>[] inputs, T[][] gradients) : base(inputs) => _gradients = gradients;

    /// <summary>The scalar y with gradients G_i (each shaped as input i).</summary>
    public static TensorVar<T> Apply(T value, TensorVar<T>[] inputs, T[][] gradients) =>
        new ScalarPrimitive<T>(inputs, gradients).Result([value], Shape.Scalar);

    /// <summary>The scalar y of one input, with gradient G.</summary>
    public static TensorVar<T> Apply(T value, TensorVar<T> input, T[] gradient) => Apply(value, [input], [gradient]);

    protected override void PushForward(int input, ReadOnlySpan<T> tangent, Span<T> outputTangent) =>
        outputTangent[0] += TensorPrimitives.Dot(_gradients[input].AsSpan(0, tangent.Length), tangent);

    protected override void PullBack(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint) =>
        TensorPrimitives.MultiplyAdd(_gradients[input].AsSpan(0, inputAdjoint.Length), cotangent[0], inputAdjoint, inputAdjoint);
}
