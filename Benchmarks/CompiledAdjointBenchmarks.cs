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
}
