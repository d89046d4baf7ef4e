using System.Numerics;
using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;

namespace Autodiff.Properties.Forward;

/// <summary>
/// <see cref="HyperDual{T}"/> against the nested dual numbers it abbreviates: a + b ε₁ + c ε₂ + d ε₁ε₂ is
/// (a + c ε₂) + (b + d ε₂) ε₁, a <c>Dual&lt;Dual&lt;T&gt;&gt;</c>, whose arithmetic is the first-order rules applied
/// twice. The parts are drawn with zeros, infinities and NaN among them, so the zero-wins paths (0 · ∞ = 0 in the
/// chain rule, <see cref="ChainRule"/>) are held to the nested numbers' as well as the plain ones.
/// </summary>
/// <remarks>
/// The rule-table functions too are drawn at their poles and outside their domains (ln at 0, √ of a negative number):
/// there the nested numbers compute f″(a)·c through the rule's f′ on the dual number a + c ε₂, whose quotient rule
/// divides the zero tangent c = 0 by a zero or NaN value, and agree with HyperDual's zero-wins parts because that
/// division is zero-wins too (<see cref="ChainRule.Over{T}"/>: (0 − q·0)/0 = 0).
/// </remarks>
public sealed class HyperDualArithmeticTests
{
    private static readonly Gen<double> Part = Gen.OneOf(
        Cases.In(-4, 4), Cases.In(-4, 4), Cases.In(-4, 4), Gen.Constant(0.0), Gen.Constant(0.0),
        Gen.Elements(double.PositiveInfinity, double.NegativeInfinity, double.NaN));

    private static readonly Arbitrary<double[]> Parts = Arb.From(Part.ArrayOf(8));

    // The operations, each written once and run on both number types.
    private static T Product<T>(T x, T y) where T : IFloatingPointIeee754<T> => x * y;
    private static T Quotient<T>(T x, T y) where T : IFloatingPointIeee754<T> => x / y;
    private static T SumAndDifference<T>(T x, T y) where T : IFloatingPointIeee754<T> => (x + y) * (x - y);
    private static T Sqrt<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Sqrt(x) * y;
    private static T Log<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Log(x) / y;
    private static T Sin<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Sin(x * y);
    private static T Atan2<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Atan2(x, y);
    private static T Pow<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Pow(x, y);
    private static T Hypot<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Hypot(x, y);

    private static readonly Dictionary<string, (Func<HyperDual<double>, HyperDual<double>, HyperDual<double>> Hyper,
        Func<Dual<Dual<double>>, Dual<Dual<double>>, Dual<Dual<double>>> Nested)> Operations = new()
    {
        ["x · y"] = (Product, Product),
        ["x / y"] = (Quotient, Quotient),
        ["(x + y)(x − y)"] = (SumAndDifference, SumAndDifference),
        ["√x · y"] = (Sqrt, Sqrt),
        ["ln x / y"] = (Log, Log),
        ["sin(x y)"] = (Sin, Sin),
        ["atan2(x, y)"] = (Atan2, Atan2),
        ["xʸ"] = (Pow, Pow),
        ["hypot(x, y)"] = (Hypot, Hypot),
    };

    public static TheoryData<string> Names => [.. Operations.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_part_equals_the_nested_dual_numbers_including_zeros_and_infinities(string name)
    {
        (var onHyper, var onNested) = Operations[name];
        Verify.ForAll(Parts, p =>
        {
            HyperDual<double> x = new(p[0], p[1], p[2], p[3]), y = new(p[4], p[5], p[6], p[7]);
            Same(onNested(Nested(x), Nested(y)), onHyper(x, y), $"{name} at x = {x}, y = {y}");
        });
    }

    [Fact]
    public void Equals_compares_every_part()
    {
        var a = new HyperDual<double>(1, 2, 3, 4);
        Assert.True(a.Equals(new HyperDual<double>(1, 2, 3, 4)));
        Assert.False(a.Equals(new HyperDual<double>(0, 2, 3, 4)));
        Assert.False(a.Equals(new HyperDual<double>(1, 0, 3, 4)));
        Assert.False(a.Equals(new HyperDual<double>(1, 2, 0, 4)));
        Assert.False(a.Equals(new HyperDual<double>(1, 2, 3, 0)));
    }

    private static Dual<Dual<double>> Nested(HyperDual<double> h) => new(new(h.Value, h.E2), new(h.E1, h.E1E2));

    // Finite parts to rounding (the two sum the same terms, some grouped differently); ±∞ and NaN exactly.
    private static void Same(Dual<Dual<double>> expected, HyperDual<double> actual, string what)
    {
        Tolerance.AssertClose(expected.Value.Value, actual.Value, Tolerance.Exact, what + ": value");
        Tolerance.AssertClose(expected.Tangent.Value, actual.E1, Tolerance.Exact, what + ": ε₁ part");
        Tolerance.AssertClose(expected.Value.Tangent, actual.E2, Tolerance.Exact, what + ": ε₂ part");
        Tolerance.AssertClose(expected.Tangent.Tangent, actual.E1E2, Tolerance.Exact, what + ": ε₁ε₂ part");
    }
}
