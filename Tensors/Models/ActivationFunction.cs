using System.Numerics;
using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>The activation σ_k of a layer of a <see cref="Perceptron"/>, applied entry by entry.</summary>
public enum ActivationFunction
{
    /// <summary>σ(z) = z: no activation (a linear output layer, or the logits of a classifier).</summary>
    Identity,

    /// <summary>σ(z) = tanh z, with σ′ = 1 − σ².</summary>
    Tanh,

    /// <summary>The logistic sigmoid σ(z) = 1/(1 + e⁻ᶻ), with σ′ = σ(1 − σ).</summary>
    Sigmoid,

    /// <summary>σ(z) = max(z, 0), with σ′ = 1 for z &gt; 0 and 0 otherwise.</summary>
    Relu,
}

/// <summary>One activation in the three modes a <see cref="Perceptron"/> runs in: tensors, scalars, plain spans.</summary>
internal static class Activations
{
    /// <summary>σ(Z) on a differentiable tensor: one elementwise primitive (none for the identity).</summary>
    public static TensorVar<T> Apply<T>(this ActivationFunction sigma, TensorVar<T> z) where T : IFloatingPointIeee754<T> =>
        sigma switch
        {
            ActivationFunction.Tanh => z.Tanh(),
            ActivationFunction.Sigmoid => z.Sigmoid(),
            ActivationFunction.Relu => z.Relu(),
            _ => z,
        };

    /// <summary>σ(z) on one scalar of any number type (so reverse mode records it as scalar operations).</summary>
    public static T Apply<T>(this ActivationFunction sigma, T z) where T : IFloatingPointIeee754<T> =>
        sigma switch
        {
            ActivationFunction.Tanh => T.Tanh(z),
            ActivationFunction.Sigmoid => Activation.Sigmoid(z),
            ActivationFunction.Relu => Activation.Relu(z),
            _ => z,
        };

    /// <summary>z ← σ(z) in place on plain numbers, vectorised by <see cref="TensorPrimitives"/>.</summary>
    public static void ApplyInPlace<T>(this ActivationFunction sigma, Span<T> z) where T : IFloatingPointIeee754<T>
    {
        switch (sigma)
        {
            case ActivationFunction.Tanh:
                TensorPrimitives.Tanh<T>(z, z);
                break;
            case ActivationFunction.Sigmoid:
                TensorPrimitives.Sigmoid<T>(z, z);
                break;
            case ActivationFunction.Relu:
                TensorPrimitives.Max(z, T.Zero, z);
                break;
        }
    }

    /// <summary>
    /// The half-width r of the uniform initialisation U(−r, r) of a weight matrix feeding σ: He's √(6/n_in) for
    /// ReLU, Glorot and Bengio's (Xavier's) √(6/(n_in + n_out)) otherwise, so that activations and gradients keep
    /// their variance from layer to layer.
    /// </summary>
    public static double InitialScale(this ActivationFunction sigma, int fanIn, int fanOut) =>
        sigma == ActivationFunction.Relu ? Math.Sqrt(6.0 / fanIn) : Math.Sqrt(6.0 / (fanIn + fanOut));

    /// <summary>Throws unless <paramref name="sigma"/> is one of the defined activations.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An undefined value.</exception>
    public static ActivationFunction Checked(ActivationFunction sigma, string name) =>
        Enum.IsDefined(sigma) ? sigma : throw new ArgumentOutOfRangeException(name, sigma, "Not a defined activation function.");
}
