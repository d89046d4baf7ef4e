using System.Numerics;
using Autodiff.Properties.RandomPrograms;
using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;

namespace Autodiff.Properties.SecondOrder;

/// <summary>
/// The derivative tensors Dᵏf(x₀) (by polarisation of Taylor-mode directional derivatives) against independent
/// computations: their contraction with δ^{⊗k} against one Taylor evaluation along δ on random programs, D¹ and D²
/// against the reverse gradient and the forward-over-reverse Hessian, every entry of exp(a·x) + (b·x)⁴ against its
/// closed form, and the Taylor polynomial's error falling as ‖δ‖^{K+1}.
/// </summary>
public sealed class DerivativeTensorProperties
{
    [Fact]
    public void Contractions_with_the_outer_powers_of_delta_are_the_directional_derivatives() =>
        Verify.ForAll(Programs.Scalar, c =>
        {
            TaylorModel<double> model = DerivativeTensor.TaylorModel<double>(c.Scalar, c.Point, DerivativeTensor.MaxOrder);
            double series = 0;
            for (int k = 0; k <= DerivativeTensor.MaxOrder; k++)
            {
                double directional = Hessian.DirectionalDerivative<double>(c.Scalar, c.Point, c.Direction, k);
                double contracted = DerivativeTensor.Contract<double>(model.Tensor(k), c.Direction, k);
                Tolerance.AssertClose(directional, contracted, 1e-8, $"{c}: D{k}f[δ^{k}]");
                series += directional / Factorial(k);
            }
            Tolerance.AssertClose(series, model.Evaluate(c.Direction), 1e-8, $"{c}: Σ Dᵏf[δᵏ]/k!");
            double[] gradient = Autodiff.Reverse.Grad<double>(c.Scalar, c.Point);
            double[,] hessian = Hessian.Dense<double>(c.Scalar, c.Point);
            double[] d1 = model.Tensor(1), d2 = model.Tensor(2);
            int n = c.Inputs;
            for (int i = 0; i < n; i++)
            {
                Tolerance.AssertClose(gradient[i], d1[i], Tolerance.Exact, $"{c}: D¹f[{i}] vs ∇f");
                for (int j = 0; j < n; j++)
                    Tolerance.AssertClose(hessian[i, j], d2[i * n + j], 1e-8, $"{c}: D²f[{i},{j}] vs ∇²f");
            }
        });

    private static int Factorial(int k) => k <= 1 ? 1 : k * Factorial(k - 1);

    private sealed record Case(double[] A, double[] B, double[] X)
    {
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            T ax = T.Zero, bx = T.Zero;
            for (int i = 0; i < x.Length; i++)
            {
                ax += T.CreateChecked(A[i]) * x[i];
                bx += T.CreateChecked(B[i]) * x[i];
            }
            return T.Exp(ax) + bx * bx * bx * bx;
        }

        public override string ToString() => $"a = [{string.Join(", ", A)}], b = [{string.Join(", ", B)}], x = [{string.Join(", ", X)}]";
    }

    private static Arbitrary<Case> Cases() =>
        Arb.From(
            from n in Gen.Choose(1, 3)
            from a in Gen.ArrayOf(Autodiff.Testing.Cases.In(-1, 1), n)
            from b in Gen.ArrayOf(Autodiff.Testing.Cases.In(-1, 1), n)
            from x in Gen.ArrayOf(Autodiff.Testing.Cases.In(-1, 1), n)
            select new Case(a, b, x));

    [Fact]
    public void Every_entry_of_exp_ax_plus_bx_to_the_fourth_is_its_closed_form() =>
        Verify.ForAll(Cases(), c =>
        {
            int n = c.X.Length;
            double ax = c.A.Zip(c.X, (p, q) => p * q).Sum(), bx = c.B.Zip(c.X, (p, q) => p * q).Sum();
            for (int k = 0; k <= DerivativeTensor.MaxOrder; k++)
            {
                double[] tensor = DerivativeTensor.Of<double>(c.F, c.X, k);
                Assert.Equal((int)Math.Pow(n, k), tensor.Length);
                // Dᵏ[i₁…i_k] = e^{a·x} Πⱼ a_{iⱼ} + 4!/(4 − k)! (b·x)^{4−k} Πⱼ b_{iⱼ}.
                double falling = Factorial(4) / (double)Factorial(4 - k);
                for (int flat = 0; flat < tensor.Length; flat++)
                {
                    double pa = 1, pb = 1;
                    for (int j = 0, rest = flat; j < k; j++, rest /= n)
                    {
                        pa *= c.A[rest % n];
                        pb *= c.B[rest % n];
                    }
                    double expected = Math.Exp(ax) * pa + falling * Math.Pow(bx, 4 - k) * pb;
                    Tolerance.AssertClose(expected, tensor[flat], 1e-9, $"{c}: D{k}f entry {flat}");
                }
            }
        });

    [Fact]
    public void The_Taylor_polynomial_error_falls_as_the_norm_of_delta_to_the_order_plus_one() =>
        Verify.ForAll(Arb.From(
            from c in Cases().Generator
            from d in Gen.ArrayOf(Autodiff.Testing.Cases.In(-1, 1), c.X.Length)
            from order in Gen.Choose(0, DerivativeTensor.MaxOrder)
            select (c, d, order)), t =>
        {
            (Case quartic, double[] d, int order) = t;
            // f = exp(a·x) (b = 0): along δ = s d with u = s (a·d) = 0.05 the error is e^{a·x}(eᵘ − Σ_{k≤K} uᵏ/k!), so
            // err(δ/2)/err(δ) = 2^{−(K+1)}(1 + O(u)).
            Case c = quartic with { B = new double[quartic.X.Length] };
            double ad = c.A.Zip(d, (p, q) => p * q).Sum();
            if (Math.Abs(ad) < 0.1)
                return;
            TaylorModel<double> model = DerivativeTensor.TaylorModel<double>(c.F, c.X, order);
            double Error(double s)
            {
                double[] delta = [.. d.Select(v => s * v)];
                return Math.Abs(c.F<double>([.. c.X.Zip(delta, (p, q) => p + q)]) - model.Evaluate(delta));
            }
            double step = 0.05 / Math.Abs(ad);
            double ratio = Error(step / 2) / Error(step), expected = Math.Pow(2, -(order + 1));
            Assert.True(Math.Abs(ratio / expected - 1) < 0.1, $"{c}, K = {order}: error ratio {ratio}, expected {expected}");
        });

    [Fact]
    public void Bad_arguments_are_refused_naming_them()
    {
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => DerivativeTensor.Of<double>(TestFunctions.SumOfSquares, [1.0], 5)).ParamName);
        Assert.Equal("tensor", Assert.ThrowsAny<ArgumentException>(() => DerivativeTensor.Contract<double>([1.0, 2.0], [1.0, 2.0], 2)).ParamName);
        Assert.Equal("order", Assert.ThrowsAny<ArgumentException>(() => DerivativeTensor.TaylorModel<double>(TestFunctions.SumOfSquares, [1.0], -1)).ParamName);
        Assert.Equal("delta", Assert.ThrowsAny<ArgumentException>(() => DerivativeTensor.TaylorModel<double>(TestFunctions.SumOfSquares, [1.0], 2).Evaluate([1.0, 2.0])).ParamName);
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => DerivativeTensor.Of<double>(TestFunctions.SumOfSquares, new double[2000], 2)).ParamName);
    }
}
