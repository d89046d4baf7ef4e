using System.Numerics;
using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;
using static Autodiff.Testing.Vectors;

namespace Autodiff.Properties.SecondOrder;

/// <summary>
/// Hessian-vector products in three nestings against each other and against the hyper-dual Hessian; dense and
/// vector-function Hessians; directional derivatives of higher order; and nested differentiation without
/// perturbation confusion.
/// </summary>
public sealed class HessianCombinatorProperties
{
    private static T[] Field<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        [x[0] * T.Sin(x[1]) + T.Exp(x[2]), T.Hypot(x[0], x[1] + x[2]) * x[2]];

    [Fact]
    public void Three_Hessian_vector_products_agree_with_the_hyper_dual_Hessian() =>
        Verify.ForAll(Cases.Vectors(8, -1.5, 1.5), data =>
        {
            double[] x = data[..4], v = data[4..];
            double[] expected = Times(Autodiff.Forward.Hessian(TestFunctions.Coupled, x), v);
            double[] forwardOverReverse = Hessian.Hvp(TestFunctions.Coupled, x, v);
            double[] reverseOverForward = Hessian.HvpReverseOverForward(TestFunctions.Coupled, x, v);
            double[] reverseOverReverse = Hessian.Vhp(TestFunctions.Coupled, x, v);
            for (int i = 0; i < 4; i++)
            {
                AssertClose(expected[i], forwardOverReverse[i], 1e-10, $"forward-over-reverse (Hv)_{i}");
                AssertClose(expected[i], reverseOverForward[i], 1e-10, $"reverse-over-forward (Hv)_{i}");
                AssertClose(expected[i], reverseOverReverse[i], 1e-10, $"reverse-over-reverse (vᵀH)_{i}");
            }
        });

    [Fact]
    public void Dense_Hessian_from_HVPs_is_the_hyper_dual_Hessian_and_symmetric() =>
        Verify.ForAll(Cases.Vectors(3, -1.5, 1.5), x =>
        {
            double[,] fromHvps = Hessian.Dense(TestFunctions.Coupled, x);
            double[,] hyperDual = Autodiff.Forward.Hessian(TestFunctions.Coupled, x);
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                {
                    AssertClose(hyperDual[i, j], fromHvps[i, j], 1e-10, $"H[{i},{j}]");
                    AssertClose(fromHvps[j, i], fromHvps[i, j], 1e-12, $"Schwarz: H[{i},{j}] = H[{j},{i}]");
                }
        });

    [Fact]
    public void Hessian_of_a_vector_function_has_one_Hessian_per_output() =>
        Verify.ForAll(Cases.Vectors(3, -1.5, 1.5), x =>
        {
            double[,,] tensor = Hessian.OfVectorFunction(Field, x);
            Assert.Equal([2, 3, 3], new[] { tensor.GetLength(0), tensor.GetLength(1), tensor.GetLength(2) });
            for (int i = 0; i < 2; i++)
            {
                int output = i;
                double[,] h = Autodiff.Forward.Hessian<double>(v => Field(v)[output], x);
                for (int j = 0; j < 3; j++)
                    for (int k = 0; k < 3; k++)
                        AssertClose(h[j, k], tensor[i, j, k], 1e-10, $"∂²f_{i}/∂x_{j}∂x_{k}");
            }
        });

    [Fact]
    public void Directional_derivatives_are_the_terms_of_the_multivariate_Taylor_series() =>
        Verify.ForAll(Cases.Vectors(6, -1, 1), data =>
        {
            double[] x = data[..3], d = data[3..];
            double[] gradient = Autodiff.Forward.Gradient(TestFunctions.Coupled, x);
            double[] hd = Times(Autodiff.Forward.Hessian(TestFunctions.Coupled, x), d);
            AssertClose(TestFunctions.Coupled<double>(x), Hessian.DirectionalDerivative(TestFunctions.Coupled, x, d, 0), 1e-14, "D⁰f = f");
            AssertClose(gradient.Zip(d, (g, v) => g * v).Sum(), Hessian.DirectionalDerivative(TestFunctions.Coupled, x, d, 1), 1e-12, "D¹f[δ] = ∇f δ");
            AssertClose(hd.Zip(d, (h, v) => h * v).Sum(), Hessian.DirectionalDerivative(TestFunctions.Coupled, x, d, 2), 1e-10, "D²f[δ, δ] = δᵀHδ");
            double third = Hessian.DirectionalDerivative(TestFunctions.Coupled, x, d, 3);
            double reference = FiniteDifference.First(t => Hessian.DirectionalDerivative(TestFunctions.Coupled, x.Zip(d, (a, b) => a + t * b).ToArray(), d, 2), 0);
            AssertClose(reference, third, 1e-6, "D³f[δ, δ, δ] vs difference of D²");
        });

    [Fact]
    public void Taylor_model_of_order_k_has_error_shrinking_like_h_to_the_k_plus_one()
    {
        double[] x = [0.3, -0.4, 0.8], d = [0.6, 0.2, -0.7];
        for (int k = 1; k <= 3; k++)
        {
            double Model(double h)
            {
                double sum = 0, factorial = 1;
                for (int j = 0; j <= k; j++)
                {
                    factorial *= Math.Max(j, 1);
                    sum += Hessian.DirectionalDerivative(TestFunctions.Coupled, x, d, j) * Math.Pow(h, j) / factorial;
                }
                return sum;
            }
            double Error(double h) => Math.Abs(TestFunctions.Coupled<double>(x.Zip(d, (a, b) => a + h * b).ToArray()) - Model(h));
            double order = Math.Log2(Error(0.01) / Error(0.005));
            Assert.True(Math.Abs(order - (k + 1)) < 0.3, $"order-{k} model: observed error order {order:F2}, expected {k + 1}");
        }
    }

    [Fact]
    public void Nested_derivatives_do_not_confuse_perturbations()
    {
        // Siskind & Pearlmutter: D_x[x · D_y[x + y](1)](1) = 1; a confused implementation answers 2.
        double confusion = Autodiff.Forward.Derivative<double>(x => x * Autodiff.Forward.Derivative<Dual<double>>(y => x + y, 1.0), 1.0);
        Assert.Equal(1.0, confusion);
        // d/dx of (x ↦ d/dy sin(x·y) at y = 1) = d/dx x cos x = cos x − x sin x.
        Verify.ForAll(Cases.Points(-2, 2), x =>
        {
            double nested = Autodiff.Forward.Derivative<double>(s => Autodiff.Forward.Derivative<Dual<double>>(y => Dual<Dual<double>>.Sin(s * y), 1.0), x);
            AssertClose(Math.Cos(x) - x * Math.Sin(x), nested, Exact, "d/dx d/dy sin(xy)|_{y=1}");
        });
    }

    [Fact]
    public void Nesting_the_same_type_is_a_clear_error_not_a_wrong_number()
    {
        // The confused way: the inner derivative runs on Dual<double> too, and x from the outer one leaks into it.
        var e = Assert.Throws<InvalidOperationException>(() =>
            Autodiff.Forward.Derivative<double>(x => x * Autodiff.Forward.Derivative<double>(y => x + y, 1.0), 1.0));
        Assert.Contains("Perturbation confusion", e.Message);
        Assert.Contains("Forward.Derivative<Dual<double>>", e.Message);
        Assert.Contains("must run on the nested type", e.Message);
        // A value kept from one differentiation and used in another is the same mistake.
        Dual<double> kept = default;
        Autodiff.Forward.Derivative<double>(x => kept = x * 2, 3.0);
        Assert.Throws<InvalidOperationException>(() => Autodiff.Forward.Gradient<double>(v => v[0] * kept, [1.0]));
        // Numbers made by hand and constants carry no differentiation and combine with any.
        Assert.Equal(3.0, Autodiff.Forward.Derivative<double>(x => x * new Dual<double>(3, 0) + Dual<double>.Constant(1), 2.0));
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        Assert.Equal("v", Assert.Throws<ArgumentException>(() => Hessian.Hvp(TestFunctions.Coupled, [1.0, 2.0], [1.0])).ParamName);
        Assert.Equal("v", Assert.Throws<ArgumentException>(() => Hessian.Vhp(TestFunctions.Coupled, [1.0, 2.0], [1.0])).ParamName);
        Assert.Equal("v", Assert.Throws<ArgumentException>(() => Hessian.HvpReverseOverForward(TestFunctions.Coupled, [1.0], [1.0, 2.0])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Hessian.Dense(TestFunctions.Coupled, ReadOnlySpan<double>.Empty)).ParamName);
        Assert.Equal("delta", Assert.Throws<ArgumentException>(() => Hessian.DirectionalDerivative(TestFunctions.Coupled, [1.0], [1.0, 2.0], 2)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => Hessian.DirectionalDerivative(TestFunctions.Coupled, [1.0], [1.0], -1)).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => Hessian.OfVectorFunction<double>(null!, [1.0])).ParamName);
    }
}
