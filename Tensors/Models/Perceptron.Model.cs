using System.Numerics;

namespace Autodiff;

// The network as a model f(θ, x) of the theory tools (per-example Jacobians, the neural tangent kernel, the Fisher,
// input sensitivity): one sample at a time, scalar mode, with θ flattened.
public sealed partial class Perceptron
{
    /// <summary>
    /// The network as a model f(θ, x) = f_K(θ, x): ℝ^{|θ|} × ℝ^{n₀} → ℝ^{n_K} (<see cref="IModel"/>), θ flattened
    /// (<see cref="Flatten{T}"/>), evaluated by <see cref="ScalarForward{T, TData}(ReadOnlySpan{T}, ReadOnlySpan{TData})"/>'s
    /// loop on numbers of any type, so derivatives flow into θ and into x.
    /// </summary>
    public PerceptronModel AsModel() => new(this);

    /// <summary>f_K(θ, x) for one sample x (or a batch of rows), on inputs of the same number type as θ.</summary>
    internal T[] ModelForward<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> input) where T : IFloatingPointIeee754<T>
    {
        CheckCount(parameters.Length, nameof(parameters));
        int samples = BatchSize(input.Length, InputSize, nameof(input), "inputs");
        CheckBatch(samples, nameof(input));
        return ForwardOnSameType(parameters, input, samples);
    }
}

/// <summary>A <see cref="Perceptron"/> as a model f(θ, x) (<see cref="Perceptron.AsModel"/>).</summary>
public readonly struct PerceptronModel : IModel
{
    private readonly Perceptron _network;

    internal PerceptronModel(Perceptron network) => _network = network;

    /// <summary>f_K(θ, x): θ flattened, x one sample of n₀ inputs.</summary>
    /// <exception cref="ArgumentException">θ does not have <see cref="Perceptron.ParameterCount"/> entries or x is not
    /// a whole number of samples.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>, not made by <see cref="Perceptron.AsModel"/>.</exception>
    public T[] F<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> input) where T : IFloatingPointIeee754<T> =>
        (_network ?? throw new InvalidOperationException("A default PerceptronModel has no network; use Perceptron.AsModel().")).ModelForward(parameters, input);
}
