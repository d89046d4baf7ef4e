using System.Numerics;
using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Reverse;

/// <summary>The seeds' backpropagation slides, least squares and the chain rule, by reverse mode.</summary>
public sealed class SeedReverseExamples
{
    // The rest of the backprop program after c, after b (with a fixed) and after a: the continuations whose
    // derivatives are the adjoints ∂f/∂c, ∂f/∂b and ∂f/∂a of the seeds' backward pass.
    private static T AfterC<T>(ReadOnlySpan<T> c) where T : IFloatingPointIeee754<T> => T.Sqrt(c[0]) + T.Cos(c[0]);
    private static T AfterB<T>(ReadOnlySpan<T> ab) where T : IFloatingPointIeee754<T> => AfterC<T>([ab[0] + ab[1]]);
    private static T AfterA<T>(ReadOnlySpan<T> a) where T : IFloatingPointIeee754<T> => AfterB<T>([a[0], T.Exp(a[0])]);

    [Fact]
    public void Backprop_adjoints_match_the_seeds_hand_derivation() =>
        Verify.ForAll(Cases.Points(-1.5, 1.5), x =>
        {
            double a = x * x, b = Math.Exp(a), c = a + b;
            double dfdc = 1 / (2 * Math.Sqrt(c)) - Math.Sin(c);
            double dfdb = dfdc * 1;
            double dfda = dfdb * Math.Exp(a) + dfdc * 1;
            double dfdx = dfda * 2 * x;
            AssertClose(dfdc, Autodiff.Reverse.Grad(AfterC, [c])[0], Exact, "∂f/∂c = 1/(2√c) − sin c");
            AssertClose(dfdb, Autodiff.Reverse.Grad(AfterB, [a, b])[1], Exact, "∂f/∂b = ∂f/∂c");
            AssertClose(dfda, Autodiff.Reverse.Grad(AfterA, [a])[0], Exact, "∂f/∂a = ∂f/∂b exp(a) + ∂f/∂c");
            AssertClose(dfdx, Autodiff.Reverse.Grad<double>(v => Forward.SeedExamples.Backprop(v[0]), [x])[0], Exact, "∂f/∂x = ∂f/∂a 2x");
        });

    [Fact]
    public void Least_squares_gradient_is_minus_two_residual_transposed_times_Phi() =>
        Verify.ForAll(Cases.Vectors(4 * 3 + 4 + 3, -2, 2), data =>
        {
            const int n = 4, d = 3;
            double[,] phi = new double[n, d];
            for (int k = 0; k < n * d; k++)
                phi[k / d, k % d] = data[k];
            double[] y = data[(n * d)..(n * d + n)], theta = data[(n * d + n)..];
            double[] gradient = Autodiff.Reverse.Grad<double>(t => LeastSquares(phi, y, t), theta);
            for (int j = 0; j < d; j++)
            {
                double expected = 0;
                for (int i = 0; i < n; i++)
                {
                    double residual = y[i] - (phi[i, 0] * theta[0] + phi[i, 1] * theta[1] + phi[i, 2] * theta[2]);
                    expected += -2 * residual * phi[i, j];
                }
                AssertClose(expected, gradient[j], Exact, $"∂L/∂θ_{j} = −2(y − Φθ)ᵀΦ");
            }
        });

    [Fact]
    public void Reverse_Jacobian_of_a_composition_is_the_product_of_forward_Jacobians() =>
        Verify.ForAll(Cases.Vectors(3, -1.2, 1.2), x =>
        {
            double[,] composed = Autodiff.Reverse.Jacobian(Composed, x);
            double[,] jg = Autodiff.Forward.Jacobian(Inner, x);
            double[,] jf = Autodiff.Forward.Jacobian(Outer, Inner<double>(x));
            for (int i = 0; i < composed.GetLength(0); i++)
                for (int j = 0; j < composed.GetLength(1); j++)
                {
                    double product = 0;
                    for (int k = 0; k < jg.GetLength(0); k++)
                        product += jf[i, k] * jg[k, j];
                    AssertClose(product, composed[i, j], Exact, $"J_(f∘g)[{i},{j}] = (J_f J_g)[{i},{j}]");
                }
        });

    private static T LeastSquares<T>(double[,] phi, double[] y, ReadOnlySpan<T> theta) where T : IFloatingPointIeee754<T>
    {
        T loss = T.Zero;
        for (int i = 0; i < y.Length; i++)
        {
            T e = T.CreateChecked(y[i]);
            for (int j = 0; j < theta.Length; j++)
                e -= T.CreateChecked(phi[i, j]) * theta[j];
            loss += e * e;
        }
        return loss;
    }

    private static T[] Inner<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        [T.Sin(x[0]) * x[1], x[1] * x[2] + T.Exp(x[0]), T.Atan(x[2] - x[0]), x[0] * x[0]];

    private static T[] Outer<T>(ReadOnlySpan<T> u) where T : IFloatingPointIeee754<T> =>
        [u[0] * u[1] - u[3], T.Tanh(u[2] + u[0]) * u[3]];

    private static T[] Composed<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => Outer<T>(Inner(x));
}
