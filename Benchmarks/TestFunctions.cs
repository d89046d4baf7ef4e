using System.Numerics;

namespace Autodiff.Benchmarks;

/// <summary>The functions the benchmarks differentiate, each written once generically, and their hand-written gradients.</summary>
public static class TestFunctions
{
    /// <summary>Extended Rosenbrock: Σ_{i even} 100(x_{i+1} − x_i²)² + (1 − x_i)².</summary>
    public static T Rosenbrock<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero, hundred = T.CreateChecked(100);
        for (int i = 0; i + 1 < x.Length; i += 2)
        {
            T a = x[i + 1] - x[i] * x[i], b = T.One - x[i];
            sum += hundred * a * a + b * b;
        }
        return sum;
    }

    /// <summary>
    /// Extended Rosenbrock on tensor primitives: with x read as n/2 rows (x_i, x_{i+1}), f = 100‖x_odd − x_even²‖² +
    /// ‖1 − x_even‖².
    /// </summary>
    public static TensorVar<T> RosenbrockTensor<T>(TensorVar<T> x) where T : IFloatingPointIeee754<T>
    {
        TensorVar<T> pairs = x.Reshape(Shape.Matrix(x.Length / 2, 2));
        TensorVar<T> even = pairs.Column(0), odd = pairs.Column(1);
        return T.CreateChecked(100) * (odd - even.Square()).SquaredNorm() + (T.One - even).SquaredNorm();
    }

    /// <summary>The analytic gradient of <see cref="Rosenbrock{T}"/>: the physical limit for any AD.</summary>
    public static void RosenbrockGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        for (int i = 0; i + 1 < x.Length; i += 2)
        {
            double a = x[i + 1] - x[i] * x[i];
            gradient[i] = -400 * a * x[i] - 2 * (1 - x[i]);
            gradient[i + 1] = 200 * a;
        }
    }

    /// <summary>The seeds' backprop example f(x) = √(x² + exp(x²)) + cos(x² + exp(x²)).</summary>
    public static T Backprop<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T c = x * x + T.Exp(x * x);
        return T.Sqrt(c) + T.Cos(c);
    }

    /// <summary>eˣ / √(sin³x + cos³x), the second forward-mode benchmark function.</summary>
    public static T ExpRatio<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T s = T.Sin(x), c = T.Cos(x);
        return T.Exp(x) / T.Sqrt(s * s * s + c * c * c);
    }

    /// <summary>The quadratic form xᵀAx for a row-major n×n constant A.</summary>
    public static T Quadratic<T>(ReadOnlySpan<T> x, double[] a) where T : IFloatingPointIeee754<T>
    {
        int n = x.Length;
        T sum = T.Zero;
        for (int i = 0; i < n; i++)
        {
            T row = T.Zero;
            for (int j = 0; j < n; j++)
                row += T.CreateChecked(a[i * n + j]) * x[j];
            sum += x[i] * row;
        }
        return sum;
    }

    /// <summary>∇(xᵀAx) = (A + Aᵀ)x, by hand.</summary>
    public static void QuadraticGradient(ReadOnlySpan<double> x, double[] a, Span<double> gradient)
    {
        int n = x.Length;
        gradient.Clear();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                gradient[i] += a[i * n + j] * x[j];
                gradient[j] += a[i * n + j] * x[i];
            }
    }

    /// <summary>The central-difference gradient: 2n evaluations of f with step h = 10⁻⁶·max(1, |x_i|).</summary>
    public static void CentralDifferences(ScalarFunction<double> f, double[] x, Span<double> gradient)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double xi = x[i], h = 1e-6 * Math.Max(1, Math.Abs(xi));
            x[i] = xi + h;
            double plus = f(x);
            x[i] = xi - h;
            double minus = f(x);
            x[i] = xi;
            gradient[i] = (plus - minus) / (2 * h);
        }
    }

    /// <summary>A deterministic n×n matrix with entries in [−1, 1] (row-major).</summary>
    public static double[] RandomMatrix(int n, int seed = 7)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n * n).Select(_ => 2 * random.NextDouble() - 1).ToArray();
    }

    /// <summary>A starting point away from the minimum: x_i = −1.2 for even i, 1 for odd i.</summary>
    public static double[] StartingPoint(int n) => Enumerable.Range(0, n).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();
}
