using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>
/// The seeds' K-layer neural network: f₀ := x, f_k := σ_k(A_{k−1} f_{k−1} + b_{k−1}) for k = 1 … K, with parameters
/// θ = {A₀, b₀, …, A_{K−1}, b_{K−1}} (A_k ∈ ℝ^{n_{k+1}×n_k}, b_k ∈ ℝ^{n_{k+1}}), trained by minimising
/// L(θ) = ‖y − f_K(θ, x)‖². An immutable description — the layer sizes n₀, …, n_K and the activations — that
/// evaluates the network in three modes: on <see cref="TensorVar{T}"/> (matrix-level primitives, for
/// <see cref="Tensors"/>' gradients), on scalars of any number type (for <see cref="Reverse"/> on
/// <see cref="Tracked{T}"/>), and on plain numbers (for prediction).
/// </summary>
/// <remarks>
/// <para><b>Layout.</b> The weights keep the seeds' orientation: A_k is n_{k+1}×n_k, so a single sample (a vector
/// f_k) goes through A_k f_k + b_k literally. A batch stacks N samples as the rows of X ∈ ℝ^{N×n₀} (the layout of
/// data), and the outputs come back the same way, F_K ∈ ℝ^{N×n_K}: row i of F_{k+1} is (A_k f_k⁽ⁱ⁾ + b_k)ᵀ, i.e.
/// F_{k+1} = σ_{k+1}(F_k A_kᵀ + 𝟙 b_kᵀ). In tensor mode the batch travels transposed, one column per sample
/// (Φ_{k+1} = σ_{k+1}(A_k Φ_k + b_k 𝟙ᵀ), Φ_k = F_kᵀ), so no weight matrix is ever transposed — see
/// <see cref="Forward{T}"/>. The loss of a batch sums over samples: L = ‖Y − F_K‖² (squared Frobenius norm),
/// Y ∈ ℝ^{N×n_K} holding the targets as rows.</para>
/// <para><b>Parameters.</b> θ is handed around as 2K tensors in the seeds' order A₀, b₀, A₁, b₁, … (what
/// <see cref="Initialize{T}"/> returns and <see cref="Tensors.Grad{T}(Func{TensorVar{T}[], TensorVar{T}}, Tensor{T}[])"/>
/// differentiates), or, for scalar mode, as one flat vector of <see cref="ParameterCount"/> entries: the same tensors,
/// each row-major, one after the other (<see cref="Flatten{T}"/> and <see cref="Unflatten{T}"/> convert).</para>
/// <para>The activations are σ₁ = … = σ_{K−1} = <see cref="Hidden"/> and σ_K = <see cref="Output"/>. For
/// classification, <see cref="CrossEntropyLoss{T}(ReadOnlySpan{TensorVar{T}}, TensorVar{T}, TensorVar{T})"/> reads
/// F_K as logits (use <see cref="ActivationFunction.Identity"/> at the output).</para>
/// </remarks>
public sealed partial class Perceptron
{
    /// <summary>A network with layer sizes n₀ (inputs), n₁, …, n_K (outputs).</summary>
    /// <param name="sizes">n₀, …, n_K: at least two, each at least 1.</param>
    /// <param name="hidden">σ₁ … σ_{K−1}, the activation of every hidden layer.</param>
    /// <param name="output">σ_K, the activation of the output layer.</param>
    /// <exception cref="ArgumentException">Fewer than two sizes, a size below 1, more parameters than an array holds
    /// (<see cref="Array.MaxLength"/>), or an undefined activation.</exception>
    public Perceptron(IEnumerable<int> sizes, ActivationFunction hidden, ActivationFunction output)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        Sizes = [.. sizes];
        if (Sizes.Length < 2)
            throw new ArgumentException(
                $"sizes has {Sizes.Length} entries; a network needs at least the input and the output size (n₀, …, n_K with K ≥ 1).",
                nameof(sizes));
        foreach (int n in Sizes)
            if (n < 1)
                throw new ArgumentException($"sizes holds {n}; every layer needs at least one unit.", nameof(sizes));
        Hidden = Activations.Checked(hidden, nameof(hidden));
        Output = Activations.Checked(output, nameof(output));
        ParameterCount = CountParameters(Sizes);
        Widest = Sizes.Max();
        ParameterShapes = [.. Enumerable.Range(0, Depth).SelectMany(k => new[] { Shape.Matrix(Sizes[k + 1], Sizes[k]), Shape.Vector(Sizes[k + 1]) })];
    }

    /// <summary>n₀, n₁, …, n_K: the widths of the input, the hidden layers and the output.</summary>
    public ImmutableArray<int> Sizes { get; }

    /// <summary>K, the number of layers (affine maps), one less than the number of sizes.</summary>
    public int Depth => Sizes.Length - 1;

    /// <summary>n₀, the number of inputs of one sample.</summary>
    public int InputSize => Sizes[0];

    /// <summary>n_K, the number of outputs of one sample.</summary>
    public int OutputSize => Sizes[^1];

    /// <summary>σ₁ … σ_{K−1}, the activation of the hidden layers.</summary>
    public ActivationFunction Hidden { get; }

    /// <summary>σ_K, the activation of the output layer.</summary>
    public ActivationFunction Output { get; }

    /// <summary>|θ| = Σ_k (n_k + 1) n_{k+1}, the number of weights and biases.</summary>
    public int ParameterCount { get; }

    // max_k n_k, the widest layer: the most entries one sample has anywhere in the network.
    private int Widest { get; }

    /// <summary>σ_k, the activation of layer k = 1 … K.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k outside 1 … K.</exception>
    public ActivationFunction ActivationOf(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, Depth);
        return k == Depth ? Output : Hidden;
    }

    /// <summary>The shapes of θ's 2K tensors: A_k is an n_{k+1}×n_k matrix, b_k an n_{k+1}-vector.</summary>
    public ImmutableArray<Shape> ParameterShapes { get; }

    /// <summary>
    /// Initial parameters drawn from <c>new Random(seed)</c>, so a seed always gives the same network: every entry
    /// of A_k uniform in (−r, r) with r = √(6/(n_k + n_{k+1})) (Glorot–Bengio, "Xavier") when σ_{k+1} is tanh,
    /// sigmoid or the identity, and r = √(6/n_k) (He) when it is ReLU; every b_k = 0.
    /// </summary>
    public Tensor<T>[] Initialize<T>(int seed) where T : IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var parameters = new Tensor<T>[2 * Depth];
        for (int k = 0; k < Depth; k++)
        {
            double r = ActivationOf(k + 1).InitialScale(Sizes[k], Sizes[k + 1]);
            var weights = new T[Sizes[k + 1] * Sizes[k]];
            for (int j = 0; j < weights.Length; j++)
                weights[j] = T.CreateChecked(r * (2 * random.NextDouble() - 1));
            var biases = new T[Sizes[k + 1]];
            // Stryker disable once Statement : default(T) is T.Zero for every IEEE type in .NET; the fill keeps any other T right.
            biases.AsSpan().Fill(T.Zero);
            parameters[2 * k] = Tensor.Create(weights, [Sizes[k + 1], Sizes[k]]);
            parameters[2 * k + 1] = Tensor.Create(biases, [Sizes[k + 1]]);
        }
        return parameters;
    }

    /// <summary>θ as one vector: A₀, b₀, A₁, b₁, … one after the other, each row-major (for scalar mode).</summary>
    /// <exception cref="ArgumentException">The tensors are not θ's 2K tensors with their shapes.</exception>
    public T[] Flatten<T>(ReadOnlySpan<Tensor<T>> parameters) where T : IFloatingPointIeee754<T>
    {
        CheckShapes(parameters, nameof(parameters));
        var flat = new T[ParameterCount];
        int offset = 0;
        foreach (Tensor<T> tensor in parameters)
        {
            DenseEntries.CopyTo(tensor, flat.AsSpan(offset, (int)tensor.FlattenedLength));
            offset += (int)tensor.FlattenedLength;
        }
        return flat;
    }

    /// <summary>The 2K tensors A₀, b₀, … of a flat θ (the inverse of <see cref="Flatten{T}"/>).</summary>
    /// <exception cref="ArgumentException">The vector does not have <see cref="ParameterCount"/> entries.</exception>
    public Tensor<T>[] Unflatten<T>(ReadOnlySpan<T> parameters) where T : IFloatingPointIeee754<T>
    {
        CheckCount(parameters.Length, nameof(parameters));
        var tensors = new Tensor<T>[ParameterShapes.Length];
        int offset = 0;
        for (int i = 0; i < tensors.Length; i++)
        {
            Shape shape = ParameterShapes[i];
            tensors[i] = Tensor.Create(parameters.Slice(offset, shape.Length).ToArray(), shape.Lengths);
            offset += shape.Length;
        }
        return tensors;
    }

    /// <summary>"2-16-16-1 (tanh, sigmoid)".</summary>
    public override string ToString() =>
        $"{string.Join("-", Sizes)} ({Hidden.ToString().ToLowerInvariant()}, {Output.ToString().ToLowerInvariant()})";

    // θ must be 2K tensors of the shapes A_k: n_{k+1}×n_k and b_k: n_{k+1}.
    private void CheckShapes<TTensor>(ReadOnlySpan<TTensor> parameters, string name, Func<TTensor, Shape> shape)
    {
        if (parameters.Length != 2 * Depth)
            throw new ArgumentException(
                $"{name} has {parameters.Length} tensors; the {this} network has {2 * Depth} (A₀, b₀, …, A_{Depth - 1}, b_{Depth - 1}).", name);
        ImmutableArray<Shape> shapes = ParameterShapes;
        for (int i = 0; i < shapes.Length; i++)
        {
            if (parameters[i] is null)
                throw new ArgumentNullException(name, $"{name}[{i}] is null.");
            Shape actual = shape(parameters[i]);
            if (actual != shapes[i])
                throw new ArgumentException(
                    $"{name}[{i}] ({(i % 2 == 0 ? "A" : "b")}{i / 2}) is {actual}; the {this} network needs {shapes[i]}.", name);
        }
    }

    private void CheckShapes<T>(ReadOnlySpan<Tensor<T>> parameters, string name) =>
        CheckShapes(parameters, name, t => Shape.Of(t.Lengths, name));

    private void CheckCount(int length, string name)
    {
        if (length != ParameterCount)
            throw new ArgumentException(
                $"{name} has {length} entries; the {this} network has {ParameterCount} parameters (A₀, b₀, … flattened).", name);
    }

    // Σ_k (n_k + 1) n_{k+1}, summed in long: the int sum wraps (65536-65536 would have 65536 parameters).
    private static int CountParameters(ImmutableArray<int> sizes)
    {
        long count = 0;
        for (int k = 0; k + 1 < sizes.Length && count <= Array.MaxLength; k++)
            count += ((long)sizes[k] + 1) * sizes[k + 1];
        if (count > Array.MaxLength)
            throw new ArgumentException(
                $"sizes {string.Join("-", sizes)} give more than {Array.MaxLength} parameters, the most an array holds.", nameof(sizes));
        return (int)count;
    }

    // Throws unless a batch of N samples fits in arrays at every layer (N·max_k n_k entries), before any work.
    private void CheckBatch(int samples, string name)
    {
        // Stryker disable once Equality : the boundary, a batch of exactly Array.MaxLength entries in a layer, needs 16 GiB to run.
        if ((long)samples * Widest > Array.MaxLength)
            throw new ArgumentException(
                $"{name} holds {samples} samples; at {Widest} units in the widest layer that is {(long)samples * Widest} entries, more than an array holds ({Array.MaxLength}).",
                name);
    }

    // N, the number of samples in a batch of length entries of width n (N rows of n), or an error.
    private static int BatchSize(int length, int width, string name, string what)
    {
        if (length == 0 || length % width != 0)
            throw new ArgumentException(
                $"{name} has {length} entries; a batch is N ≥ 1 rows of {width} {what}, row-major.", name);
        return length / width;
    }
}
