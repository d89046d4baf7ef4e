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

    // Each function stays its own method, as a user's would be: one F<T> switching between both would make the JIT
    // compile (and inline) the two bodies into one method, whose inlining budget the larger number types exhaust.
    private Func<T, T> F<T>() where T : System.Numerics.IFloatingPointIeee754<T> =>
        Function == ScalarTestFunction.Backprop ? TestFunctions.Backprop : TestFunctions.ExpRatio;

    /// <summary>f(x) on a double, called directly (no delegate), so the ratios do not flatter the number types.</summary>
    [Benchmark(Baseline = true)]
    public double Plain() =>
        Function == ScalarTestFunction.Backprop ? TestFunctions.Backprop(_x) : TestFunctions.ExpRatio(_x);

    /// <summary>f′(x) by a dual number.</summary>
    [Benchmark]
    public double Dual() => Forward.Derivative(F<Dual<double>>(), _x);

    /// <summary>f″(x) by a hyper-dual number.</summary>
    [Benchmark]
    public double HyperDual() => Forward.SecondDerivative(F<HyperDual<double>>(), _x);

    /// <summary>Taylor coefficients to order 2.</summary>
    [Benchmark]
    public double Taylor2() => Forward.Taylor(F<Taylor<double>>(), _x, 2)[2];

    /// <summary>Taylor coefficients to order 8.</summary>
    [Benchmark]
    public double Taylor8() => Forward.Taylor(F<Taylor<double>>(), _x, 8)[8];

    /// <summary>f′(x) by reverse mode.</summary>
    [Benchmark]
    public double Reverse() => Autodiff.Reverse.Grad<double>(v => F<Tracked<double>>()(v[0]), [_x])[0];
}
