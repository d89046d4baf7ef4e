using BenchmarkDotNet.Attributes;

namespace Autodiff.Benchmarks;

/// <summary>
/// The 10⁷-step loop (3·10⁷ records unchecked): its gradient through <see cref="Reverse.CheckpointedLoop{T}"/>
/// against every step recorded, for the time ratio (the peak memory is the <c>memory</c> mode's). Run with
/// <c>--job short</c>: one call takes seconds.
/// </summary>
[MemoryDiagnoser]
public class LongLoopBenchmarks
{
    private const int Steps = 10_000_000;

    /// <summary>Every step recorded.</summary>
    [Benchmark(Baseline = true)]
    public double Unchecked() => TapeMemoryBenchmarks.UncheckedLoop(Steps);

    /// <summary>√n checkpointing.</summary>
    [Benchmark]
    public double Checkpointed() => TapeMemoryBenchmarks.CheckpointedLoop(Steps);
}
