using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Autodiff.Benchmarks;

/// <summary>
/// What a tape costs when it is small or short-lived: a VJP whose pullback is dropped against a gradient that
/// releases its tape (same function), and a chain of 2,000 three-record segments with and without
/// <see cref="Reverse.Checkpoint{T}"/>. The Gen2 column is the point: none should be caused by the library.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TapeMemoryBenchmarks
{
    private const int Segments = 2_000;

    private static Tracked<double> Small(ReadOnlySpan<Tracked<double>> v) => Tracked<double>.Sin(v[0] * v[1]) + v[0] * v[0] - v[1];

    // y ← sin(y)/2 + y: three records.
    private static Tracked<double>[] Segment(ReadOnlySpan<Tracked<double>> y) => [Tracked<double>.Sin(y[0]) * 0.5 + y[0]];

    private static Tracked<double> Chain(ReadOnlySpan<Tracked<double>> x, bool checkpointed)
    {
        Tracked<double>[] y = [x[0]];
        for (int i = 0; i < Segments; i++)
            y = checkpointed ? Reverse.Checkpoint(Segment, y) : Segment(y);
        return y[0];
    }

    /// <summary>A gradient: the tape goes back to the pool.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Small")]
    public double Grad() => Reverse.Grad<double>(Small, [1.0, 2.0])[0];

    /// <summary>A VJP whose pullback is called once and dropped.</summary>
    [Benchmark, BenchmarkCategory("Small")]
    public double VjpDropped() => Reverse.Vjp<double>(Small, [1.0, 2.0]).Pullback.Invoke([1.0])[0];

    /// <summary>The chain's gradient, every intermediate recorded.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Chain")]
    public double Unchecked() => Reverse.Grad<double>(x => Chain(x, checkpointed: false), [0.3])[0];

    /// <summary>The chain's gradient with each segment checkpointed (recomputed in the backward pass).</summary>
    [Benchmark, BenchmarkCategory("Chain")]
    public double Checkpointed() => Reverse.Grad<double>(x => Chain(x, checkpointed: true), [0.3])[0];
}
