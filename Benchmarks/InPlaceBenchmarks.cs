using System.Numerics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Autodiff.Benchmarks;

/// <summary>
/// Jacobians of the Lorenz-like ring x ↦ [sin(x_j x_{j+1}) + x_j²] at n = 50, written returning a fresh array against
/// written in place f!(y, x) into the caller's buffers: the Allocated column is the point (the in-place forward
/// form allocates nothing; the reverse one only its tape's bookkeeping).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class InPlaceBenchmarks
{
    private const int N = 50;
    private readonly double[] _x = TestFunctions.StartingPoint(N), _y = new double[N], _jacobian = new double[N * N];

    private static T[] Ring<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        var y = new T[x.Length];
        RingInPlace(x, y);
        return y;
    }

    private static void RingInPlace<T>(ReadOnlySpan<T> x, Span<T> y) where T : IFloatingPointIeee754<T>
    {
        for (int j = 0; j < x.Length; j++)
            y[j] = T.Sin(x[j] * x[(j + 1) % x.Length]) + x[j] * x[j];
    }

    /// <summary>Forward Jacobian of the returning function (a T[,] result).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Forward")]
    public double ForwardReturning() => Forward.Jacobian<double>(Ring, _x)[0, 0];

    /// <summary>Forward Jacobian of the in-place function into preallocated buffers.</summary>
    [Benchmark, BenchmarkCategory("Forward")]
    public double ForwardInPlace()
    {
        Forward.Jacobian<double>(RingInPlace, _x, _y, _jacobian);
        return _jacobian[0];
    }

    /// <summary>Reverse Jacobian of the returning function.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Reverse")]
    public double ReverseReturning() => Reverse.Jacobian<double>(Ring, _x)[0, 0];

    /// <summary>Reverse Jacobian of the in-place function into preallocated buffers.</summary>
    [Benchmark, BenchmarkCategory("Reverse")]
    public double ReverseInPlace()
    {
        Reverse.Jacobian<double>(RingInPlace, _x, _y, _jacobian);
        return _jacobian[0];
    }
}
