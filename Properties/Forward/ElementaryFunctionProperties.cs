using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Forward;

/// <summary>
/// Every function of the rule table, in every forward mode, against the others and against finite differences.
/// Dual, HyperDual and Taylor share one rule per function but propagate it by different algebra (tangent product,
/// nested duals, series recurrences), so agreement checks each mode's algebra; the finite differences check the
/// rule itself.
/// </summary>
public sealed class ElementaryFunctionProperties
{
    [Theory, MemberData(nameof(Table.UnaryNames), MemberType = typeof(Table))]
    public void Values_are_those_of_plain_evaluation(string name) =>
        Verify.ForAll(Cases.Of(Table.Unary(name)), c =>
        {
            double plain = c.Entry.Function.F(c.X);
            return plain.Equals(c.Entry.Function.F(Dual<double>.Variable(c.X)).Value)
                && plain.Equals(c.Entry.Function.F(HyperDual<double>.Variable(c.X)).Value)
                && plain.Equals(c.Entry.Function.F(Taylor<double>.Variable(c.X, 4)).Value);
        });

    [Theory, MemberData(nameof(Table.UnaryNames), MemberType = typeof(Table))]
    public void First_derivatives_agree_across_modes(string name) =>
        Verify.ForAll(Cases.Of(Table.Unary(name)), c =>
        {
            double dual = c.Entry.Function.F(Dual<double>.Variable(c.X)).Tangent;
            HyperDual<double> hyper = c.Entry.Function.F(HyperDual<double>.Variable(c.X));
            Taylor<double> taylor = c.Entry.Function.F(Taylor<double>.Variable(c.X, 3));
            AssertClose(dual, hyper.E1, Exact, $"{c}: HyperDual ε₁ vs Dual");
            AssertClose(dual, hyper.E2, Exact, $"{c}: HyperDual ε₂ vs Dual");
            AssertClose(dual, taylor[1], Exact, $"{c}: Taylor c₁ vs Dual");
        });

    [Theory, MemberData(nameof(Table.UnaryNames), MemberType = typeof(Table))]
    public void First_derivative_matches_a_central_difference(string name) =>
        Verify.ForAll(Cases.Of(Table.Unary(name)), c => AssertClose(
            FiniteDifference.First(c.Entry.Function.F, c.X),
            Autodiff.Forward.Derivative(c.Entry.Function.F, c.X),
            FirstDifference, $"{c}: f′ vs five-point difference"));

    [Theory, MemberData(nameof(Table.UnaryNames), MemberType = typeof(Table))]
    public void Second_derivative_agrees_with_Taylor_and_a_second_difference(string name) =>
        Verify.ForAll(Cases.Of(Table.Unary(name)), c =>
        {
            double hyper = Autodiff.Forward.SecondDerivative(c.Entry.Function.F, c.X);
            Taylor<double> taylor = c.Entry.Function.F(Taylor<double>.Variable(c.X, 2));
            AssertClose(hyper, 2 * taylor[2], ExactSecond, $"{c}: HyperDual ε₁ε₂ vs 2·Taylor c₂");
            AssertClose(FiniteDifference.Second(c.Entry.Function.F, c.X), hyper, SecondDifference, $"{c}: f″ vs second difference");
        });

    [Theory, MemberData(nameof(Table.UnaryNames), MemberType = typeof(Table))]
    public void Third_Taylor_coefficient_is_the_derivative_of_the_exact_second(string name) =>
        Verify.ForAll(Cases.Of(Table.Unary(name)), c =>
        {
            double third = 6 * c.Entry.Function.F(Taylor<double>.Variable(c.X, 3))[3];
            double reference = FiniteDifference.First(x => Autodiff.Forward.SecondDerivative(c.Entry.Function.F, x), c.X);
            AssertClose(reference, third, FirstDifference, $"{c}: 3!·c₃ vs difference of f″");
        });

    [Theory, MemberData(nameof(Table.BinaryNames), MemberType = typeof(Table))]
    public void Binary_values_and_partials_agree_with_differences(string name) =>
        Verify.ForAll(Cases.Of(Table.Binary(name)), c =>
        {
            var f = c.Entry.Function;
            Dual<double> dx = f.F(Dual<double>.Variable(c.X), Dual<double>.Constant(c.Y));
            Dual<double> dy = f.F(Dual<double>.Constant(c.X), Dual<double>.Variable(c.Y));
            Assert.Equal(f.F(c.X, c.Y), dx.Value);
            AssertClose(FiniteDifference.First(x => f.F(x, c.Y), c.X), dx.Tangent, FirstDifference, $"{c}: ∂f/∂x");
            AssertClose(FiniteDifference.First(y => f.F(c.X, y), c.Y), dy.Tangent, FirstDifference, $"{c}: ∂f/∂y");
        });

    [Theory, MemberData(nameof(Table.BinaryNames), MemberType = typeof(Table))]
    public void Binary_mixed_second_partial_matches_a_difference_of_the_first(string name) =>
        Verify.ForAll(Cases.Of(Table.Binary(name)), c =>
        {
            var f = c.Entry.Function;
            double mixed = f.F(new HyperDual<double>(c.X, 1, 0, 0), new HyperDual<double>(c.Y, 0, 1, 0)).E1E2;
            double reference = FiniteDifference.First(y => f.F(Dual<double>.Variable(c.X), Dual<double>.Constant(y)).Tangent, c.Y);
            AssertClose(reference, mixed, FirstDifference, $"{c}: ∂²f/∂x∂y");
        });

    [Theory, MemberData(nameof(Table.BinaryNames), MemberType = typeof(Table))]
    public void Binary_directional_second_derivative_agrees_between_HyperDual_and_Taylor(string name) =>
        Verify.ForAll(Cases.Of(Table.Binary(name)), c =>
        {
            var f = c.Entry.Function;
            const double a = 0.6, b = -0.8;
            double hyper = f.F(new HyperDual<double>(c.X, a, a, 0), new HyperDual<double>(c.Y, b, b, 0)).E1E2;
            Taylor<double> t = Taylor<double>.Variable(0, 3);
            Taylor<double> taylor = f.F(c.X + a * t, c.Y + b * t);
            AssertClose(hyper, 2 * taylor[2], ExactSecond, $"{c}: vᵀHv, HyperDual vs 2·Taylor c₂");
            double gradient = f.F(new Dual<double>(c.X, a), new Dual<double>(c.Y, b)).Tangent;
            AssertClose(gradient, taylor[1], Exact, $"{c}: ∇f v, Dual vs Taylor c₁");
        });
}
