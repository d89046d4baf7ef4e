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
/// The rule-table functions are compared with values inside their domains (tangent parts still drawn with zeros and
/// infinities). At a pole or outside the domain the two differ, and the nested numbers are the ones that break the
/// convention: they compute f″(a)·c through the rule's f′ on the dual number a + c ε₂, whose quotient rule divides
/// the zero tangent c = 0 by a zero or NaN value, (0 − q·0)/a = NaN (ln at 0: f′ = 1/x at 0 + 0ε; √ of a negative
/// number), where HyperDual lets the zero c win and answers 0. The quotient rule's own division, (b − q d)/c, is not a
/// zero-wins product yet, in <c>Dual</c>, <c>HyperDual</c> and the nested numbers alike: the constant
/// (1 + 0ε)/(0 + 0ε) has tangent (0 − ∞·0)/0 = NaN, not 0. A known gap, left for its own change (the arithmetic operations, drawn with zero values, agree
/// because they share it).
/// </remarks>
public sealed class HyperDualArithmeticTests
{
    private static readonly Gen<double> Part = Gen.OneOf(
        Cases.In(-4, 4), Cases.In(-4, 4), Cases.In(-4, 4), Gen.Constant(0.0), Gen.Constant(0.0),
        Gen.Elements(double.PositiveInfinity, double.NegativeInfinity, double.NaN));

    // The rule-table functions' values inside every domain (x > 0, finite): see the remarks.
    private static readonly Gen<double> DomainValue = Cases.In(0.25, 4);

    private static readonly Arbitrary<double[]> Parts = Arb.From(Part.ArrayOf(8));

    private static readonly Arbitrary<double[]> PartsInTheDomains = Arb.From(
        from x in DomainValue
        from y in DomainValue
        from rest in Part.ArrayOf(6)
        select new[] { x, rest[0], rest[1], rest[2], y, rest[3], rest[4], rest[5] });

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
        Func<Dual<Dual<double>>, Dual<Dual<double>>, Dual<Dual<double>>> Nested, bool Arithmetic)> Operations = new()
    {
        ["x · y"] = (Product, Product, true),
        ["x / y"] = (Quotient, Quotient, true),
        ["(x + y)(x − y)"] = (SumAndDifference, SumAndDifference, true),
        ["√x · y"] = (Sqrt, Sqrt, false),
        ["ln x / y"] = (Log, Log, false),
        ["sin(x y)"] = (Sin, Sin, false),
        ["atan2(x, y)"] = (Atan2, Atan2, false),
        ["xʸ"] = (Pow, Pow, false),
        ["hypot(x, y)"] = (Hypot, Hypot, false),
    };

    public static TheoryData<string> Names => [.. Operations.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_part_equals_the_nested_dual_numbers_including_zeros_and_infinities(string name)
    {
        (var onHyper, var onNested, bool arithmetic) = Operations[name];
        Verify.ForAll(arithmetic ? Parts : PartsInTheDomains, p =>
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
