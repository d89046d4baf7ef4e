using System.Numerics;
using BenchmarkDotNet.Attributes;

namespace Autodiff.Benchmarks;

/// <summary>
/// The adjoint the source generator writes for a <c>[Differentiable]</c> method against the tape, on extended
/// Rosenbrock (issue 16): plain f, the generated gradient (called directly, and through <c>Reverse.Grad</c>'s
/// dispatch, which allocates the result), the tape (<see cref="TestFunctions.Rosenbrock{T}"/> carries no attribute,
/// so <c>Reverse.Grad</c> records it) and the hand-written gradient. Ratio is over plain f.
/// </summary>
[MemoryDiagnoser]
public class CompiledAdjointBenchmarks
{
    private double[] _x = [];
    private double[] _gradient = [];

    /// <summary>The dimension n.</summary>
    [Params(10, 1_000, 100_000, 1_000_000)]
    public int N { get; set; }

    /// <summary>Sets up the starting point and the gradient buffer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _x = TestFunctions.StartingPoint(N);
        _gradient = new double[N];
    }

    /// <summary>f(x) on doubles.</summary>
    [Benchmark(Baseline = true)]
    public double Plain() => CompiledFunctions.Rosenbrock<double>(_x);

    /// <summary>The generated gradient into a caller's buffer: no tape, no allocation.</summary>
    [Benchmark]
    public double Generated() => CompiledFunctions.Rosenbrock_Grad<double>(_x, _gradient);

    /// <summary>Reverse.Grad handed the [Differentiable] method group: the generated gradient into a new array.</summary>
    [Benchmark]
    public double ReverseGradDispatched() => Reverse.Grad(CompiledFunctions.Rosenbrock, _x)[0];

    /// <summary>The tape: the same function without the attribute.</summary>
    [Benchmark]
    public double Tape() => Reverse.Grad(TestFunctions.Rosenbrock, _x)[0];

    /// <summary>The analytic gradient, written by hand.</summary>
    [Benchmark]
    public double HandWritten()
    {
        TestFunctions.RosenbrockGradient(_x, _gradient);
        return _gradient[0];
    }
}

/// <summary>[Differentiable] copies of benchmark functions (the originals stay on the tape for the other benchmarks).</summary>
public static partial class CompiledFunctions
{
    /// <summary>Extended Rosenbrock, written as <see cref="TestFunctions.Rosenbrock{T}"/> is.</summary>
    [Differentiable]
    public static T Rosenbrock<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero, hundred = T.CreateChecked(100);
        for (int i = 0; i + 1 < x.Length; i += 2)
        {
            T a = x[i + 1] - x[i] * x[i], b = T.One - x[i];
            sum += hundred * a * a + b * b;
        }
        return sum;
    }

    /// <summary>The seeds' backprop function f(x) = √(x² + exp x²) + cos(x² + exp x²).</summary>
    [Differentiable]
    public static T Backprop<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T c = x * x + T.Exp(x * x);
        return T.Sqrt(c) + T.Cos(c);
    }

    /// <summary>The mean squared error of a 2-H-1 tanh perceptron on constant data, θ = (W₁, b₁, w₂, b₂).</summary>
    [Differentiable]
    public static T MlpLoss<T>(ReadOnlySpan<T> theta, double[] inputs, double[] targets, int hidden) where T : IFloatingPointIeee754<T>
    {
        T loss = T.Zero;
        for (int s = 0; s < targets.Length; s++)
        {
            T output = theta[4 * hidden];
            for (int h = 0; h < hidden; h++)
            {
                T z = theta[2 * h] * T.CreateChecked(inputs[2 * s]) + theta[2 * h + 1] * T.CreateChecked(inputs[2 * s + 1]) + theta[2 * hidden + h];
                output += theta[3 * hidden + h] * T.Tanh(z);
            }
            T error = output - T.CreateChecked(targets[s]);
            loss += error * error;
        }
        return loss / T.CreateChecked(targets.Length);
    }
}

/// <summary>
/// The seeds' backprop function and an MLP loss written as scalar <c>[Differentiable]</c> methods: the generated
/// gradient over plain evaluation, beside the tape (issue 16).
/// </summary>
[MemoryDiagnoser]
public class CompiledScalarBenchmarks
{
    private const int Hidden = 16, Samples = 64;
    private readonly double[] _inputs = [.. Enumerable.Range(0, 2 * Samples).Select(k => Math.Sin(0.37 * k))];
    private readonly double[] _targets = [.. Enumerable.Range(0, Samples).Select(k => Math.Cos(0.21 * k))];
    private readonly double[] _theta = [.. Enumerable.Range(0, 4 * Hidden + 1).Select(k => 0.3 * Math.Sin(1.7 * k + 0.4))];
    private readonly double[] _gradient = new double[4 * Hidden + 1];
    private double _x = 0.5;   // a field, so the JIT cannot fold f(0.5) into a constant

    /// <summary>The backprop function f(0.5) on doubles.</summary>
    [Benchmark(Baseline = true)]
    public double BackpropPlain() => CompiledFunctions.Backprop(_x);

    /// <summary>f′(0.5) by the generated adjoint.</summary>
    [Benchmark]
    public double BackpropGenerated()
    {
        double bar = 0;
        CompiledFunctions.Backprop_Adjoint(_x, ref bar, 1.0);
        return bar;
    }

    /// <summary>f′(0.5) by the tape.</summary>
    [Benchmark]
    public double BackpropTape() => Reverse.Grad<double>(v => CompiledFunctions.Backprop(v[0]), [_x])[0];

    /// <summary>The MLP loss on doubles (2-16-1, tanh, 64 samples).</summary>
    [Benchmark]
    public double MlpPlain() => CompiledFunctions.MlpLoss<double>(_theta, _inputs, _targets, Hidden);

    /// <summary>Its gradient by the generated adjoint.</summary>
    [Benchmark]
    public double MlpGenerated() => CompiledFunctions.MlpLoss_Grad<double>(_theta, _inputs, _targets, Hidden, _gradient);

    /// <summary>Its gradient by the tape.</summary>
    [Benchmark]
    public double MlpTape() => Reverse.Grad<double>(t => CompiledFunctions.MlpLoss(t, _inputs, _targets, Hidden), _theta)[0];
}
