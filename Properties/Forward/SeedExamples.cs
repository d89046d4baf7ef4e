using System.Numerics;
using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Forward;

/// <summary>
/// The worked examples of the syllabus (shared/seeds), each computed by forward mode at random points and compared
/// with the closed form the lecture derives by hand.
/// </summary>
public sealed class SeedExamples
{
    // f(x, y) = (x + 2y³)²
    internal static T Square<T>(ReadOnlySpan<T> v) where T : IFloatingPointIeee754<T>
    {
        T inner = v[0] + T.CreateChecked(2) * v[1] * v[1] * v[1];
        return inner * inner;
    }

    // f(x₁, x₂) = x₁²x₂ + x₁x₂³
    internal static T Polynomial<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        x[0] * x[0] * x[1] + x[0] * x[1] * x[1] * x[1];

    // f(x₁, x₂) = x₁² + 2x₂ with x₁ = sin t, x₂ = cos t
    internal static T ChainOfSinCos<T>(T t) where T : IFloatingPointIeee754<T>
    {
        T x1 = T.Sin(t), x2 = T.Cos(t);
        return x1 * x1 + T.CreateChecked(2) * x2;
    }

    // h(t) = exp(x₁x₂²) with x = (t cos t, t sin t)
    private static T ExpOfPolar<T>(T t) where T : IFloatingPointIeee754<T>
    {
        T x1 = t * T.Cos(t), x2 = t * T.Sin(t);
        return T.Exp(x1 * x2 * x2);
    }

    // The backpropagation example f(x) = √(x² + exp(x²)) + cos(x² + exp(x²)).
    internal static T Backprop<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T a = x * x, b = T.Exp(a), c = a + b, d = T.Sqrt(c), e = T.Cos(c);
        return d + e;
    }

    [Fact]
    public void Partial_derivatives_of_x_plus_2y_cubed_squared() =>
        Verify.ForAll(Cases.Vectors(2, -2, 2), p =>
        {
            double x = p[0], y = p[1], inner = x + 2 * y * y * y;
            double[] gradient = Autodiff.Forward.Gradient(Square, p);
            AssertClose(2 * inner, gradient[0], Exact, "∂f/∂x = 2(x + 2y³)");
            AssertClose(12 * inner * y * y, gradient[1], Exact, "∂f/∂y = 12(x + 2y³)y²");
        });

    [Fact]
    public void Gradient_of_x1_squared_x2_plus_x1_x2_cubed() =>
        Verify.ForAll(Cases.Vectors(2, -3, 3), x =>
        {
            double[] gradient = Autodiff.Forward.Gradient(Polynomial, x);
            AssertClose(2 * x[0] * x[1] + x[1] * x[1] * x[1], gradient[0], Exact, "∂f/∂x₁ = 2x₁x₂ + x₂³");
            AssertClose(x[0] * x[0] + 3 * x[0] * x[1] * x[1], gradient[1], Exact, "∂f/∂x₂ = x₁² + 3x₁x₂²");
        });

    [Fact]
    public void Chain_rule_through_sin_and_cos() =>
        Verify.ForAll(Cases.Points(-6, 6), t => AssertClose(
            2 * Math.Sin(t) * (Math.Cos(t) - 1), Autodiff.Forward.Derivative(ChainOfSinCos, t), Exact,
            "df/dt = 2 sin t (cos t − 1)"));

    [Fact]
    public void Chain_rule_through_polar_coordinates() =>
        Verify.ForAll(Cases.Points(-2, 2), t =>
        {
            double x1 = t * Math.Cos(t), x2 = t * Math.Sin(t), f = Math.Exp(x1 * x2 * x2);
            double closedForm = f * x2 * x2 * (Math.Cos(t) - t * Math.Sin(t)) + 2 * f * x1 * x2 * (Math.Sin(t) + t * Math.Cos(t));
            AssertClose(closedForm, Autodiff.Forward.Derivative(ExpOfPolar, t), Exact, "dh/dt by the seeds' chain rule");
        });

    [Fact]
    public void Backpropagation_example_matches_the_hand_derived_adjoints() =>
        Verify.ForAll(Cases.Points(-1.5, 1.5), x =>
        {
            double a = x * x, b = Math.Exp(a), c = a + b;
            double dfdc = 1 / (2 * Math.Sqrt(c)) - Math.Sin(c);
            double dfdb = dfdc;
            double dfda = dfdb * Math.Exp(a) + dfdc;
            double dfdx = dfda * 2 * x;
            (double value, double derivative) = Autodiff.Forward.ValueAndDerivative(Backprop, x);
            Assert.Equal(Backprop(x), value);
            AssertClose(dfdx, derivative, Exact, "∂f/∂x = ∂f/∂a · 2x");
        });

    [Fact]
    public void Jacobian_of_Ax_is_A() =>
        Verify.ForAll(Cases.Vectors(3 + 6, -3, 3), data =>
        {
            double[] x = data[..3];
            double[,] a = { { data[3], data[4], data[5] }, { data[6], data[7], data[8] } };
            double[,] jacobian = Autodiff.Forward.Jacobian<double>(v => Product(a, v), x);
            Assert.Equal(a, jacobian);
        });

    [Fact]
    public void Jacobian_of_x_times_x_is_diag_2x() =>
        Verify.ForAll(Cases.Vectors(4, -3, 3), x =>
        {
            double[,] jacobian = Autodiff.Forward.Jacobian(ElementwiseSquare, x);
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 4; j++)
                    Assert.Equal(i == j ? 2 * x[i] : 0, jacobian[i, j]);
        });

    [Fact]
    public void Jacobian_of_elementwise_sigmoid_is_diag_sigma_times_one_minus_sigma() =>
        Verify.ForAll(Cases.Vectors(4, -6, 6), x =>
        {
            double[,] jacobian = Autodiff.Forward.Jacobian(ElementwiseSigmoid, x);
            for (int i = 0; i < 4; i++)
            {
                double s = 1 / (1 + Math.Exp(-x[i]));
                for (int j = 0; j < 4; j++)
                    AssertClose(i == j ? s * (1 - s) : 0, jacobian[i, j], Exact, $"J[{i},{j}]");
            }
        });

    [Fact]
    public void Hessian_of_x1_squared_x2_plus_x1_x2_cubed() =>
        Verify.ForAll(Cases.Vectors(2, -3, 3), x =>
        {
            double[,] h = Autodiff.Forward.Hessian(Polynomial, x);
            double mixed = 2 * x[0] + 3 * x[1] * x[1];
            AssertClose(2 * x[1], h[0, 0], Exact, "∂²f/∂x₁² = 2x₂");
            AssertClose(mixed, h[0, 1], Exact, "∂²f/∂x₁∂x₂ = 2x₁ + 3x₂²");
            AssertClose(mixed, h[1, 0], Exact, "∂²f/∂x₂∂x₁ = 2x₁ + 3x₂²");
            AssertClose(6 * x[0] * x[1], h[1, 1], Exact, "∂²f/∂x₂² = 6x₁x₂");
        });

    private static T[] ElementwiseSquare<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        var y = new T[x.Length];
        for (int i = 0; i < x.Length; i++)
            y[i] = x[i] * x[i];
        return y;
    }

    private static T[] ElementwiseSigmoid<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        var y = new T[x.Length];
        for (int i = 0; i < x.Length; i++)
            y[i] = Activation.Sigmoid(x[i]);
        return y;
    }

    private static Dual<double>[] Product(double[,] a, ReadOnlySpan<Dual<double>> x)
    {
        var y = new Dual<double>[a.GetLength(0)];
        for (int i = 0; i < y.Length; i++)
        {
            Dual<double> sum = 0.0;
            for (int j = 0; j < x.Length; j++)
                sum += a[i, j] * x[j];
            y[i] = sum;
        }
        return y;
    }
}
