using BenchmarkDotNet.Attributes;

namespace Autodiff.Benchmarks;

/// <summary>The two scalar functions of the forward benchmarks.</summary>
public enum ScalarTestFunction
{
    /// <summary>The seeds' backprop example √(x² + eˣ²) + cos(x² + eˣ²).</summary>
    Backprop,

    /// <summary>eˣ / √(sin³x + cos³x).</summary>
    ExpRatio,
}

/// <summary>The derivative of two scalar functions in each forward mode (and reverse), over plain evaluation.</summary>
[MemoryDiagnoser]
public class DerivativeBenchmarks
{
    private readonly double _x = 0.7;

    /// <summary>Which function.</summary>
    [ParamsAllValues]
    public ScalarTestFunction Function { get; set; }

    private T F<T>(T x) where T : System.Numerics.IFloatingPointIeee754<T> =>
        Function == ScalarTestFunction.Backprop ? TestFunctions.Backprop(x) : TestFunctions.ExpRatio(x);

    /// <summary>f(x) on a double.</summary>
    [Benchmark(Baseline = true)]
    public double Plain() => F(_x);

    /// <summary>f′(x) by a dual number.</summary>
    [Benchmark]
    public double Dual() => Forward.Derivative(F, _x);

    /// <summary>f″(x) by a hyper-dual number.</summary>
    [Benchmark]
    public double HyperDual() => Forward.SecondDerivative(F, _x);

    /// <summary>Taylor coefficients to order 2.</summary>
    [Benchmark]
    public double Taylor2() => Forward.Taylor(F, _x, 2)[2];

    /// <summary>Taylor coefficients to order 8.</summary>
    [Benchmark]
    public double Taylor8() => Forward.Taylor(F, _x, 8)[8];

    /// <summary>f′(x) by reverse mode.</summary>
    [Benchmark]
    public double Reverse() => Autodiff.Reverse.Grad<double>(v => F(v[0]), [_x])[0];
}
