using System.Numerics.Tensors;
using Autodiff.Rules;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Autodiff.Benchmarks;

/// <summary>
/// An entrywise function's gradient on a 256×64 tensor (an MLP layer's activations at batch 64), by the rule path
/// (<c>x.Tanh()</c>: values on TensorPrimitives, f′ from the rule's D1) against the dual-number path
/// (<c>x.Map(new Tanh())</c>: one dual evaluation per entry). The Ratio column is within each function.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ElementwiseBenchmarks
{
    private readonly Tensor<double> _x = Tensor.Create(
        Enumerable.Range(0, 256 * 64).Select(k => Math.Sin(k) * 3).ToArray(), [256, 64]);

    /// <summary>∂ Σ tanh(x) by dual numbers per entry.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Tanh")]
    public double TanhDual() => Tensors.Grad(x => x.Map(new Tanh()).Sum(), _x)[0, 0];

    /// <summary>∂ Σ tanh(x) by the rule path.</summary>
    [Benchmark, BenchmarkCategory("Tanh")]
    public double TanhRule() => Tensors.Grad(x => x.Tanh().Sum(), _x)[0, 0];

    /// <summary>∂ Σ eˣ by dual numbers per entry.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Exp")]
    public double ExpDual() => Tensors.Grad(x => x.Map(new Exp()).Sum(), _x)[0, 0];

    /// <summary>∂ Σ eˣ by the rule path.</summary>
    [Benchmark, BenchmarkCategory("Exp")]
    public double ExpRule() => Tensors.Grad(x => x.Exp().Sum(), _x)[0, 0];
}
