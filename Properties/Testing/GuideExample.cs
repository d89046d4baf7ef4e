// docs/testing.md's example, verbatim (GuideExampleTests checks that the guide shows exactly this code). It lives
// in the global namespace, as pasted into a user's test project.
using System.Numerics;
using Autodiff;
using Autodiff.Rules;
using Autodiff.Testing;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

// The function under test, written once generically as a function value: softplus(x₀x₁) + x₁ sin x₀.
public readonly struct GuideLoss : IScalarFunction
{
    public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        T.Log(T.One + T.Exp(x[0] * x[1])) + x[1] * T.Sin(x[0]);
}

// A scalar rule of your own: f(x) = ln cosh x, f′(x) = tanh x.
public readonly struct GuideLogCosh : IUnaryRule
{
    public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Log(T.Cosh(x));
    public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.Tanh(x);
}

public class GuideDerivativeTests
{
    [Fact]
    public void The_gradient_and_the_Hessian_are_right_at_a_point()
    {
        GradCheck.Scalar(new GuideLoss(), [0.3, -1.2]).ThrowIfFailed();
        HessianCheck.Scalar(new GuideLoss(), [0.3, -1.2]).ThrowIfFailed();
    }

    [Fact]
    public void The_gradient_is_right_everywhere_in_a_box() =>
        Prop.ForAll(Cases.Vectors(2, -3, 3), x => { GradCheck.Scalar(new GuideLoss(), x).ThrowIfFailed(); })
            .QuickCheckThrowOnFailure();

    [Fact]
    public void The_rule_is_right_and_so_is_its_second_derivative() =>
        Prop.ForAll(Cases.Points(-5, 5), x => { Checks.UnaryRule(new GuideLogCosh(), x).ThrowIfFailed(); })
            .QuickCheckThrowOnFailure();

    [Fact]
    public void The_norm_primitive_has_a_right_VJP_rule() =>
        Checks.VjpRule(Norm, NormVjp, [3.0, -4.0, 1.5], [0.5]).ThrowIfFailed();

    [Fact]
    public void A_tensor_function_is_right_on_well_conditioned_matrices() =>
        Prop.ForAll(Arb.From(MatrixCases.WellConditioned(3)),
                a => { GradCheck.Tensor(x => x.MatMul(x).Tanh(), a.Tensor).ThrowIfFailed(); })
            .QuickCheckThrowOnFailure();

    [Fact]
    public void Random_programs_differentiate_the_same_in_every_mode() =>
        Prop.ForAll(Programs.Scalar, c => { GradCheck.Scalar(c.Scalar, c.Scalar, c.Scalar, c.Point).ThrowIfFailed(); })
            .QuickCheckThrowOnFailure();

    public static double[] Norm(double[] x) => [Math.Sqrt(x.Sum(e => e * e))];

    public static double[] NormVjp(ReadOnlySpan<double> u, ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var xBar = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
            xBar[i] = u[0] * x[i] / y[0];
        return xBar;
    }
}
