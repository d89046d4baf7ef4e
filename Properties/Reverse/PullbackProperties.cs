using System.Numerics;
using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Reverse;

/// <summary>
/// The pullback is a pure function: repeatable, linear in the cotangent, safe from many threads; the reverse mode is
/// linear on DAGs, needs no stack depth, and records without per-operation objects.
/// </summary>
public sealed class PullbackProperties
{
    // f: ℝ³ → ℝ³ with shared subexpressions.
    private static T[] Field<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T s = T.Sin(x[0] * x[1]);
        return [s * x[2], T.Exp(s) - x[0], T.Hypot(x[1], s + x[2])];
    }

    [Fact]
    public void Pullback_is_repeatable_and_gives_the_rows_of_J() =>
        Verify.ForAll(Cases.Vectors(3 + 3, -1.5, 1.5), data =>
        {
            double[] x = data[..3], u = data[3..];
            (double[] value, Pullback<double> pullback) = Autodiff.Reverse.Vjp(Field, x);
            Assert.Equal(Field<double>(x), value);
            Assert.Equal(pullback.Invoke(u), pullback.Invoke(u));
            double[,] j = Autodiff.Forward.Jacobian(Field, x);
            double[] uJ = pullback.Invoke(u);
            for (int c = 0; c < 3; c++)
            {
                AssertClose(u[0] * j[0, c] + u[1] * j[1, c] + u[2] * j[2, c], uJ[c], Exact, $"(ūᵀJ)_{c}");
                double[] row = pullback.Invoke([c == 0 ? 1.0 : 0, c == 1 ? 1.0 : 0, c == 2 ? 1.0 : 0]);
                for (int k = 0; k < 3; k++)
                    AssertClose(j[c, k], row[k], Exact, $"row {c} of J");
            }
        });

    [Fact]
    public void Vjp_and_Jvp_are_adjoint() =>
        Verify.ForAll(Cases.Vectors(9, -1.5, 1.5), data =>
        {
            // ⟨ū, J v⟩ = ⟨Jᵀū, v⟩: forward and reverse mode compute transposes of one linear map.
            double[] x = data[..3], u = data[3..6], v = data[6..];
            double[] jv = Autodiff.Forward.Jvp(Field, x, v).Tangent;
            double[] ju = Autodiff.Reverse.Vjp(Field, x).Pullback.Invoke(u);
            AssertClose(u[0] * jv[0] + u[1] * jv[1] + u[2] * jv[2], ju[0] * v[0] + ju[1] * v[1] + ju[2] * v[2], Exact, "⟨ū, Jv⟩ = ⟨Jᵀū, v⟩");
        });

    [Fact]
    public void Pullback_called_from_eight_threads_at_once_agrees_with_serial_calls()
    {
        (_, Pullback<double> pullback) = Autodiff.Reverse.Vjp(Field, [0.3, -0.7, 1.1]);
        double[][] cotangents = Enumerable.Range(0, 64).Select(k => new[] { Math.Sin(k), Math.Cos(k), k / 64.0 }).ToArray();
        double[][] serial = cotangents.Select(u => pullback.Invoke(u)).ToArray();
        double[][] parallel = new double[cotangents.Length][];
        Parallel.For(0, cotangents.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k => parallel[k] = pullback.Invoke(cotangents[k]));
        Assert.Equal(serial, parallel);
    }

    [Fact]
    public void Differentiations_on_different_threads_do_not_interfere()
    {
        double[][] points = Enumerable.Range(0, 32).Select(k => new[] { k / 10.0, 1 - k / 20.0, 0.5 }).ToArray();
        double[][] serial = points.Select(p => Autodiff.Reverse.Grad(Rosenbrock, p)).ToArray();
        double[][] parallel = new double[points.Length][];
        Parallel.For(0, points.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k => parallel[k] = Autodiff.Reverse.Grad(Rosenbrock, points[k]));
        Assert.Equal(serial, parallel);
    }

    [Fact]
    public void Shared_subexpressions_are_swept_once_so_work_is_linear_in_depth()
    {
        // y ← y·y + y, d times: 2ᵈ paths from output to input, but 2d + 1 records and one sweep over them.
        for (int depth = 1; depth <= 40; depth += 13)
        {
            int d = depth;
            T Tower<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
            {
                T y = x[0];
                for (int i = 0; i < d; i++)
                    y = y * y + y;
                return y;
            }
            const double x0 = 0.001;
            (_, Pullback<double> pullback) = Autodiff.Reverse.Vjp(Tower, [x0]);
            Assert.Equal(2 * d + 1, pullback.OperationCount);
            AssertClose(Autodiff.Forward.Derivative<double>(x => Tower<Dual<double>>([x]), x0), pullback.Invoke([1.0])[0], Exact, $"depth {d}");
        }
    }

    [Fact]
    public void Recording_stores_at_most_forty_bytes_per_operation_and_allocates_no_object_per_operation()
    {
        const int steps = 500_000;
        static T Products<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            T y = x[0];
            for (int i = 0; i < steps; i++)
                y = y * x[1] + x[0];
            return y;
        }
        Autodiff.Reverse.Vjp(Products, [0.5, 0.9]); // warm up the JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        (_, Pullback<double> pullback) = Autodiff.Reverse.Vjp(Products, [0.5, 0.9]);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        double perOperation = (double)bytes / pullback.OperationCount;
        Assert.True(perOperation <= 40, $"recording allocated {perOperation:F1} bytes per operation");
    }

    private static T Rosenbrock<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            T a = x[i + 1] - x[i] * x[i], b = T.One - x[i];
            sum += T.CreateChecked(100) * a * a + b * b;
        }
        return sum;
    }
}
