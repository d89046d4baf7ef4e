using Autodiff.Rules;
using FsCheck;
using FsCheck.Fluent;
using Interval = Autodiff.Rules.Interval;

namespace Autodiff.Testing;

/// <summary>A rule-table function at a point of its domain; prints as "sin at 0.25" in a counterexample.</summary>
public sealed record UnaryCase(UnaryEntry Entry, double X)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Entry.Name} at x = {X:R}";
}

/// <summary>A binary rule-table function at a point of its domain.</summary>
public sealed record BinaryCase(BinaryEntry Entry, double X, double Y)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Entry.Name} at (x, y) = ({X:R}, {Y:R})";
}

/// <summary>FsCheck generators of inputs: points of intervals, with shrinking towards the interval's midpoint.</summary>
public static class Cases
{
    private const int Resolution = 1 << 20;

    /// <summary>Uniform points of [min, max].</summary>
    public static Gen<double> In(double min, double max) =>
        Gen.Choose(0, Resolution).Select(i => min + (max - min) * i / Resolution);

    /// <summary>Uniform points of an interval.</summary>
    public static Gen<double> In(Interval domain) => In(domain.Min, domain.Max);

    /// <summary>Points of [min, max] that shrink towards its midpoint.</summary>
    public static Arbitrary<double> Points(double min, double max) =>
        Arb.From(In(min, max), x => ShrinkTowards(x, (min + max) / 2));

    /// <summary>Points of a rule-table function's domain.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    public static Arbitrary<UnaryCase> Of(UnaryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Arb.From(In(entry.Domain).Select(x => new UnaryCase(entry, x)),
            c => ShrinkTowards(c.X, (entry.Domain.Min + entry.Domain.Max) / 2).Select(x => c with { X = x }));
    }

    /// <summary>Any unary function of the <see cref="RuleTable"/> at a point of its domain.</summary>
    public static Arbitrary<UnaryCase> AnyUnary =>
        Arb.From(Gen.Elements(RuleTable.Unary.ToArray()).SelectMany(entry => In(entry.Domain).Select(x => new UnaryCase(entry, x))));

    /// <summary>Points of a binary rule-table function's domain.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    public static Arbitrary<BinaryCase> Of(BinaryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Arb.From(In(entry.XDomain).Zip(In(entry.YDomain), (x, y) => new BinaryCase(entry, x, y)));
    }

    /// <summary>Vectors of the given length with entries in [min, max].</summary>
    public static Arbitrary<double[]> Vectors(int length, double min, double max) =>
        Arb.From(Gen.ArrayOf(In(min, max), length));

    private static IEnumerable<double> ShrinkTowards(double x, double target)
    {
        if (x == target)
            yield break;
        yield return target;
        yield return target + (x - target) / 2;
    }
}
