using System.Numerics;
using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;

namespace Autodiff.Properties.Forward;

/// <summary>
/// Taylor mode: the degree-k polynomial approximates f with error O(h^{k+1}) (checked as the error ratio when h
/// halves), known series come out exactly, and coefficients agree with nested dual numbers.
/// </summary>
public sealed class TaylorProperties
{
    public sealed record Expansion(Rules.UnaryEntry Entry, double X0, int Order)
    {
        public override string ToString() => $"{Entry.Name} at x₀ = {X0:R}, order {Order}";
    }

    private static Arbitrary<Expansion> Expansions(string name)
    {
        Rules.UnaryEntry e = Table.Unary(name);
        double width = e.Domain.Max - e.Domain.Min;
        return Arb.From(Cases.In(e.Domain.Min + 0.25 * width, e.Domain.Max - 0.25 * width)
            .SelectMany(_ => Gen.Choose(1, 4), (x0, k) => new Expansion(e, x0, k)));
    }

    /// <remarks>
    /// f(x₀ + h) − T_k(h) = c_{k+1} h^{k+1} + c_{k+2} h^{k+2} + …, so the error ratio as h halves tends to 2^{k+1}.
    /// At a finite h the next term shifts it by a factor 1 ± 2|c_{k+2}| h / |c_{k+1}|: the ratio is asserted where
    /// that shift is below 25% and the error is far above rounding (both read off an order-(k+2) expansion);
    /// elsewhere — near a zero of f⁽ᵏ⁺¹⁾ — no finite h shows the asymptotic rate and the case asserts nothing.
    /// </remarks>
    [Theory, MemberData(nameof(Table.UnaryNames), MemberType = typeof(Table))]
    public void Taylor_polynomial_error_shrinks_like_h_to_the_order_plus_one(string name) =>
        Verify.ForAll(Expansions(name), c =>
        {
            double[] coefficients = Autodiff.Forward.Taylor(c.Entry.Function.F, c.X0, c.Order + 2);
            double h = 0.01 * (c.Entry.Domain.Max - c.Entry.Domain.Min);
            double leading = Math.Abs(coefficients[c.Order + 1]), next = Math.Abs(coefficients[c.Order + 2]);
            bool asymptotic = leading >= 8 * next * h
                && leading * Math.Pow(h / 2, c.Order + 1) >= 1e-9 * Math.Max(1, Math.Abs(coefficients[0]));
            if (!asymptotic)
                return;
            double Error(double step) => Math.Abs(
                c.Entry.Function.F(c.X0 + step) - Autodiff.Forward.EvaluateTaylor(coefficients.AsSpan(0, c.Order + 1), step));
            double observedOrder = Math.Log2(Error(h) / Error(h / 2));
            Assert.True(Math.Abs(observedOrder - (c.Order + 1)) < 0.5,
                $"{c}: error {Error(h):E3} → {Error(h / 2):E3} as h halves, observed order {observedOrder:F2}, expected {c.Order + 1}");
        });

    [Fact]
    public void Exponential_at_zero_has_coefficients_one_over_k_factorial()
    {
        double[] c = Autodiff.Forward.Taylor(Exp, 0.0, 12);
        double factorial = 1;
        for (int k = 0; k <= 12; k++)
        {
            factorial *= Math.Max(k, 1);
            Tolerance.AssertClose(1 / factorial, c[k], 1e-15, $"c_{k}", floor: 0);
        }
    }

    [Fact]
    public void Sine_at_zero_alternates_odd_coefficients()
    {
        double[] c = Autodiff.Forward.Taylor(Sin, 0.0, 9);
        double[] expected = [0, 1, 0, -1.0 / 6, 0, 1.0 / 120, 0, -1.0 / 5040, 0, 1.0 / 362880];
        for (int k = 0; k <= 9; k++)
            Tolerance.AssertClose(expected[k], c[k], 1e-15, $"c_{k}", floor: 1e-300);
    }

    [Fact]
    public void Coefficients_agree_with_three_nested_dual_numbers() =>
        Verify.ForAll(Cases.Points(-1, 1), x =>
        {
            // d³/dx³ by nesting three perturbations: Dual<Dual<Dual<double>>>.
            var seed = new Dual<Dual<Dual<double>>>(new(new(x, 1), new(1, 0)), new(new(1, 0), new(0, 0)));
            double third = SeedExamples.Backprop(seed).Tangent.Tangent.Tangent;
            double[] c = Autodiff.Forward.Taylor(SeedExamples.Backprop, x, 3);
            Tolerance.AssertClose(third, 6 * c[3], 1e-9, "f‴ = 3! c₃");
        });

    [Fact]
    public void Series_of_different_orders_truncate_to_the_lower()
    {
        Taylor<double> low = Taylor<double>.Variable(1, 2), high = Taylor<double>.Variable(2, 5);
        Assert.Equal(2, (low * high).Order);
        Assert.Equal(2, (high + low).Order);
        Assert.Equal(5, (high * 3.0).Order);
        Assert.True(((Taylor<double>)4.0 / 2.0).IsConstant);
    }

    [Fact]
    public void Derivative_reads_k_factorial_times_the_coefficient()
    {
        Taylor<double> y = Exp(Taylor<double>.Variable(0.5, 6));
        for (int k = 0; k <= 6; k++)
            Tolerance.AssertClose(Math.Exp(0.5), y.Derivative(k), 1e-13, $"exp⁽{k}⁾(0.5)");
    }

    private static T Exp<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp(x);

    private static T Sin<T>(T x) where T : IFloatingPointIeee754<T> => T.Sin(x);
}
