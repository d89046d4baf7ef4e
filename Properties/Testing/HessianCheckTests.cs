using static Autodiff.Properties.Support.Tolerance;
using static Autodiff.Properties.Testing.Functions;

namespace Autodiff.Properties.Testing;

/// <summary>
/// HessianCheck and Checks.HessianSymmetric pass on right Hessians and fail on wrong ones: a Hessian off by 1 in
/// h₀₁ (against the differences of the gradient) and a product rule with mismatched partials (not symmetric).
/// </summary>
public sealed class HessianCheckTests
{
    private static readonly double[] X = [0.7, -1.2, 0.4];

    [Fact]
    public void A_right_Hessian_passes() => HessianCheck.Scalar(new Coupled(), X).ThrowIfFailed();

    [Fact]
    public void A_Hessian_off_by_one_in_h01_fails_against_differences_of_the_gradient()
    {
        GradCheckReport report = HessianCheck.Scalar(new OffHessian(), X);
        Assert.Equal(2, report.FailureCount);
        Assert.All(report.Worst.Take(2), e => Assert.Equal("H vs differences of ∇f", e.Check));
        Assert.Equal(["[0, 1]", "[1, 0]"], report.Worst.Take(2).Select(e => e.Index).Order());
    }

    [Fact]
    public void H_v_is_taken_along_the_alternating_harmonic_direction_and_held_to_the_dense_H_times_v()
    {
        // Off by exactly v in the H v comparison only: its entries read v back, v = (1, −1/2, 1/3).
        GradCheckReport report = HessianCheck.Scalar(new OffAlongDirections(), X);
        Assert.Equal(X.Length, report.FailureCount);
        double[] v = [1.0, -0.5, 1.0 / 3];
        foreach (GradCheckEntry e in report.Worst.Take(X.Length))
        {
            Assert.Equal("H v vs dense H times v", e.Check);
            int i = int.Parse(e.Index.Trim('[', ']'), System.Globalization.CultureInfo.InvariantCulture);
            AssertClose(v[i], e.Value - e.Reference, 1e-12, $"(H v − H·v){e.Index}");
        }
        Assert.Equal(["[0]", "[1]", "[2]"], report.Worst.Take(X.Length).Select(e => e.Index).Order());
    }

    [Fact]
    public void A_rule_with_mismatched_mixed_partials_gives_an_asymmetric_Hessian_and_fails()
    {
        double[] x = [0.5, 2.0];
        Checks.HessianSymmetric(Product, x).ThrowIfFailed();
        Checks.HessianSymmetric(new Coupled(), X).ThrowIfFailed();
        GradCheckReport report = Checks.HessianSymmetric(Lopsided, x);
        Assert.False(report.Passed);
        Assert.Equal("[0, 1]", report.Worst[0].Index);
        GradCheckReport full = HessianCheck.Scalar(Lopsided, Lopsided, x);
        Assert.Equal("symmetry hᵢⱼ vs hⱼᵢ", full.Worst[0].Check);
    }
}
