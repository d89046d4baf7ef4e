using BenchmarkDotNet.Attributes;

namespace Autodiff.Benchmarks;

/// <summary>
/// Gradient of the extended Rosenbrock function over plain evaluation (the Ratio column): reverse mode should cost
/// a small constant multiple of one evaluation whatever n is (Griewank &amp; Walther's cheap-gradient bound), the
/// hand-written gradient is the physical limit, and forward mode costs n evaluations.
/// </summary>
[MemoryDiagnoser]
public class GradientBenchmarks
{
    private double[] _x = [];
    private System.Numerics.Tensors.Tensor<double> _xTensor = System.Numerics.Tensors.Tensor<double>.Empty;
    private readonly double[] _gradient = new double[100_000];
    private TapeFloor _floor = new(0);

    /// <summary>The dimension n.</summary>
    [Params(10, 1_000, 100_000)]
    public int N { get; set; }

    /// <summary>Sets up the starting point.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _x = TestFunctions.StartingPoint(N);
        _xTensor = System.Numerics.Tensors.Tensor.Create((double[])_x.Clone(), [N]);
        _floor = new TapeFloor(N);
    }

    /// <summary>f(x) on doubles.</summary>
    [Benchmark(Baseline = true)]
    public double Plain() => TestFunctions.Rosenbrock<double>(_x);

    /// <summary>The analytic gradient, written by hand.</summary>
    [Benchmark]
    public double HandWritten()
    {
        TestFunctions.RosenbrockGradient(_x, _gradient);
        return _gradient[0];
    }

    /// <summary>The floor of any tape: the same records written by hand-inlined code into a preallocated array.</summary>
    [Benchmark]
    public double TapeFloorGradient()
    {
        _floor.Gradient(_x, _gradient);
        return _gradient[0];
    }

    /// <summary>Reverse mode: one recording and one backward sweep.</summary>
    [Benchmark]
    public double ReverseGradient() => Reverse.Grad(TestFunctions.Rosenbrock, _x)[0];

    /// <summary>
    /// Reverse mode on tensor primitives: the same function written on vectors (x viewed as n/2 rows of pairs), so
    /// the tape holds ten vector operations instead of 4n scalar ones.
    /// </summary>
    [Benchmark]
    public double ReverseGradientTensor() => Tensors.Grad(TestFunctions.RosenbrockTensor, _xTensor)[0];

    /// <summary>Central differences: 2n plain evaluations, approximate (only for small n).</summary>
    [Benchmark]
    public double FiniteDifferences()
    {
        if (N > 1_000)
            return double.NaN;
        TestFunctions.CentralDifferences(TestFunctions.Rosenbrock, _x, _gradient);
        return _gradient[0];
    }

    /// <summary>Forward mode: n dual evaluations (only for small n).</summary>
    [Benchmark]
    public double ForwardGradient() => N <= 1_000 ? Forward.Gradient(TestFunctions.Rosenbrock, _x)[0] : double.NaN;
}
