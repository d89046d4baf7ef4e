using System.Numerics;
using Autodiff.Rules;
using static GuideDerivativeTests;

namespace Autodiff.Properties.Testing;

/// <summary>
/// Checks.UnaryRule and Checks.VjpRule pass on right custom rules and fail on wrong ones: a D1 off by a constant, a
/// D1 that drops its argument's perturbation (right first derivatives, wrong second), a VJP rule missing a factor.
/// </summary>
public sealed class RuleCheckTests
{
    /// <summary>f(x) = ln cosh x, f′(x) = tanh x (docs/custom-rules.md).</summary>
    private readonly struct LogCosh : IUnaryRule
    {
        public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Log(T.Cosh(x));
        public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.Tanh(x);
    }

    /// <summary>ln cosh x with f′ written as tanh x + 0.01.</summary>
    private readonly struct OffD1 : IUnaryRule
    {
        public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Log(T.Cosh(x));
        public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.Tanh(x) + T.CreateChecked(0.01);
    }

    /// <summary>ln cosh x with f′ computed from the value of a Dual only (as with Math.Tanh(x.Value)): right f′, f″ = 0.</summary>
    private readonly struct FlatD1 : IUnaryRule
    {
        public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Log(T.Cosh(x));
        public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> =>
            x is Dual<double> d ? (T)(object)Dual<double>.Constant(Math.Tanh(d.Value)) : T.Tanh(x);
    }

    [Fact]
    public void A_right_rule_passes_across_its_domain() =>
        Support.Verify.ForAll(Cases.Points(-3, 3), x => Checks.UnaryRule(new LogCosh(), x).Passed);

    [Fact]
    public void The_table_rules_pass_inside_their_domains() =>
        Support.Verify.ForAll(Cases.AnyUnary, c => GradCheck.Scalar(new Row(c.Entry.Function), [c.X]).Passed);

    [Fact]
    public void A_D1_off_by_a_constant_fails()
    {
        GradCheckReport report = Checks.UnaryRule(new OffD1(), 0.7);
        Assert.Equal(2, report.FailureCount); // D1 and the Dual derivative; f″ is right
        Assert.All(report.Worst.Take(2), e => Assert.Contains("differences of F", e.Check));
    }

    [Fact]
    public void A_D1_that_drops_the_perturbation_fails_on_the_second_derivative_only()
    {
        GradCheckReport report = Checks.UnaryRule(new FlatD1(), 0.7);
        Assert.Equal(1, report.FailureCount);
        Assert.Equal("HyperDual f″ vs differences of D1", report.Worst[0].Check);
    }

    // The same rule without the division by y = ‖x‖.
    private static double[] WrongNormVjp(ReadOnlySpan<double> u, ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var xBar = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
            xBar[i] = u[0] * x[i];
        return xBar;
    }

    [Fact]
    public void A_right_VJP_rule_passes_and_a_wrong_one_fails()
    {
        double[] x = [3.0, -4.0, 1.5];
        Checks.VjpRule(Norm, NormVjp, x, [0.5]).ThrowIfFailed();
        GradCheckReport report = Checks.VjpRule(Norm, WrongNormVjp, x, [0.5]);
        Assert.Equal(3, report.FailureCount);
        Assert.Equal("u", Assert.Throws<ArgumentException>(() => Checks.VjpRule(Norm, NormVjp, x, [0.5, 1.0])).ParamName);
    }

    [Fact]
    public void Richardson_differences_are_accurate_to_far_below_the_default_tolerance()
    {
        Assert.True(Support.Tolerance.Close(Math.Exp(1.3), Richardson.Derivative(Math.Exp, 1.3).Estimate, 1e-10));
        Assert.True(Support.Tolerance.Close(Math.Cos(40.0), Richardson.Derivative(Math.Sin, 40.0).Estimate, 1e-9));
        // Steps whose stencil leaves the domain are skipped: √ near 0.
        Assert.True(Support.Tolerance.Close(0.5 / Math.Sqrt(0.05), Richardson.Derivative(Math.Sqrt, 0.05).Estimate, 1e-8));
    }

    // A table row as a function value of one input.
    private readonly struct Row(IUnaryFunction f) : IScalarFunction
    {
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => f.F(x[0]);
    }
}
