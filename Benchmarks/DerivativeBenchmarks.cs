using BenchmarkDotNet.Attributes;

namespace Autodiff.Benchmarks;

/// <summary>The derivative of the seeds' backprop function in each forward mode, over plain evaluation.</summary>
[MemoryDiagnoser]
public class DerivativeBenchmarks
{
    private readonly double _x = 0.7;

    /// <summary>f(x) on a double.</summary>
    [Benchmark(Baseline = true)]
    public double Plain() => TestFunctions.Backprop(_x);

    /// <summary>f′(x) by a dual number.</summary>
    [Benchmark]
    public double Dual() => Forward.Derivative(TestFunctions.Backprop, _x);

    /// <summary>f″(x) by a hyper-dual number.</summary>
    [Benchmark]
    public double HyperDual() => Forward.SecondDerivative(TestFunctions.Backprop, _x);

    /// <summary>Taylor coefficients to order 2.</summary>
    [Benchmark]
    public double Taylor2() => Forward.Taylor(TestFunctions.Backprop, _x, 2)[2];

    /// <summary>Taylor coefficients to order 8.</summary>
    [Benchmark]
    public double Taylor8() => Forward.Taylor(TestFunctions.Backprop, _x, 8)[8];

    /// <summary>f′(x) by reverse mode.</summary>
    [Benchmark]
    public double Reverse() => Autodiff.Reverse.Grad<double>(v => TestFunctions.Backprop(v[0]), [_x])[0];
}
