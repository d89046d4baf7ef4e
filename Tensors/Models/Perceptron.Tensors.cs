using System.Numerics;

namespace Autodiff;

// Tensor mode: the network as a handful of matrix primitives per layer, for Tensors.Grad and friends.
public sealed partial class Perceptron
{
    /// <summary>
    /// F_K, the output of the network for a batch X whose rows are the samples. Inside, the batch travels as columns,
    /// Φ_k = F_kᵀ ∈ ℝ^{n_k×N}, so every layer is the seeds' formula verbatim with one column per sample:
    /// Φ₀ = Xᵀ, Φ_{k+1} = σ_{k+1}(A_k Φ_k + b_k 𝟙ᵀ), and F_K = Φ_Kᵀ — one matrix product, one broadcast addition (b_k as
    /// an n_{k+1}×1 column) and one elementwise activation per layer. The weights are multiplied as stored: no A_k is
    /// ever transposed or copied, forward or backward; nor is X (A₀ Xᵀ is one product), and F_K is transposed once. X may
    /// also be a single sample, an n₀-vector x = f₀, for which this is literally f_{k+1} = σ_{k+1}(A_k f_k + b_k).
    /// </summary>
    /// <param name="parameters">θ: A₀, b₀, …, A_{K−1}, b_{K−1}.</param>
    /// <param name="inputs">X ∈ ℝ^{N×n₀}, one sample per row (or one sample as an n₀-vector).</param>
    /// <returns>F_K ∈ ℝ^{N×n_K}, one sample per row (an n_K-vector for a single sample).</returns>
    /// <exception cref="ArgumentException">θ does not have the network's shapes, X is not N×n₀, or N is so large that a
    /// layer's outputs would not fit in an array.</exception>
    public TensorVar<T> Forward<T>(ReadOnlySpan<TensorVar<T>> parameters, TensorVar<T> inputs) where T : IFloatingPointIeee754<T>
    {
        CheckShapes(parameters, nameof(parameters), p => p.Shape);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Shape.Rank == 0 || inputs.Shape.Columns != InputSize)
            throw new ArgumentException(
                $"inputs is {inputs.Shape}; the {this} network takes N×{InputSize} (one sample per row) or a {InputSize}-vector.",
                nameof(inputs));
        CheckBatch(inputs.Shape.Rows, nameof(inputs));
        bool batch = inputs.Shape.Rank == 2;
        TensorVar<T> phi = inputs;
        for (int k = 0; k < Depth; k++)
        {
            TensorVar<T> a = parameters[2 * k], b = parameters[2 * k + 1];
            // Φ₀ = Xᵀ is never formed: the first layer multiplies by it as A₀ Xᵀ.
            TensorVar<T> product = k == 0 && batch ? a.MatMulTransposed(inputs) : a.MatMul(phi);
            phi = ActivationOf(k + 1).Apply(product + (batch ? b.Reshape(Shape.Matrix(b.Length, 1)) : b));
        }
        return phi.Transpose();
    }

    /// <summary>
    /// The seeds' loss L(θ) = ‖Y − F_K(θ, X)‖² = Σ_i ‖y⁽ⁱ⁾ − f_K(θ, x⁽ⁱ⁾)‖², summed over the batch; its gradient
    /// ∂L/∂F_K = −2(Y − F_K) starts the backward sweep.
    /// </summary>
    /// <param name="parameters">θ: A₀, b₀, …, A_{K−1}, b_{K−1}.</param>
    /// <param name="inputs">X ∈ ℝ^{N×n₀}.</param>
    /// <param name="targets">Y ∈ ℝ^{N×n_K}, of F_K's shape.</param>
    /// <exception cref="ArgumentException">A shape does not fit the network.</exception>
    public TensorVar<T> SquaredLoss<T>(ReadOnlySpan<TensorVar<T>> parameters, TensorVar<T> inputs, TensorVar<T> targets)
        where T : IFloatingPointIeee754<T>
    {
        TensorVar<T> outputs = Forward(parameters, inputs);
        return (Targets(targets, outputs) - outputs).SquaredNorm();
    }

    /// <summary>
    /// The softmax cross-entropy of a classifier, L(θ) = −Σ_i Σ_j Y_ij log softmax(f_K⁽ⁱ⁾)_j, summed over the
    /// batch: F_K are the logits (σ_K should be the identity) and the rows of Y are the class probabilities (one-hot
    /// labels). Evaluated as one primitive on the stable log-softmax, (z − max z) − log Σ e^{z − max z}, so it is
    /// exact for logits of any size up to ±1.8e308, and a zero target contributes 0 even where log softmax is −∞;
    /// ∂L/∂F_K = softmax(F_K) − Y for one-hot rows.
    /// </summary>
    /// <param name="parameters">θ: A₀, b₀, …, A_{K−1}, b_{K−1}.</param>
    /// <param name="inputs">X ∈ ℝ^{N×n₀}.</param>
    /// <param name="targets">Y ∈ ℝ^{N×n_K}, each row a probability vector.</param>
    /// <exception cref="ArgumentException">A shape does not fit the network.</exception>
    public TensorVar<T> CrossEntropyLoss<T>(ReadOnlySpan<TensorVar<T>> parameters, TensorVar<T> inputs, TensorVar<T> targets)
        where T : IFloatingPointIeee754<T>
    {
        TensorVar<T> logits = Forward(parameters, inputs);
        return SoftmaxCrossEntropy.Apply(logits, Targets(targets, logits));
    }

    // Y, checked to have F_K's shape exactly (broadcasting would hide a mismatch).
    private TensorVar<T> Targets<T>(TensorVar<T> targets, TensorVar<T> outputs) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Shape != outputs.Shape)
            throw new ArgumentException(
                $"targets is {targets.Shape} but the {this} network's output F_K is {outputs.Shape}; Y needs F_K's shape.",
                nameof(targets));
        return targets;
    }
}
