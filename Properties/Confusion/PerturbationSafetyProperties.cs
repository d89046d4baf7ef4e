using System.Numerics;
using Autodiff.Properties.RandomPrograms;
using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Confusion;

using Forward = Autodiff.Forward;

/// <summary>
/// Perturbation confusion, on random programs, for every number type and every combinator that seeds numbers: an
/// outer variable a captured by an inner differentiation. Written the wrong way (the inner one on the same type as the
/// outer) every case throws; written the right way (the inner one on the nested type) it gives
/// d/da [a · C(a·φ)] = 2a · C(φ), with C(φ) computed on its own, since every derivative operator C is linear.
/// </summary>
/// <remarks>φ is the random program restricted to a line, φ(t) = f(x + t v), differentiated at t = 0, or f itself.</remarks>
public sealed class PerturbationSafetyProperties
{
    private const double A = 1.25; // the outer point a₀

    // φ(t) = f(x + t v) on any number type.
    private static T Line<T>(ProgramCase c, T t) where T : IFloatingPointIeee754<T>
    {
        var p = new T[c.Inputs];
        for (int k = 0; k < p.Length; k++)
            p[k] = T.CreateChecked(c.Point[k]) + T.CreateChecked(c.Direction[k]) * t;
        return c.Scalar<T>(p);
    }

    private static T[] Constants<T>(double[] values) where T : IFloatingPointIeee754<T> =>
        Array.ConvertAll(values, T.CreateChecked);

    private static void Confused(Action wrong) =>
        Assert.Contains("Perturbation confusion", Assert.Throws<InvalidOperationException>(wrong).Message);

    // The confused form either throws or, where no operation mixed the two differentiations, answers the right number.
    private static void NeverWrong(Func<double> wrong, double right)
    {
        double answer;
        try
        {
            answer = wrong();
        }
        catch (InvalidOperationException e) when (e.Message.Contains("Perturbation confusion"))
        {
            return;
        }
        AssertClose(right, answer, ExactSecond, "a confused nesting that did not throw");
    }

    [Fact]
    public void Dual_inside_dual() => Verify.ForAll(Programs.Scalar, c =>
    {
        Confused(() => Forward.Derivative<double>(a => a * Forward.Derivative<double>(t => a * Line(c, t), 0.0), A));
        double right = Forward.Derivative<double>(a => a * Forward.Derivative<Dual<double>>(t => a * Line(c, t), 0.0), A);
        AssertClose(2 * A * Forward.Derivative<double>(t => Line(c, t), 0.0), right, Exact, "d/da a·D(aφ)");
    });

    [Fact]
    public void Curve_derivative_inside_dual() => Verify.ForAll(Programs.Scalar, c =>
    {
        Confused(() => Forward.Derivative<double>(a => a * Forward.Derivative<double>(t => [a * Line(c, t), t], 0.0)[0], A));
        double right = Forward.Derivative<double>(a => a * Forward.Derivative<Dual<double>>(t => [a * Line(c, t), t], 0.0)[0], A);
        AssertClose(2 * A * Forward.Derivative<double>(t => Line(c, t), 0.0), right, Exact, "d/da a·D(aφ) through a curve");
    });

    [Fact]
    public void In_place_Jacobian_inside_dual() => Verify.ForAll(Programs.Scalar, c =>
    {
        Confused(() => Forward.Derivative<double>(a =>
        {
            var jacobian = new double[1];
            Forward.Jacobian<double>((t, y) => y[0] = a * Line(c, t[0]), [0.0], new double[1], jacobian);
            return a * jacobian[0];
        }, A));
        double right = Forward.Derivative<double>(a =>
        {
            var jacobian = new Dual<double>[1];
            Forward.Jacobian<Dual<double>>((t, y) => y[0] = a * Line(c, t[0]), [0.0], new Dual<double>[1], jacobian);
            return a * jacobian[0];
        }, A);
        AssertClose(2 * A * Forward.Derivative<double>(t => Line(c, t), 0.0), right, Exact, "d/da a·∂(aφ) in place");
    });

    [Fact]
    public void Hyper_dual_inside_hyper_dual() => Verify.ForAll(Programs.Scalar, c =>
    {
        Confused(() => Forward.SecondDerivative<double>(a => a * Forward.SecondDerivative<double>(t => a * Line(c, t), 0.0), A));
        Confused(() => Forward.SecondDerivative<double>(a => a * Forward.Hessian<double>(x => a * c.Scalar(x), c.Point)[0, 0], A));
        // g(a) = a²·φ″(0), so g″ = 2φ″(0).
        double right = Forward.SecondDerivative<double>(a => a * Forward.SecondDerivative<HyperDual<double>>(t => a * Line(c, t), 0.0), A);
        AssertClose(2 * Forward.SecondDerivative<double>(t => Line(c, t), 0.0), right, ExactSecond, "d²/da² a·D²(aφ)");
    });

    [Fact]
    public void Taylor_inside_Taylor() => Verify.ForAll(Programs.Scalar, c =>
    {
        Confused(() => Forward.Taylor<double>(a => a * Forward.Taylor<double>(t => a * Line(c, t), 0.0, 2)[2], A, 2));
        // g(a) = a²·c₂(φ): its coefficient of order 1 at a₀ is 2a₀·c₂(φ).
        double right = Forward.Taylor<double>(a => a * Forward.Taylor<Taylor<double>>(t => a * Line(c, t), 0.0, 2)[2], A, 2)[1];
        AssertClose(2 * A * Forward.Taylor<double>(t => Line(c, t), 0.0, 2)[2], right, ExactSecond, "Taylor of a·c₂(aφ)");
    });

    [Fact]
    public void Every_forward_vector_combinator() => Verify.ForAll(Programs.Scalar, c =>
    {
        double[] x = c.Point, v = c.Direction;
        Confused(() => Forward.Derivative<double>(a => a * Forward.Gradient<double>(y => a * c.Scalar(y), x)[0], A));
        Confused(() => Forward.Derivative<double>(a => a * Forward.DirectionalDerivative<double>(y => a * c.Scalar(y), x, v), A));
        Confused(() => Forward.Derivative<double>(a => a * Forward.Jvp<double>(y => [a * c.Scalar(y)], x, v).Tangent[0], A));
        Confused(() => Forward.Derivative<double>(a => a * Forward.Jacobian<double>(y => [a * c.Scalar(y)], x)[0, 0], A));
        Dual<double>[] xd = Constants<Dual<double>>(x), vd = Constants<Dual<double>>(v);
        double right = Forward.Derivative<double>(a => a * Forward.DirectionalDerivative<Dual<double>>(y => a * c.Scalar(y), xd, vd), A);
        AssertClose(2 * A * Forward.DirectionalDerivative<double>(c.Scalar, x, v), right, Exact, "d/da a·∇(af)v");
    });

    [Fact]
    public void Every_second_order_combinator_that_seeds_duals() => Verify.ForAll(Programs.Scalar, c =>
    {
        double[] x = c.Point, v = c.Direction;
        // A reverse sweep reads an inner tangent only through operations on the inner variables, which throw when
        // they meet the outer one; a program that ignores its inputs meets nothing, and its zero answer is right.
        NeverWrong(() => Forward.Derivative<double>(a => a * Hessian.Hvp<double>(y => a * c.Scalar(y), x, v)[0], A),
            2 * A * Hessian.Hvp(c.Scalar, x, v)[0]);
        // (HvpReverseOverForward runs on Dual<Tracked<double>>, to which no outer Dual<double> converts: a type error.)
        double h00 = Forward.Hessian(c.Scalar, x)[0, 0];
        NeverWrong(() => Forward.Derivative<double>(a => a * Hessian.Dense<double>(y => a * c.Scalar(y), x)[0, 0], A), 2 * A * h00);
        NeverWrong(() => Forward.Derivative<double>(a => a * Hessian.OfVectorFunction<double>(y => [a * c.Scalar(y)], x)[0, 0, 0], A), 2 * A * h00);
        NeverWrong(() => Forward.Derivative<double>(a => a * Newton.GradientAndHessian<double>(y => a * c.Scalar(y), x).Hessian[0, 0], A), 2 * A * h00);
        NeverWrong(() => Forward.Derivative<double>(a => a * Curvature.HutchinsonTrace<double>(y => a * c.Scalar(y), x, 1), A),
            2 * A * Curvature.HutchinsonTrace(c.Scalar, x, 1));
        Confused(() => Forward.Taylor<double>(a => a * Hessian.DirectionalDerivative<double>(y => a * c.Scalar(y), x, v, 2), A, 1));
        // Right: the inner HVP on the nested type, (Hv)₀ of a·f is a·(Hv)₀ of f.
        Dual<double>[] xd = Constants<Dual<double>>(x), vd = Constants<Dual<double>>(v);
        double right = Forward.Derivative<double>(a =>
            a * Hessian.Hvp<Dual<double>>(y => (Tracked<Dual<Dual<double>>>)(Dual<Dual<double>>)a * c.Scalar(y), xd, vd)[0], A);
        AssertClose(2 * A * Hessian.Hvp(c.Scalar, x, v)[0], right, ExactSecond, "d/da a·(H(af)v)₀");
    });

    [Fact]
    public void A_result_that_depends_only_on_the_outer_variable_is_caught_at_the_inner_exit()
    {
        // d/dx [x · d/dy (x·x)] = 0: the inner function ignores y, so no operation ever mixes the two tags.
        Confused(() => Forward.Derivative<double>(x => x * Forward.Derivative<double>(y => x * x, 3.0), 1.0));
        Confused(() => Forward.SecondDerivative<double>(x => x * Forward.SecondDerivative<double>(y => x * x, 3.0), 1.0));
        Confused(() => Forward.Taylor<double>(x => x * Forward.Taylor<double>(y => x * x, 1.0, 1)[1], 1.0, 1));
        Assert.Equal(0.0, Forward.Derivative<double>(x => x * Forward.Derivative<Dual<double>>(y => x * x, 3.0), 1.0));
    }

    [Fact]
    public void A_number_kept_from_a_finished_differentiation_is_caught()
    {
        Dual<double> kept = default;
        HyperDual<double> keptHyper = default;
        Taylor<double> keptSeries = default;
        Forward.Derivative<double>(x => kept = x * 2, 3.0);
        Forward.SecondDerivative<double>(x => keptHyper = x * x, 3.0);
        Forward.Taylor<double>(x => keptSeries = x * x, 3.0, 2);
        Confused(() => Forward.Derivative<double>(x => kept, 1.0));
        Confused(() => Forward.Derivative<double>(x => x * kept, 1.0));
        Confused(() => Forward.SecondDerivative<double>(x => keptHyper, 1.0));
        Confused(() => Forward.Taylor<double>(x => keptSeries + 1.0, 1.0, 2));
    }

    /// <summary>Both messages say what happened and what to write instead: the nested type, or the transforms.</summary>
    [Fact]
    public void The_messages_say_what_happened_and_what_to_write_instead()
    {
        // x · y with x the outer variable: two differentiations meet in one operation.
        Refusals.Refused<InvalidOperationException>(null,
            () => Forward.Derivative<double>(x => x * Forward.Derivative<double>(y => x * y, 3.0), 1.0),
            "two different forward differentiations met in one operation",
            "Forward.Derivative<Dual<double>>(…) inside Forward.Derivative<double>(…)",
            "composable transforms (Transforms.Derivative(f))", "pick the nested types themselves");
        // The inner function returns x · x: nothing met, but its result carries the outer perturbation.
        Refusals.Refused<InvalidOperationException>(null,
            () => Forward.Derivative<double>(x => x * Forward.Derivative<double>(y => x * x, 3.0), 1.0),
            "returned a number carrying another differentiation's perturbation",
            "captured the variable of an outer differentiation of the same number type, or kept a value",
            "from a differentiation that has finished", "so its tangent is not this derivative",
            "Forward.Derivative<Dual<double>>(…) inside Forward.Derivative<double>(…)), and do not",
            "keep numbers of one differentiation for another");
    }

    [Fact]
    public void Tags_stay_distinct_past_two_to_the_32nd_differentiations()
    {
        // A 32-bit counter wraps to 0 (“untagged”) after 2³² differentiations; move the counter there and check.
        var counter = typeof(Dual<double>).Assembly.GetType("Autodiff.Perturbation")!
            .GetField("s_last", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        if ((long)counter.GetValue(null)! < uint.MaxValue)
            counter.SetValue(null, (long)uint.MaxValue - 1);
        for (int k = 0; k < 4; k++)
        {
            Confused(() => Forward.Derivative<double>(x => x * Forward.Derivative<double>(y => x + y, 1.0), 1.0));
            Assert.Equal(1.0, Forward.Derivative<double>(x => x * Forward.Derivative<Dual<double>>(y => x + y, 1.0), 1.0));
        }
    }

    [Fact]
    public void Hand_made_numbers_and_constants_combine_with_any_differentiation()
    {
        Assert.Equal(3.0, Forward.Derivative<double>(x => x * new Dual<double>(3, 0) + Dual<double>.Constant(1), 2.0));
        Assert.Equal(2.0, Forward.SecondDerivative<double>(x => x * x + new HyperDual<double>(1, 0, 0, 0), 2.0));
        Assert.Equal(1.0, Forward.Taylor<double>(x => x * x + new Taylor<double>([1.0, 0.0, 0.0]), 1.0, 2)[2]);
    }
}
