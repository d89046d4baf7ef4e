using System.Numerics;
using System.Numerics.Tensors;

namespace Autodiff;

// Plain mode: the forward pass on numbers, with no record and no derivative — for predictions, and the baseline a
// gradient's cost is measured against.
public sealed partial class Perceptron
{
    /// <summary>
    /// F_K for a batch on plain numbers: F₀ = X, F_{k+1} = σ_{k+1}(F_k A_kᵀ + 𝟙 b_kᵀ), each product as dot products
    /// of rows and each activation vectorised by <see cref="TensorPrimitives"/>. Records nothing.
    /// </summary>
    /// <param name="parameters">θ: A₀, b₀, …, A_{K−1}, b_{K−1}.</param>
    /// <param name="inputs">X ∈ ℝ^{N×n₀}, one sample per row (or one sample as an n₀-vector).</param>
    /// <returns>F_K ∈ ℝ^{N×n_K} (an n_K-vector for a single sample).</returns>
    /// <exception cref="ArgumentException">θ does not have the network's shapes, X is not N×n₀, or N is so large that a
    /// layer's outputs would not fit in an array.</exception>
    public Tensor<T> Predict<T>(ReadOnlySpan<Tensor<T>> parameters, Tensor<T> inputs) where T : IFloatingPointIeee754<T>
    {
        CheckShapes(parameters, nameof(parameters));
        ArgumentNullException.ThrowIfNull(inputs);
        Shape shape = Shape.Of(inputs, nameof(inputs), nameof(inputs));
        if (shape.Rank == 0 || shape.Columns != InputSize)
            throw new ArgumentException(
                $"inputs is {shape}; the {this} network takes N×{InputSize} (one sample per row) or a {InputSize}-vector.",
                nameof(inputs));
        int samples = shape.Rows;
        CheckBatch(samples, nameof(inputs));
        ReadOnlySpan<T> f = DenseEntries.Of(inputs);
        T[] z = [];
        for (int k = 0; k < Depth; k++)
        {
            int n = Sizes[k], m = Sizes[k + 1];
            z = new T[samples * m];
            // Stryker disable once Statement : default(T) is T.Zero for every IEEE type in .NET; the fill keeps any other T right.
            z.AsSpan().Fill(T.Zero);
            Gemm.MultiplyTransposed(f, DenseEntries.Of(parameters[2 * k]), z, samples, n, m);
            ReadOnlySpan<T> b = DenseEntries.Of(parameters[2 * k + 1]);
            for (int i = 0; i < samples; i++)
                TensorPrimitives.Add(z.AsSpan(i * m, m), b, z.AsSpan(i * m, m));
            ActivationOf(k + 1).ApplyInPlace<T>(z);
            f = z;
        }
        return Tensor.Create(z, shape.Rank == 1 ? [OutputSize] : [samples, OutputSize]);
    }

    /// <summary>L(θ) = ‖Y − F_K(θ, X)‖² on plain numbers (the value only).</summary>
    /// <param name="parameters">θ: A₀, b₀, …, A_{K−1}, b_{K−1}.</param>
    /// <param name="inputs">X ∈ ℝ^{N×n₀}.</param>
    /// <param name="targets">Y ∈ ℝ^{N×n_K}.</param>
    /// <exception cref="ArgumentException">A shape does not fit the network.</exception>
    public T SquaredLoss<T>(ReadOnlySpan<Tensor<T>> parameters, Tensor<T> inputs, Tensor<T> targets) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(targets);
        Tensor<T> prediction = Predict(parameters, inputs);
        if (!targets.Lengths.SequenceEqual(prediction.Lengths))
            throw new ArgumentException(
                $"targets is {Shape.Of(targets.Lengths, nameof(targets))} but the {this} network's output F_K is {Shape.Of(prediction.Lengths, nameof(inputs))}; Y needs F_K's shape.",
                nameof(targets));
        ReadOnlySpan<T> outputs = DenseEntries.Of(prediction);
        var residual = new T[outputs.Length];
        TensorPrimitives.Subtract(DenseEntries.Of(targets), outputs, residual);
        return TensorPrimitives.SumOfSquares<T>(residual);
    }
}
