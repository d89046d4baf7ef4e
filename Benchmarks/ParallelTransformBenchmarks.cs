using System.Numerics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Autodiff.Benchmarks;

/// <summary>
/// The composable transforms' Jacobians and Hessian at n = 200, serial against spread over the cores (the Ratio
/// column within each category; the results are bit-identical, a property checks it).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ParallelTransformBenchmarks
{
    private readonly double[] _x = TestFunctions.StartingPoint(200);
    private readonly double[] _jacobian = new double[200 * 200];

    /// <summary>x ↦ [sin(x_j x_{j+1}) + x_j²]: a 200×200 Jacobian.</summary>
    public readonly struct Ring : IVectorFunction
    {
        /// <inheritdoc/>
        public T[] F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            var y = new T[x.Length];
            for (int j = 0; j < x.Length; j++)
                y[j] = T.Sin(x[j] * x[(j + 1) % x.Length]) + x[j] * x[j];
            return y;
        }
    }

    /// <summary>The same function written in place, f!(y, x): its Jacobians allocate nothing per column or row.</summary>
    public readonly struct InPlaceRing : IInPlaceVectorFunction
    {
        /// <inheritdoc/>
        public int OutputLength(int inputLength) => inputLength;

        /// <inheritdoc/>
        public void F<T>(ReadOnlySpan<T> x, Span<T> y) where T : IFloatingPointIeee754<T>
        {
            for (int j = 0; j < x.Length; j++)
                y[j] = T.Sin(x[j] * x[(j + 1) % x.Length]) + x[j] * x[j];
        }
    }

    /// <summary>Extended Rosenbrock as a function value: a 200×200 Hessian.</summary>
    public readonly struct Rosenbrock : IScalarFunction
    {
        /// <inheritdoc/>
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => TestFunctions.Rosenbrock(x);
    }

    /// <summary>Forward Jacobian, one core.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Jacfwd")]
    public double JacfwdSerial() => new Ring().Jacfwd(parallel: false).F<double>(_x)[0];

    /// <summary>Forward Jacobian, columns over the cores.</summary>
    [Benchmark, BenchmarkCategory("Jacfwd")]
    public double JacfwdParallel() => new Ring().Jacfwd(parallel: true).F<double>(_x)[0];

    /// <summary>Reverse Jacobian, one core.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Jacrev")]
    public double JacrevSerial() => new Ring().Jacrev(parallel: false).F<double>(_x)[0];

    /// <summary>Reverse Jacobian, rows over the cores.</summary>
    [Benchmark, BenchmarkCategory("Jacrev")]
    public double JacrevParallel() => new Ring().Jacrev(parallel: true).F<double>(_x)[0];

    /// <summary>Forward Jacobian of the in-place function, one core.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("JacfwdInPlace")]
    public double JacfwdInPlaceSerial() => new InPlaceRing().Jacfwd(parallel: false).F<double>(_x)[0];

    /// <summary>Forward Jacobian of the in-place function, columns over the cores.</summary>
    [Benchmark, BenchmarkCategory("JacfwdInPlace")]
    public double JacfwdInPlaceParallel() => new InPlaceRing().Jacfwd(parallel: true).F<double>(_x)[0];

    /// <summary>Reverse Jacobian of the in-place function, one core.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("JacrevInPlace")]
    public double JacrevInPlaceSerial() => new InPlaceRing().Jacrev(parallel: false).F<double>(_x)[0];

    /// <summary>Reverse Jacobian of the in-place function, rows over the cores.</summary>
    [Benchmark, BenchmarkCategory("JacrevInPlace")]
    public double JacrevInPlaceParallel() => new InPlaceRing().Jacrev(parallel: true).F<double>(_x)[0];

    /// <summary>Forward Jacobian of the in-place function into a buffer of the caller's, one core.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("JacfwdInto")]
    public double JacfwdIntoSerial()
    {
        new InPlaceRing().Jacfwd(parallel: false).F<double>(_x, _jacobian);
        return _jacobian[0];
    }

    /// <summary>Forward Jacobian of the in-place function into a buffer of the caller's, columns over the cores.</summary>
    [Benchmark, BenchmarkCategory("JacfwdInto")]
    public double JacfwdIntoParallel()
    {
        new InPlaceRing().Jacfwd(parallel: true).F<double>(_x, _jacobian);
        return _jacobian[0];
    }

    /// <summary>Reverse Jacobian of the in-place function into a buffer of the caller's, one core.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("JacrevInto")]
    public double JacrevIntoSerial()
    {
        new InPlaceRing().Jacrev(parallel: false).F<double>(_x, _jacobian);
        return _jacobian[0];
    }

    /// <summary>Reverse Jacobian of the in-place function into a buffer of the caller's, rows over the cores.</summary>
    [Benchmark, BenchmarkCategory("JacrevInto")]
    public double JacrevIntoParallel()
    {
        new InPlaceRing().Jacrev(parallel: true).F<double>(_x, _jacobian);
        return _jacobian[0];
    }

    /// <summary>Hessian = Jacfwd(Grad f), one core.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Hessian")]
    public double HessianSerial() => new Rosenbrock().Hessian(parallel: false).F<double>(_x)[0];

    /// <summary>Hessian = Jacfwd(Grad f), forward-over-reverse columns over the cores.</summary>
    [Benchmark, BenchmarkCategory("Hessian")]
    public double HessianParallel() => new Rosenbrock().Hessian(parallel: true).F<double>(_x)[0];

    /// <summary>Hessian = Jacfwd(Grad f) into a buffer of the caller's, one core.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("HessianInto")]
    public double HessianIntoSerial()
    {
        new Rosenbrock().Hessian(parallel: false).F<double>(_x, _jacobian);
        return _jacobian[0];
    }

    /// <summary>Hessian = Jacfwd(Grad f) into a buffer of the caller's, columns over the cores.</summary>
    [Benchmark, BenchmarkCategory("HessianInto")]
    public double HessianIntoParallel()
    {
        new Rosenbrock().Hessian(parallel: true).F<double>(_x, _jacobian);
        return _jacobian[0];
    }

    /// <summary>The value-level dense Hessian (n HVPs), for reference.</summary>
    [Benchmark, BenchmarkCategory("Hessian")]
    public double HessianDense() => Hessian.Dense(TestFunctions.Rosenbrock, _x)[0, 0];
}
