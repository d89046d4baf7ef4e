using System.Numerics;
using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Forward;

/// <summary>
/// Forward Hessians (hyper-dual) against closed forms and against differences of the forward gradient, and
/// Schwarz's symmetry; JVPs against gradients and Jacobians.
/// </summary>
public sealed class HessianProperties
{
    // The extended Rosenbrock function Σ 100(x_{2i+1} − x_{2i}²)² + (1 − x_{2i})².
    private static T Rosenbrock<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero, hundred = T.CreateChecked(100);
        for (int i = 0; i + 1 < x.Length; i += 2)
        {
            T a = x[i + 1] - x[i] * x[i], b = T.One - x[i];
            sum += hundred * a * a + b * b;
        }
        return sum;
    }

    private static Arbitrary<double[]> Points(int n) => Cases.Vectors(n, -1.5, 1.5);

    [Fact]
    public void Hessian_is_symmetric_and_matches_differences_of_the_gradient() =>
        Verify.ForAll(Points(4), x =>
        {
            double[,] h = Autodiff.Forward.Hessian(TestFunctions.Coupled, x);
            for (int i = 0; i < x.Length; i++)
            {
                double[] column = FiniteDifference.Gradient(y => Autodiff.Forward.Gradient(TestFunctions.Coupled, y)[i], x);
                for (int j = 0; j < x.Length; j++)
                {
                    Assert.Equal(h[i, j], h[j, i]);
                    AssertClose(column[j], h[i, j], FirstDifference, $"H[{i},{j}] vs difference of ∂f/∂x{i}");
                }
            }
        });

    [Fact]
    public void Rosenbrock_Hessian_matches_its_closed_form() =>
        Verify.ForAll(Points(4), x =>
        {
            double[,] h = Autodiff.Forward.Hessian(Rosenbrock, x);
            for (int i = 0; i < 4; i += 2)
            {
                AssertClose(1200 * x[i] * x[i] - 400 * x[i + 1] + 2, h[i, i], Exact, "∂²f/∂x_{2i}²");
                AssertClose(-400 * x[i], h[i, i + 1], Exact, "∂²f/∂x_{2i}∂x_{2i+1}");
                AssertClose(200, h[i + 1, i + 1], Exact, "∂²f/∂x_{2i+1}²");
            }
            Assert.Equal(0, h[0, 2]);
            Assert.Equal(0, h[1, 3]);
        });

    [Fact]
    public void Quadratic_form_has_Hessian_A_plus_A_transposed() =>
        Verify.ForAll(Cases.Vectors(3 + 9, -2, 2), data =>
        {
            double[] x = data[..3];
            double[,] a = new double[3, 3];
            for (int k = 0; k < 9; k++)
                a[k / 3, k % 3] = data[3 + k];
            double[,] h = Autodiff.Forward.Hessian<double>(v => QuadraticForm(a, v), x);
            double[] g = Autodiff.Forward.Gradient<double>(v => QuadraticForm(a, v), x);
            for (int i = 0; i < 3; i++)
            {
                double expected = 0;
                for (int j = 0; j < 3; j++)
                {
                    AssertClose(a[i, j] + a[j, i], h[i, j], Exact, $"H[{i},{j}] = A + Aᵀ");
                    expected += x[j] * (a[j, i] + a[i, j]);
                }
                AssertClose(expected, g[i], Exact, $"∂(xᵀAx)/∂x = xᵀ(A + Aᵀ), entry {i}");
            }
        });

    [Fact]
    public void Jvp_is_the_Jacobian_times_v_and_the_directional_derivative_is_the_gradient_times_v() =>
        Verify.ForAll(Cases.Vectors(6, -1.5, 1.5), data =>
        {
            double[] x = data[..3], v = data[3..];
            (double[] value, double[] tangent) = Autodiff.Forward.Jvp(Field, x, v);
            double[,] j = Autodiff.Forward.Jacobian(Field, x);
            Assert.Equal(Field<double>(x), value);
            for (int i = 0; i < tangent.Length; i++)
                AssertClose(j[i, 0] * v[0] + j[i, 1] * v[1] + j[i, 2] * v[2], tangent[i], Exact, $"(Jv)_{i}");
            double[] gradient = Autodiff.Forward.Gradient(TestFunctions.Coupled, x);
            AssertClose(gradient[0] * v[0] + gradient[1] * v[1] + gradient[2] * v[2],
                Autodiff.Forward.DirectionalDerivative(TestFunctions.Coupled, x, v), Exact, "∇f v");
        });

    [Fact]
    public void Jacobian_columns_match_differences() =>
        Verify.ForAll(Cases.Vectors(3, -1.5, 1.5), x =>
        {
            double[,] j = Autodiff.Forward.Jacobian(Field, x);
            for (int c = 0; c < 3; c++)
            {
                double[] plus = Field<double>(FiniteDifference.With(x, c, x[c] + 1e-6));
                double[] minus = Field<double>(FiniteDifference.With(x, c, x[c] - 1e-6));
                for (int r = 0; r < plus.Length; r++)
                    AssertClose((plus[r] - minus[r]) / 2e-6, j[r, c], 1e-7, $"J[{r},{c}]");
            }
        });

    // f: ℝ³ → ℝ² with every output depending on every input.
    private static T[] Field<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        [x[0] * T.Sin(x[1]) + T.Exp(x[2]), T.Atan2(x[0], T.One + x[1] * x[1]) * x[2]];

    private static T QuadraticForm<T>(double[,] a, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
            for (int j = 0; j < x.Length; j++)
                sum += x[i] * T.CreateChecked(a[i, j]) * x[j];
        return sum;
    }
}
