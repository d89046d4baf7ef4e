using System.Globalization;
using System.Numerics;
using Autodiff.Properties.Support;

namespace Autodiff.Properties.Forward;

/// <summary>
/// The documented conventions: kinks and singular points, zero tangents, branches, comparisons, equality,
/// nesting, and the calculus-free members of generic math.
/// </summary>
public sealed class ConventionTests
{
    private static T Sqrt<T>(T x) where T : IFloatingPointIeee754<T> => T.Sqrt(x);
    private static T Abs<T>(T x) where T : IFloatingPointIeee754<T> => T.Abs(x);
    private static T Log<T>(T x) where T : IFloatingPointIeee754<T> => T.Log(x);
    private static T Square<T>(T x) where T : IFloatingPointIeee754<T> => T.Pow(x, T.CreateChecked(2));
    private static T Floor<T>(T x) where T : IFloatingPointIeee754<T> => T.Floor(x) * x;
    private static T Remainder<T>(T x) where T : IFloatingPointIeee754<T> => x % T.CreateChecked(0.75);
    private static T Ieee754Remainder<T>(T x) where T : IFloatingPointIeee754<T> => T.Ieee754Remainder(x, T.CreateChecked(0.75));
    private static T ScaleB<T>(T x) where T : IFloatingPointIeee754<T> => T.ScaleB(x, 3);
    private static T Fma<T>(T x) where T : IFloatingPointIeee754<T> => T.FusedMultiplyAdd(x, x, T.Sin(x));

    [Fact]
    public void Singular_points_follow_IEEE_arithmetic()
    {
        Assert.Equal(double.PositiveInfinity, Autodiff.Forward.Derivative(Sqrt, 0.0));
        Assert.Equal(double.NegativeInfinity, Autodiff.Forward.ValueAndDerivative(Log, 0.0).Value);
        Assert.Equal(double.PositiveInfinity, Autodiff.Forward.Derivative(Log, 0.0));
        Assert.True(double.IsNaN(Autodiff.Forward.ValueAndDerivative(Log, -1.0).Value));
    }

    [Fact]
    public void Abs_has_derivative_sign_x_and_zero_at_the_kink()
    {
        Assert.Equal(0.0, Autodiff.Forward.Derivative(Abs, 0.0));
        Assert.Equal(-1.0, Autodiff.Forward.Derivative(Abs, -2.0));
        Assert.Equal(1.0, Autodiff.Forward.Derivative(Abs, 3.0));
        Assert.Equal(0.0, Autodiff.Forward.SecondDerivative(Abs, -2.0));
        Assert.True(double.IsNaN(Autodiff.Forward.Derivative(Abs, double.NaN)));
    }

    [Fact]
    public void Relu_has_derivative_zero_at_the_kink_and_keeps_NaN()
    {
        Assert.Equal(0.0, Autodiff.Forward.Derivative(Activation.Relu, 0.0));
        Assert.Equal(0.0, Autodiff.Forward.Derivative(Activation.Relu, -0.5));
        Assert.Equal(1.0, Autodiff.Forward.Derivative(Activation.Relu, 0.5));
        Assert.True(double.IsNaN(Activation.Relu(double.NaN)));
        Assert.Equal(0.0, Autodiff.Reverse.Grad<double>(x => Activation.Relu(x[0]), [0.0])[0]);
    }

    [Fact]
    public void A_zero_tangent_contributes_zero_even_where_the_partial_is_infinite()
    {
        // √ of a constant 0: the partial 1/(2√0) = ∞ meets a zero tangent.
        Assert.Equal(0.0, Sqrt(Dual<double>.Constant(0)).Tangent);
        Assert.Equal(0.0, Sqrt(HyperDual<double>.Constant(0)).E1E2);
        Assert.Equal(0.0, Sqrt(Taylor<double>.Constant(0))[1]);
        // x² with a constant exponent at x < 0: ∂/∂y = xʸ ln x is NaN, and the exponent's tangent is zero.
        Assert.Equal(-6.0, Autodiff.Forward.Derivative(Square, -3.0));
        Assert.Equal(2.0, Autodiff.Forward.SecondDerivative(Square, -3.0));
        Assert.Equal(new[] { 9.0, -6.0, 1.0, 0.0 }, Autodiff.Forward.Taylor(Square, -3.0, 3));
    }

    [Fact]
    public void A_constant_over_zero_contributes_zero_tangent_in_every_forward_number()
    {
        // x + 1/0: the constant quotient's tangent (0 − ∞·0)/0 is 0 (ChainRule.Over), not NaN, so d/dx is 1.
        Assert.Equal(1.0, Autodiff.Forward.Derivative(PlusOneOverZero, 2.0));
        Assert.Equal(0.0, Autodiff.Forward.SecondDerivative(PlusOneOverZero, 2.0));
        Assert.Equal(new[] { double.PositiveInfinity, 1.0, 0.0, 0.0 }, Autodiff.Forward.Taylor(PlusOneOverZero, 2.0, 3));
        Assert.Equal(new[] { 1.0, 1.0 }, Autodiff.Forward.GradientChunked<double>(x => PlusOneOverZero(x[0]) + x[1], [2.0, 3.0]));
        // A Taylor series whose higher coefficients are stored zeros, over a constant zero: every quotient coefficient
        // after the first is 0 / 0 → 0.
        Taylor<double> storedZeros = Taylor<double>.Variable(2.0, 3) * Taylor<double>.Constant(0);
        Taylor<double> quotient = Taylor<double>.Constant(1) / storedZeros;
        Assert.Equal(double.PositiveInfinity, quotient[0]);
        Assert.Equal([0.0, 0.0, 0.0], new[] { quotient[1], quotient[2], quotient[3] });
    }

    private static T PlusOneOverZero<T>(T x) where T : IFloatingPointIeee754<T> => x + T.One / T.Zero;

    [Fact]
    public void Branches_follow_the_value_and_differentiate_the_branch_taken()
    {
        static T Relu<T>(T x) where T : IFloatingPointIeee754<T> => x > T.Zero ? x : T.Zero;
        static T Max<T>(T x) where T : IFloatingPointIeee754<T> => T.Max(x * x, T.CreateChecked(4) * x);
        static T Min<T>(T x) where T : IFloatingPointIeee754<T> => T.Min(x * x, T.CreateChecked(4) * x);
        Assert.Equal(1.0, Autodiff.Forward.Derivative(Relu, 2.0));
        Assert.Equal(0.0, Autodiff.Forward.Derivative(Relu, -2.0));
        Assert.Equal(10.0, Autodiff.Forward.Derivative(Max, 5.0));
        Assert.Equal(4.0, Autodiff.Forward.Derivative(Max, 1.0));
        Assert.Equal(4.0, Autodiff.Forward.Derivative(Min, 5.0));
        Assert.Equal(2.0, Autodiff.Forward.Derivative(Min, 1.0));
    }

    [Fact]
    public void Magnitude_selections_keep_the_chosen_derivative()
    {
        var a = new Dual<double>(-3, 1);
        var b = new Dual<double>(2, 5);
        Assert.Equal(a, Select(a, b, Pick.MaxMagnitude));
        Assert.Equal(b, Select(a, b, Pick.MinMagnitude));
        Assert.Equal(a, Select(a, b, Pick.MaxMagnitudeNumber));
        Assert.Equal(b, Select(a, b, Pick.MinMagnitudeNumber));
        Assert.Equal(b, Select(a, b, Pick.MaxNumber));
        Assert.Equal(a, Select(a, b, Pick.MinNumber));
        var nan = new Dual<double>(double.NaN, 7);
        Assert.Equal(nan, Select(nan, b, Pick.Max));
        Assert.Equal(b, Select(nan, b, Pick.MaxNumber));
    }

    private enum Pick { Max, MaxNumber, MinNumber, MaxMagnitude, MinMagnitude, MaxMagnitudeNumber, MinMagnitudeNumber }

    private static T Select<T>(T x, T y, Pick pick) where T : IFloatingPointIeee754<T> => pick switch
    {
        Pick.Max => T.Max(x, y),
        Pick.MaxNumber => T.MaxNumber(x, y),
        Pick.MinNumber => T.MinNumber(x, y),
        Pick.MaxMagnitude => T.MaxMagnitude(x, y),
        Pick.MinMagnitude => T.MinMagnitude(x, y),
        Pick.MaxMagnitudeNumber => T.MaxMagnitudeNumber(x, y),
        _ => T.MinMagnitudeNumber(x, y),
    };

    [Fact]
    public void Piecewise_linear_members_have_the_derivative_of_their_piece() =>
        Verify.ForAll(Cases.Points(-4, 4), x =>
        {
            Assert.Equal(Math.Floor(x), Autodiff.Forward.Derivative(Floor, x));
            Assert.Equal(1.0, Autodiff.Forward.Derivative(Remainder, x));
            Assert.Equal(1.0, Autodiff.Forward.Derivative(Ieee754Remainder, x));
            Assert.Equal(8.0, Autodiff.Forward.Derivative(ScaleB, x));
            Tolerance.AssertClose(x % 0.75, Remainder(Dual<double>.Variable(x)).Value, 1e-12, "x % 0.75");
            Tolerance.AssertClose(Math.IEEERemainder(x, 0.75), Ieee754Remainder(Dual<double>.Variable(x)).Value, 1e-12, "IEEE remainder");
            Tolerance.AssertClose(2 * x + Math.Cos(x), Autodiff.Forward.Derivative(Fma, x), 1e-13, "d(x·x + sin x)");
        });

    [Fact]
    public void Comparisons_and_operator_equality_look_at_the_value_while_Equals_is_structural()
    {
        static bool Eq<T>(T a, T b) where T : IFloatingPointIeee754<T> => a == b;
        static bool Less<T>(T a, T b) where T : IFloatingPointIeee754<T> => a < b;
        var a = new Dual<double>(1, 2);
        var b = new Dual<double>(1, 3);
        Assert.True(Eq(a, b));
        Assert.False(a.Equals(b));
        Assert.True(Less(a, new Dual<double>(2, -100)));
        Assert.Equal(-1, ((IComparable<Dual<double>>)a).CompareTo(new Dual<double>(2, 0)));
        Assert.Equal(1, ((IComparable)a).CompareTo(null));
        Assert.Throws<ArgumentException>(() => ((IComparable)a).CompareTo("one"));
        Assert.Equal(new Dual<double>(1, 2).GetHashCode(), a.GetHashCode());
        Assert.False(Dual<double>.IsZero(new Dual<double>(0, 1)));
        Assert.True(Dual<double>.IsZero(new Dual<double>(0, 0)));
        Assert.False(HyperDual<double>.IsZero(new HyperDual<double>(0, 0, 0, 1)));
        Assert.False(Taylor<double>.IsZero(Taylor<double>.Variable(0, 2)));
        Assert.True(Taylor<double>.IsZero(Taylor<double>.Constant(0)));
    }

    [Fact]
    public void Nested_duals_give_the_same_second_derivative_as_HyperDual() =>
        Verify.ForAll(Cases.Points(-1.5, 1.5), x =>
        {
            double nested = Autodiff.Forward.Derivative(y => Autodiff.Forward.Derivative(SeedExamples.Backprop, y), x);
            Tolerance.AssertClose(Autodiff.Forward.SecondDerivative(SeedExamples.Backprop, x), nested, Tolerance.ExactSecond, "d/dx d/dx f");
        });

    [Fact]
    public void Constants_conversions_and_parsing_make_constants()
    {
        static T Two<T>() where T : IFloatingPointIeee754<T> => T.CreateChecked(2.5f);
        Assert.Equal(new Dual<double>(2.5, 0), Two<Dual<double>>());
        Assert.Equal(Taylor<double>.Constant(2.5), Two<Taylor<double>>());
        Assert.Equal(new Dual<Dual<double>>(new(2.5, 0), new(0, 0)), Two<Dual<Dual<double>>>());
        Assert.Equal(3, int.CreateChecked(new Dual<double>(3.7, 1)));
        Assert.Equal(3.7, double.CreateChecked(new Dual<double>(3.7, 1)));
        Assert.Equal(new Dual<double>(1.25, 0), Parse<Dual<double>>("1.25"));
        Assert.True(TryParse("-4", out Dual<double> parsed));
        Assert.Equal(new Dual<double>(-4, 0), parsed);
        Assert.False(TryParse("four", out Dual<double> _));
        Assert.Equal(new HyperDual<double>(Math.PI, 0, 0, 0), Pi<HyperDual<double>>());
    }

    private static T Parse<T>(string s) where T : IFloatingPointIeee754<T> => T.Parse(s, CultureInfo.InvariantCulture);

    private static bool TryParse<T>(string s, out T value) where T : IFloatingPointIeee754<T> =>
        T.TryParse(s, CultureInfo.InvariantCulture, out value!);

    private static T Pi<T>() where T : IFloatingPointIeee754<T> => T.Pi;

    [Fact]
    public void ToString_shows_every_part()
    {
        Assert.Equal("1.5 + 2ε", new Dual<double>(1.5, 2).ToString());
        Assert.Equal("1 + 2ε₁ + 3ε₂ + 4ε₁ε₂", new HyperDual<double>(1, 2, 3, 4).ToString());
        Assert.Equal("1 + 1t + 0t^2 + O(t^3)", Taylor<double>.Variable(1, 2).ToString());
        Assert.Equal("7", Taylor<double>.Constant(7).ToString());
        Assert.Equal("1.50 + 2.00ε", $"{new Dual<double>(1.5, 2):F2}");
    }
}
