using Autodiff.Properties.Support;

namespace Autodiff.Properties.Testing;

/// <summary>
/// The kit's references against closed forms: the five-point differences are exact on quartics (first derivative)
/// and quintics (second), up to rounding, at points of any magnitude; the Richardson estimate of e^{2t}, of a curve
/// and of a Jacobian meets the derivative to far below the default tolerance and its error estimate is small and
/// honest; functions that return nothing usable are refused by name.
/// </summary>
public sealed class DifferenceTests
{
    // p(t) = 1 − 2t + 3t² − t³ + 0.5t⁴, p′ = −2 + 6t − 3t² + 2t³, p″ = 6 − 6t + 6t².
    private static double P(double t) => 1 - 2 * t + 3 * t * t - t * t * t + 0.5 * t * t * t * t;
    private static double P1(double t) => -2 + 6 * t - 3 * t * t + 2 * t * t * t;
    private static double P2(double t) => 6 - 6 * t + 6 * t * t;

    [Fact]
    public void Five_point_differences_are_exact_on_quartics_at_every_magnitude() =>
        Verify.ForAll(Cases.Points(-50, 50), t =>
        {
            Tolerance.AssertClose(P1(t), FiniteDifference.First(P, t), 1e-9, $"p′({t})");
            Tolerance.AssertClose(P2(t), FiniteDifference.Second(P, t), 1e-6, $"p″({t})");
            // x ↦ p(x₀) + x₀x₁ + 2x₁ has gradient (p′(x₀) + x₁, x₀ + 2).
            double[] x = [t, 0.5 * t - 1];
            double[] gradient = FiniteDifference.Gradient(v => P(v[0]) + v[0] * v[1] + 2 * v[1], x);
            Tolerance.AssertClose(P1(t) + x[1], gradient[0], 1e-9, "∂/∂x₀");
            Tolerance.AssertClose(x[0] + 2, gradient[1], 1e-9, "∂/∂x₁");
            Assert.Equal([t, 0.5 * t - 1], x);
        });

    [Fact]
    public void The_step_scales_with_the_point_beyond_one()
    {
        Assert.Equal(1e-3, FiniteDifference.Step(0));
        Assert.Equal(1e-3, FiniteDifference.Step(-0.5));
        Assert.Equal(4e-3, FiniteDifference.Step(-4));
        // At t = 10⁶ (p ≈ 5·10²³) the scaled step gives p′ to 10⁻¹⁴; a fixed step of 10⁻³ would leave rounding of ≈ 10⁻⁷.
        Tolerance.AssertClose(P1(1e6), FiniteDifference.First(P, 1e6), 1e-11, "p′(10⁶)");
    }

    [Fact]
    public void A_directional_difference_is_exact_on_a_quartic_curve_and_With_copies()
    {
        double[] d = FiniteDifference.Directional(t => [P(t), P(2 * t - 1), 3 * t]);
        Tolerance.AssertClose(P1(0), d[0], 1e-11, "d/dt p(t)");
        Tolerance.AssertClose(2 * P1(-1), d[1], 1e-11, "d/dt p(2t − 1)");
        Tolerance.AssertClose(3, d[2], 1e-11, "d/dt 3t");
        double[] x = [1, 2, 3];
        Assert.Equal([1.0, 7.0, 3.0], FiniteDifference.With(x, 1, 7));
        Assert.Equal([1.0, 2.0, 3.0], x);
    }

    [Fact]
    public void Richardson_meets_the_derivative_and_estimates_its_own_error() =>
        Verify.ForAll(Cases.Points(-3, 3), t =>
        {
            (double estimate, double error) = Richardson.Derivative(s => Math.Exp(2 * s), t);
            double exact = 2 * Math.Exp(2 * t);
            Tolerance.AssertClose(exact, estimate, 1e-10, $"d/dt e^(2t) at {t}");
            Assert.InRange(error, 0, 1e-8 * Math.Max(1, exact));
            (double[] curve, double[] errors) = Richardson.Derivative(s => [Math.Sin(s), s * s * s], t);
            Tolerance.AssertClose(Math.Cos(t), curve[0], 1e-10, "d/dt sin t");
            Tolerance.AssertClose(3 * t * t, curve[1], 1e-10, "d/dt t³");
            Assert.All(errors, e => Assert.InRange(e, 0, 1e-8));
        });

    [Fact]
    public void A_Richardson_Jacobian_is_the_closed_form_entry_by_entry() =>
        Verify.ForAll(Cases.Vectors(3, -2, 2), x =>
        {
            // g(x) = (x₀ x₁, e^{x₂}): J = [[x₁, x₀, 0], [0, 0, e^{x₂}]].
            double[,] j = Richardson.Jacobian(v => [v[0] * v[1], Math.Exp(v[2])], x);
            double[,] expected = { { x[1], x[0], 0 }, { 0, 0, Math.Exp(x[2]) } };
            Assert.Equal(2, j.GetLength(0));
            Assert.Equal(3, j.GetLength(1));
            for (int i = 0; i < 2; i++)
                for (int k = 0; k < 3; k++)
                    Tolerance.AssertClose(expected[i, k], j[i, k], 1e-10, $"J[{i}, {k}]");
        });

    [Fact]
    public void Functions_that_return_null_or_change_their_number_of_outputs_are_refused()
    {
        Assert.Equal("g", Assert.Throws<ArgumentException>(() => Richardson.Derivative(_ => null!, 0.5)).ParamName);
        ArgumentException varying = Assert.Throws<ArgumentException>(() => Richardson.Derivative(s => s > 0.5 ? new[] { s } : new[] { s, s }, 0.5));
        Assert.Equal("g", varying.ParamName);
        Assert.Contains("returned 1 outputs after 2", varying.Message, StringComparison.Ordinal);
        // Each column alone is consistent, but the second has more outputs than the first.
        Assert.Equal("g", Assert.Throws<ArgumentException>(() => Richardson.Jacobian(v => v[1] == 2 ? new[] { v[0] } : new[] { v[0], v[1] }, [1.0, 2.0])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Richardson.Jacobian(v => v, [])).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => FiniteDifference.Gradient(null!, [1.0])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => FiniteDifference.Gradient(v => v[0], null!)).ParamName);
    }
}
