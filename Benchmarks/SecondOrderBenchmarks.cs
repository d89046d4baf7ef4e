using BenchmarkDotNet.Attributes;

namespace Autodiff.Benchmarks;

/// <summary>A Hessian-vector product over a gradient (the Ratio column): forward-over-reverse should cost a small constant times one gradient.</summary>
[MemoryDiagnoser]
public class HvpBenchmarks
{
    private double[] _x = [], _v = [];

    /// <summary>The dimension n.</summary>
    [Params(1_000, 100_000)]
    public int N { get; set; }

    /// <summary>Sets up the point and the direction.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _x = TestFunctions.StartingPoint(N);
        _v = Enumerable.Range(0, N).Select(i => Math.Cos(i)).ToArray();
    }

    /// <summary>∇f by reverse mode.</summary>
    [Benchmark(Baseline = true)]
    public double Gradient() => Reverse.Grad(TestFunctions.Rosenbrock, _x)[0];

    /// <summary>H v by forward-over-reverse.</summary>
    [Benchmark]
    public double Hvp() => Hessian.Hvp(TestFunctions.Rosenbrock, _x, _v)[0];
}

/// <summary>A dense 100×100 Hessian three ways, over the HVP route (the Ratio column).</summary>
[MemoryDiagnoser]
public class DenseHessianBenchmarks
{
    private readonly double[] _x = TestFunctions.StartingPoint(100);

    /// <summary>n forward-over-reverse HVPs.</summary>
    [Benchmark(Baseline = true)]
    public double ByHvps() => Hessian.Dense(TestFunctions.Rosenbrock, _x)[0, 0];

    /// <summary>n(n+1)/2 hyper-dual evaluations.</summary>
    [Benchmark]
    public double ByHyperDual() => Autodiff.Forward.Hessian(TestFunctions.Rosenbrock, _x)[0, 0];

    /// <summary>Central differences of reverse gradients (2n gradients, step 10⁻⁵): approximate.</summary>
    [Benchmark]
    public double ByFiniteDifferences()
    {
        int n = _x.Length;
        var h = new double[n, n];
        var x = (double[])_x.Clone();
        for (int j = 0; j < n; j++)
        {
            double xj = x[j];
            x[j] = xj + 1e-5;
            double[] plus = Reverse.Grad(TestFunctions.Rosenbrock, x);
            x[j] = xj - 1e-5;
            double[] minus = Reverse.Grad(TestFunctions.Rosenbrock, x);
            x[j] = xj;
            for (int i = 0; i < n; i++)
                h[i, j] = (plus[i] - minus[i]) / 2e-5;
        }
        return h[0, 0];
    }
}
