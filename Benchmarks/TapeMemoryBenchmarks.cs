using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Autodiff.Benchmarks;

/// <summary>
/// What a tape costs when it is small or short-lived: a VJP whose pullback is dropped against a gradient that
/// releases its tape (same function), and a chain of 2,000 three-record segments with and without
/// <see cref="Reverse.Checkpoint{T}"/>, and a 10⁶-step loop with and without <see cref="Reverse.CheckpointedLoop{T}"/>.
/// The Gen2 column is the point for the first two: none should be caused by the library.
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

    private const int LoopSteps = 1_000_000;

    // (y, w) ↦ (tanh(w·y) + y/2, w): three records per step, the parameter carried in the state.
    private static Tracked<double>[] Step(ReadOnlySpan<Tracked<double>> s) => [Tracked<double>.Tanh(s[1] * s[0]) + s[0] * 0.5, s[1]];

    /// <summary>A 10⁶-step loop's gradient, every step recorded.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Loop")]
    public double LoopUnchecked() => UncheckedLoop(LoopSteps);

    /// <summary>The same gradient through <see cref="Reverse.CheckpointedLoop{T}"/> (√n snapshots).</summary>
    [Benchmark, BenchmarkCategory("Loop")]
    public double LoopCheckpointed() => CheckpointedLoop(LoopSteps);

    /// <summary>∂s_n/∂s₀ of <paramref name="steps"/> steps, every step recorded.</summary>
    internal static double UncheckedLoop(int steps) => Reverse.Grad<double>(x =>
    {
        Tracked<double>[] s = [x[0], x[1]];
        for (int i = 0; i < steps; i++)
            s = Step(s);
        return s[0];
    }, [0.3, 0.9])[0];

    /// <summary>The same through <see cref="Reverse.CheckpointedLoop{T}"/>.</summary>
    internal static double CheckpointedLoop(int steps) =>
        Reverse.Grad<double>(x => Reverse.CheckpointedLoop(x, steps, Step)[0], [0.3, 0.9])[0];

    /// <summary>A gradient: the tape goes back to the pool.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Small")]
    public double Grad() => Reverse.Grad<double>(Small, [1.0, 2.0])[0];

    /// <summary>A VJP whose pullback is called once and dropped.</summary>
    [Benchmark, BenchmarkCategory("Small")]
    public double VjpDropped() => Reverse.Vjp<double>(Small, [1.0, 2.0]).Pullback.Invoke([1.0])[0];

    private readonly System.Numerics.Tensors.Tensor<double> _small = System.Numerics.Tensors.Tensor.Create(new[] { 0.5, 1.5, -0.5, 1.0 }, [4]);

    /// <summary>Extended Rosenbrock on tensor primitives, n = 4: a gradient (the tape goes back to the pool).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("SmallTensor")]
    public double TensorsGrad() => Tensors.Grad(TestFunctions.RosenbrockTensor, _small)[0];

    /// <summary>The same function: a VJP whose pullback is called once and dropped.</summary>
    [Benchmark, BenchmarkCategory("SmallTensor")]
    public double TensorsVjpDropped() =>
        Tensors.Vjp(TestFunctions.RosenbrockTensor, _small).Pullback.Invoke(System.Numerics.Tensors.Tensor.Create(new[] { 1.0 }, [1]))[0][0];

    /// <summary>The chain's gradient, every intermediate recorded.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Chain")]
    public double Unchecked() => Reverse.Grad<double>(x => Chain(x, checkpointed: false), [0.3])[0];

    /// <summary>The chain's gradient with each segment checkpointed (recomputed in the backward pass).</summary>
    [Benchmark, BenchmarkCategory("Chain")]
    public double Checkpointed() => Reverse.Grad<double>(x => Chain(x, checkpointed: true), [0.3])[0];
}
