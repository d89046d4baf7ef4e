using BenchmarkDotNet.Attributes;

namespace Autodiff.Benchmarks;

/// <summary>
/// Forward gradients of extended Rosenbrock by chunk mode (ForwardDiff's): n dual passes (the baseline) against
/// ⌈n/4⌉ passes on <see cref="MultiDual{T}"/>, with the reverse gradient (one recording and one sweep) beside them.
/// </summary>
/// <remarks>
/// A MultiDual pass does four tangent updates per operation but computes the value, the rule's partials, the tag
/// check and the loop overhead once, so the expected gain is below 4× and grows with the share of that shared work.
/// </remarks>
[MemoryDiagnoser]
public class ChunkedGradientBenchmarks
{
    private double[] _x = [];

    /// <summary>The dimension n.</summary>
    [Params(8, 64, 512)]
    public int N { get; set; }

    /// <summary>Sets up the starting point.</summary>
    [GlobalSetup]
    public void Setup() => _x = TestFunctions.StartingPoint(N);

    /// <summary>Forward mode, one <see cref="Dual{T}"/> pass per input.</summary>
    [Benchmark(Baseline = true)]
    public double ForwardGradient() => Forward.Gradient(TestFunctions.Rosenbrock, _x)[0];

    /// <summary>Chunk mode, one <see cref="MultiDual{T}"/> pass per four inputs.</summary>
    [Benchmark]
    public double ForwardGradientChunked() => Forward.GradientChunked(TestFunctions.Rosenbrock, _x)[0];

    /// <summary>Reverse mode: one recording and one backward sweep.</summary>
    [Benchmark]
    public double ReverseGradient() => Reverse.Grad(TestFunctions.Rosenbrock, _x)[0];
}
