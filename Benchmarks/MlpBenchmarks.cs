using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace Autodiff.Benchmarks;

/// <summary>
/// One training step's worth of work for the seeds' multi-layer network on a batch of 64: the loss
/// L = ‖Y − F_K‖² alone, over its gradient ∂L/∂θ by tensor primitives and by scalar reverse mode (the Ratio column is
/// against the plain forward pass). Hidden layers tanh, output linear; weights Xavier-uniform from a fixed seed.
/// Targets: gradient by tensors ≤ 3× the forward pass; scalar reverse mode records one tape entry per multiply and
/// per add, so it shows what matrix-level primitives save.
/// </summary>
[MemoryDiagnoser]
public class MlpBenchmarks
{
    private const int Batch = 64;
    private Perceptron _network = null!;
    private Tensor<double>[] _theta = [];
    private TensorVar<double>[] _thetaConstants = [];
    private Tensor<double> _x = null!, _y = null!;
    private TensorVar<double> _xConstant = null!, _yConstant = null!;
    private double[] _flatTheta = [], _flatX = [], _flatY = [];
    private readonly Adam _adam = new(learningRate: 1e-3);
    private AdamState<double> _state = null!, _stateInPlace = null!, _stateHandWritten = null!;
    private Tensor<double>[] _gradient = [], _gradientHandWritten = [];
    private HandWrittenStep _handWritten = null!;

    /// <summary>The layer sizes n₀-n₁-…-n_K.</summary>
    [Params("64-128-128-10", "784-256-10")]
    public string Layers { get; set; } = "";

    /// <summary>Builds the network, its parameters and a random batch.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _network = new Perceptron(Layers.Split('-').Select(int.Parse), ActivationFunction.Tanh, ActivationFunction.Identity);
        _theta = _network.Initialize<double>(seed: 1);
        _thetaConstants = Array.ConvertAll(_theta, t => (TensorVar<double>)t);
        var random = new Random(2);
        _flatX = Enumerable.Range(0, Batch * _network.InputSize).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        _flatY = Enumerable.Range(0, Batch * _network.OutputSize).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        _x = Tensor.Create(_flatX, [Batch, _network.InputSize]);
        _y = Tensor.Create(_flatY, [Batch, _network.OutputSize]);
        (_xConstant, _yConstant) = (_x, _y);
        _flatTheta = _network.Flatten<double>(_theta);
        _state = _adam.Start(_theta);
        _stateInPlace = _adam.Start(_theta);
        _gradient = Array.ConvertAll(_theta, t => Tensor.Create(new double[t.FlattenedLength], t.Lengths));
        _stateHandWritten = _adam.Start(_theta);
        _gradientHandWritten = Array.ConvertAll(_theta, t => Tensor.Create(new double[t.FlattenedLength], t.Lengths));
        _handWritten = new HandWrittenStep(_network.Sizes, Batch);
        CheckTheAnchor();
    }

    // The anchor must compute the library's loss and gradient (to rounding), or its time means nothing.
    private void CheckTheAnchor()
    {
        double loss = Tensors.ValueAndGradInto(p => _network.SquaredLoss(p, _xConstant, _yConstant), _theta, _gradient);
        double handLoss = _handWritten.LossAndGradient(_theta, _flatX, _flatY, _gradientHandWritten);
        double worst = Math.Abs(loss - handLoss) / Math.Abs(loss);
        for (int i = 0; i < _gradient.Length; i++)
        {
            double[] library = _gradient[i].ToArray(), hand = _gradientHandWritten[i].ToArray();
            double scale = library.Max(Math.Abs);
            for (int e = 0; e < library.Length; e++)
                worst = Math.Max(worst, Math.Abs(library[e] - hand[e]) / scale);
        }
        if (worst > 1e-10)
            throw new InvalidOperationException($"The hand-written step differs from the library's by {worst:E2}.");
    }

    /// <summary>L on plain doubles: dot products of rows and vectorised activations, nothing recorded.</summary>
    [Benchmark(Baseline = true)]
    public double ForwardPlain() => _network.SquaredLoss<double>(_theta, _x, _y);

    /// <summary>L through the tensor primitives on constants: the same code as the gradient, nothing recorded.</summary>
    [Benchmark]
    public double ForwardTensorConstants() => _network.SquaredLoss(_thetaConstants, _xConstant, _yConstant).ScalarValue;

    /// <summary>L and ∂L/∂θ by reverse mode over tensor primitives (Tensors.ValueAndGrad).</summary>
    [Benchmark]
    public double GradientTensor() => Tensors.ValueAndGrad(p => _network.SquaredLoss(p, _xConstant, _yConstant), _theta).Value;

    /// <summary>L and ∂L/∂θ by scalar reverse mode: the same network on Tracked&lt;double&gt;, one record per operation.</summary>
    [Benchmark]
    public double GradientScalar() => Reverse.ValueAndGrad(p => _network.ScalarSquaredLoss(p, _flatX, _flatY), _flatTheta).Value;

    /// <summary>One training step: ∂L/∂θ by tensor primitives, then Adam making a new state.</summary>
    [Benchmark]
    public double TrainingStepAdam()
    {
        (double loss, Tensor<double>[] gradient) = Tensors.ValueAndGrad(p => _network.SquaredLoss(p, _xConstant, _yConstant), _state.Parameters);
        _state = _adam.Step(_state, gradient);
        return loss;
    }

    /// <summary>The anchor: the same step written by hand on the library's kernels (HandWrittenStep), Adam in place.</summary>
    [Benchmark]
    public double TrainingStepHandWritten()
    {
        double loss = _handWritten.LossAndGradient(_stateHandWritten.Parameters, _flatX, _flatY, _gradientHandWritten);
        _stateHandWritten = _adam.StepInPlace(_stateHandWritten, _gradientHandWritten);
        return loss;
    }

    /// <summary>The same step with the gradient written into buffers made once and Adam updating θ, m and v in place.</summary>
    [Benchmark]
    public double TrainingStepInPlace()
    {
        double loss = Tensors.ValueAndGradInto(p => _network.SquaredLoss(p, _xConstant, _yConstant), _stateInPlace.Parameters, _gradient);
        _stateInPlace = _adam.StepInPlace(_stateInPlace, _gradient);
        return loss;
    }
}
