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
    public static TensorVar<double> RosenbrockTensor(TensorVar<double> x)
    {
        TensorVar<double> pairs = x.Reshape(Shape.Matrix(x.Length / 2, 2));
        TensorVar<double> even = pairs.Column(0), odd = pairs.Column(1);
        return 100.0 * (odd - even.Square()).SquaredNorm() + (1.0 - even).SquaredNorm();
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

    /// <summary>A starting point away from the minimum: x_i = −1.2 for even i, 1 for odd i.</summary>
    public static double[] StartingPoint(int n) => Enumerable.Range(0, n).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();
}
