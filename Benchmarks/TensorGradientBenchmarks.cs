using BenchmarkDotNet.Attributes;
using System.Numerics.Tensors;

namespace Autodiff.Benchmarks;

/// <summary>
/// Extended Rosenbrock's gradient on tensor primitives against plain f (the Ratio column) up to n = 10⁶ (issue 15's
/// target: ≤ 8× plain at 10⁵ and 10⁶ with the default GC settings): <c>Tensors.Grad</c>, which returns a fresh
/// gradient, and <c>ValueAndGradInto</c>, which writes into the caller's; and the Hessian-vector product (target: ≤ 3×
/// the tensor gradient at 10⁵) by <c>Tensors.Hvp</c> (second-order rules on plain arrays) and by the reverse gradient
/// over dual numbers (the route before it).
/// </summary>
[MemoryDiagnoser]
public class TensorGradientBenchmarks
{
    private double[] _x = [];
    private Tensor<double>[] _point = [];
    private Tensor<double>[] _gradient = [];
    private Tensor<double> _direction = Tensor<double>.Empty;
    private Tensor<Dual<double>> _seeded = Tensor<Dual<double>>.Empty;
    private TensorPassFloor _floor = new(0);
    private double[] _floorGradient = [];

    /// <summary>The dimension n.</summary>
    [Params(1_000, 100_000, 1_000_000)]
    public int N { get; set; }

    /// <summary>Sets up the starting point and the gradient buffer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _x = TestFunctions.StartingPoint(N);
        _point = [Tensor.Create((double[])_x.Clone(), [N])];
        _gradient = [Tensor.Create(new double[N], [N])];
        double[] v = [.. Enumerable.Range(0, N).Select(i => Math.Sin(i))];
        _direction = Tensor.Create(v, [N]);
        _floor = new TensorPassFloor(N);
        _floorGradient = new double[N];
        // The floor must compute what the library computes, or it floors nothing.
        double floorValue = _floor.ValueAndGradient(_x, _floorGradient);
        double libraryValue = Tensors.ValueAndGradInto(Rosenbrock, _point, _gradient);
        double[] library = new double[N];
        _gradient[0].FlattenTo(library);
        if (Math.Abs(floorValue - libraryValue) > 1e-12 * Math.Abs(libraryValue)
            || library.Zip(_floorGradient, (a, b) => Math.Abs(a - b) / Math.Max(1, Math.Abs(a))).Max() > 1e-12)
            throw new InvalidOperationException("The pass floor differs from the library's gradient.");
        _seeded = Tensor.Create(_x.Zip(v, (a, b) => new Dual<double>(a, b)).ToArray(), [N]);
    }

    /// <summary>f(x) on doubles.</summary>
    [Benchmark(Baseline = true)]
    public double Plain() => TestFunctions.Rosenbrock<double>(_x);

    /// <summary>The gradient on tensor primitives, returned.</summary>
    [Benchmark]
    public double Grad() => Tensors.Grad(TestFunctions.RosenbrockTensor, _point[0])[0];

    /// <summary>The same passes written by hand into arrays made once: no tape (the floor of one primitive per pass).</summary>
    [Benchmark]
    public double PassFloor() => _floor.ValueAndGradient(_x, _floorGradient);

    /// <summary>The value and gradient on tensor primitives, the gradient into the caller's tensor.</summary>
    [Benchmark]
    public double ValueAndGradInto() => Tensors.ValueAndGradInto(Rosenbrock, _point, _gradient);

    /// <summary>H v by forward over reverse on the tensor primitives (Tensors.Hvp).</summary>
    [Benchmark]
    public double Hvp() => Tensors.Hvp(TestFunctions.RosenbrockTensor, _point[0], _direction)[0];

    /// <summary>H v as the tangents of the reverse gradient over dual numbers seeded x + vε.</summary>
    [Benchmark]
    public double HvpOverDualNumbers() => Tensors.Grad(TestFunctions.RosenbrockTensor, _seeded)[0].Tangent;

    private static TensorVar<double> Rosenbrock(TensorVar<double>[] x) => TestFunctions.RosenbrockTensor(x[0]);
}
