using BenchmarkDotNet.Attributes;
using System.Numerics.Tensors;

namespace Autodiff.Benchmarks;

/// <summary>
/// Gradient of a dense quadratic form xᵀAx over plain evaluation: n² multiply-adds, so the scalar tape records n²
/// operations while the tensor primitives record two (a matrix–vector product and a dot product).
/// </summary>
[MemoryDiagnoser]
public class QuadraticBenchmarks
{
    private double[] _x = [], _a = [], _gradient = [];
    private Tensor<double> _xTensor = Tensor<double>.Empty;
    private TensorVar<double> _aConstant = TensorVar<double>.Scalar(0);

    /// <summary>The dimension n.</summary>
    [Params(10, 1_000)]
    public int N { get; set; }

    /// <summary>A random A and x.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _x = TestFunctions.StartingPoint(N);
        _a = TestFunctions.RandomMatrix(N);
        _gradient = new double[N];
        _xTensor = Tensor.Create((double[])_x.Clone(), [N]);
        _aConstant = TensorVar<double>.Constant(Tensor.Create((double[])_a.Clone(), [N, N]));
    }

    private double F(ReadOnlySpan<double> x) => TestFunctions.Quadratic(x, _a);

    /// <summary>xᵀAx on doubles.</summary>
    [Benchmark(Baseline = true)]
    public double Plain() => F(_x);

    /// <summary>(A + Aᵀ)x by hand.</summary>
    [Benchmark]
    public double HandWritten()
    {
        TestFunctions.QuadraticGradient(_x, _a, _gradient);
        return _gradient[0];
    }

    /// <summary>Reverse mode on scalars: n² records.</summary>
    [Benchmark]
    public double ReverseGradient() => Reverse.Grad<double>(x => TestFunctions.Quadratic(x, _a), _x)[0];

    /// <summary>Reverse mode on tensor primitives: x · (A x).</summary>
    [Benchmark]
    public double ReverseGradientTensor() => Tensors.Grad(x => x.Dot(_aConstant.MatMul(x)), _xTensor)[0];

    /// <summary>Forward mode: n dual evaluations.</summary>
    [Benchmark]
    public double ForwardGradient() => Forward.Gradient<double>(x => TestFunctions.Quadratic(x, _a), _x)[0];

    /// <summary>Central differences: 2n evaluations, approximate.</summary>
    [Benchmark]
    public double FiniteDifferences()
    {
        TestFunctions.CentralDifferences(F, _x, _gradient);
        return _gradient[0];
    }
}
