using System.Numerics;
using static Autodiff.Properties.Testing.Functions;

namespace Autodiff.Properties.Testing;

/// <summary>
/// What a report says and how it ranks: an entry passes up to exactly its allowed error, ranks by error over allowed
/// (NaN worst, 0 best), and prints its verdict; a report keeps the five worst entries, worst first, counts every
/// comparison and failure, and prints a verdict line with the tolerances; bad points are refused by name.
/// </summary>
public sealed class ReportTests
{
    [Fact]
    public void An_entry_passes_up_to_its_allowed_error_and_ranks_by_error_over_allowed()
    {
        Assert.True(new GradCheckEntry("c", "[0]", 1.5, 1.0, 0.5, 0.5).Passed);
        Assert.False(new GradCheckEntry("c", "[0]", 1.5, 1.0, 0.5, Math.BitDecrement(0.5)).Passed);
        Assert.False(new GradCheckEntry("c", "[0]", double.NaN, 1.0, double.NaN, 1.0).Passed);
        Assert.Equal(0.25, new GradCheckEntry("c", "[0]", 1.5, 1.0, 0.5, 2.0).Ratio);
        Assert.Equal(4.0, new GradCheckEntry("c", "[0]", 1.5, 1.0, 2.0, 0.5).Ratio);
        Assert.Equal(0.0, new GradCheckEntry("c", "[0]", 1.0, 1.0, 0.0, 0.0).Ratio);
        Assert.Equal(double.PositiveInfinity, new GradCheckEntry("c", "[0]", double.NaN, 1.0, double.NaN, 1.0).Ratio);
        Assert.Equal(double.PositiveInfinity, new GradCheckEntry("c", "[0]", 1.5, 1.0, 0.5, 0.0).Ratio);
    }

    [Fact]
    public void An_entry_prints_its_verdict_check_index_values_and_errors()
    {
        string ok = new GradCheckEntry("forward vs reverse", "[1, 0]", 0.1, 0.2, 0.5, 1.0).ToString();
        Assert.StartsWith("ok   forward vs reverse", ok, StringComparison.Ordinal);
        Assert.Contains("[1, 0]", ok, StringComparison.Ordinal);
        Assert.Contains("AD 0.1 ", ok, StringComparison.Ordinal);
        Assert.Contains("reference 0.2 ", ok, StringComparison.Ordinal);
        Assert.EndsWith("error 5.00E-001 (allowed 1.00E+000)", ok, StringComparison.Ordinal);
        Assert.StartsWith("FAIL forward vs reverse", new GradCheckEntry("forward vs reverse", "[1, 0]", 0.1, 0.2, 2.0, 1.0).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_keeps_the_five_worst_entries_worst_first_and_counts_all()
    {
        // J_f of a 3×3 map whose forward Jacobian is off by (i + 1)·(j + 1)/100 in every entry: 27 comparisons, the
        // 18 against forward fail, worst where the offset is largest.
        double[] x = [0.5, -0.25, 1.0];
        GradCheckReport report = GradCheck.Vector(OffEverywhere.F, OffEverywhere.F, OffEverywhere.F, x);
        Assert.Equal(27, report.Count);
        Assert.Equal(18, report.FailureCount);
        Assert.False(report.Passed);
        Assert.Equal(GradCheckReport.WorstCount, report.Worst.Count);
        Assert.Equal(5, GradCheckReport.WorstCount);
        Assert.Equal("[2, 2]", report.Worst[0].Index);
        Assert.Equal("[2, 2]", report.Worst[1].Index);
        for (int k = 1; k < report.Worst.Count; k++)
            Assert.True(report.Worst[k - 1].Ratio >= report.Worst[k].Ratio, $"entry {k} ranks above entry {k - 1}");
        string[] lines = report.ToString().Split(Environment.NewLine);
        Assert.Equal($"FAILED: {report.Subject}: 18 of 27 comparisons outside {report.Tolerances}", lines[0]);
        Assert.Equal("  worst entries:", lines[1]);
        Assert.Equal(2 + GradCheckReport.WorstCount, lines.Length);
        Assert.All(lines[2..], line => Assert.StartsWith("    FAIL ", line, StringComparison.Ordinal));
    }

    [Fact]
    public void A_passing_report_says_so_with_its_tolerances_and_ranks_its_entries_too()
    {
        var tolerances = new Tolerances(relative: 1e-4, absolute: 1e-5);
        GradCheckReport report = GradCheck.Scalar(new Coupled(), [0.7, -1.2], tolerances);
        Assert.Same(report, report.ThrowIfFailed());
        Assert.Same(tolerances, report.Tolerances);
        Assert.Equal(6, report.Count);
        Assert.Equal(0, report.FailureCount);
        Assert.Equal(5, report.Worst.Count);
        Assert.StartsWith($"passed: ∇f at x = [0.7, -1.2] (f: ℝ^2 → ℝ): all 6 comparisons within {tolerances}", report.ToString(), StringComparison.Ordinal);
        Assert.Equal("|AD − reference| ≤ 1E-05 + 0.0001·|reference|", tolerances.ToString());
        for (int k = 1; k < report.Worst.Count; k++)
            Assert.True(report.Worst[k - 1].Ratio >= report.Worst[k].Ratio);
    }

    [Fact]
    public void Zero_tolerances_are_allowed_and_demand_exact_agreement()
    {
        var exact = new Tolerances(0, 0);
        Assert.Equal(0.0, exact.Allowed(3.0));
        Assert.Equal((1e-6, 1e-6), (Tolerances.Default.Relative, Tolerances.Default.Absolute));
        Assert.Equal(1e-6 + 1e-6 * 3, Tolerances.Default.Allowed(-3));
        Assert.Equal(0.0, Tolerances.Default.Allowed(double.PositiveInfinity));
        Assert.Equal(0.0, Tolerances.Default.Allowed(double.NegativeInfinity));
        Assert.Equal("relative", Assert.Throws<ArgumentException>(() => new Tolerances(relative: double.PositiveInfinity)).ParamName);
        Assert.Equal("absolute", Assert.Throws<ArgumentException>(() => new Tolerances(absolute: -1e-300)).ParamName);
    }

    [Fact]
    public void Points_and_directions_must_be_non_empty_finite_and_of_the_right_length()
    {
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => GradCheck.Scalar(new Coupled(), null!)).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => GradCheck.Scalar<IScalarFunction>(null!, [1.0])).ParamName);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => GradCheck.Scalar(new Coupled(), [])).Message, StringComparison.Ordinal);
        ArgumentException nan = Assert.Throws<ArgumentException>(() => Checks.ForwardEqualsReverse(new Coupled(), [1.0, double.NaN]));
        Assert.Equal("x", nan.ParamName);
        Assert.Contains("Entry 1 is NaN", nan.Message, StringComparison.Ordinal);
        ArgumentException length = Assert.Throws<ArgumentException>(() => Checks.Adjoint(new Curve(), [0.8, -0.3], [1.0, 2.0, 3.0], [1.0, 1.0, 1.0]));
        Assert.Equal("v", length.ParamName);
        Assert.Contains("length 3 but 2 is needed", length.Message, StringComparison.Ordinal);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Checks.UnaryRule(new Square(), double.PositiveInfinity)).ParamName);
        Assert.Equal("t", Assert.Throws<ArgumentException>(() => Richardson.Derivative(Math.Sin, double.NaN)).ParamName);
    }

    // The Jacobian of (x₀x₁, x₁ + x₂², sin x₀) with forward mode off by (i + 1)(j + 1)/100 in entry [i, j].
    private static class OffEverywhere
    {
        public static T[] F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            T[] y = [x[0] * x[1], x[1] + x[2] * x[2], T.Sin(x[0])];
            if (typeof(T) == typeof(Dual<double>))
                for (int i = 0; i < 3; i++)
                    for (int j = 0; j < 3; j++)
                        y[i] += T.CreateChecked((i + 1) * (j + 1) / 100.0) * x[j];
            return y;
        }
    }

    private readonly struct Square : Autodiff.Rules.IUnaryRule
    {
        public T F<T>(T x) where T : IFloatingPointIeee754<T> => x * x;
        public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => x + x;
    }
}
