using System.Numerics;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Autodiff.Rules;

/// <summary>A closed interval [Min, Max] of inputs on which a function is smooth and well conditioned.</summary>
public readonly record struct Interval(double Min, double Max);

/// <summary>A differentiable function ℝ² → ℝ written once generically.</summary>
public interface IBinaryFunction
{
    /// <summary>The function itself, z = f(x, y).</summary>
    T F<T>(T x, T y) where T : IFloatingPointIeee754<T>;
}

/// <summary>One row of the table: a unary function users call and the inputs on which it is smooth.</summary>
public sealed record UnaryEntry(string Name, IUnaryFunction Function, Interval Domain);

/// <summary>One row of the table: a binary function or operator and the inputs on which it is smooth.</summary>
public sealed record BinaryEntry(string Name, IBinaryFunction Function, Interval XDomain, Interval YDomain);

/// <summary>
/// Every differentiable function and operator the number types provide, with a domain on which it is smooth, so
/// that the property suite checks every one of them in every mode. Adding a rule means adding its row here.
/// </summary>
public static class RuleTable
{
    // Stryker disable Unary : a domain is a sampling range; flipping a bound's sign leaves a range on which the
    // function is still smooth (or touches a kink with probability ~10⁻⁴), so no property can tell.
    /// <summary>The unary rules, the activation functions, and the .NET defaults composed from rules.</summary>
    public static Seq<UnaryEntry> Unary { get; } = Seq(
        new UnaryEntry("exp", new Exp(), new(-5, 5)),
        new UnaryEntry("exp2", new Exp2(), new(-5, 5)),
        new UnaryEntry("exp10", new Exp10(), new(-2, 2)),
        new UnaryEntry("expm1", new ExpM1(), new(-3, 3)),
        new UnaryEntry("log", new Log(), new(0.1, 10)),
        new UnaryEntry("log2", new Log2(), new(0.1, 10)),
        new UnaryEntry("log10", new Log10(), new(0.1, 10)),
        new UnaryEntry("logp1", new LogP1(), new(-0.9, 10)),
        new UnaryEntry("sqrt", new Sqrt(), new(0.1, 10)),
        new UnaryEntry("cbrt", new Cbrt(), new(0.2, 8)),
        new UnaryEntry("cbrt of a negative", new Cbrt(), new(-8, -0.2)),
        new UnaryEntry("root5", new RootN(5), new(0.2, 8)),
        new UnaryEntry("root3 of a negative", new RootN(3), new(-8, -0.2)),
        new UnaryEntry("sin", new Sin(), new(-5, 5)),
        new UnaryEntry("cos", new Cos(), new(-5, 5)),
        new UnaryEntry("tan", new Tan(), new(-1.3, 1.3)),
        new UnaryEntry("asin", new Asin(), new(-0.9, 0.9)),
        new UnaryEntry("acos", new Acos(), new(-0.9, 0.9)),
        new UnaryEntry("atan", new Atan(), new(-5, 5)),
        new UnaryEntry("sinpi", new SinPi(), new(-2, 2)),
        new UnaryEntry("cospi", new CosPi(), new(-2, 2)),
        new UnaryEntry("tanpi", new TanPi(), new(-0.4, 0.4)),
        new UnaryEntry("asinpi", new AsinPi(), new(-0.9, 0.9)),
        new UnaryEntry("acospi", new AcosPi(), new(-0.9, 0.9)),
        new UnaryEntry("atanpi", new AtanPi(), new(-5, 5)),
        new UnaryEntry("sinh", new Sinh(), new(-3, 3)),
        new UnaryEntry("cosh", new Cosh(), new(-3, 3)),
        new UnaryEntry("tanh", new Tanh(), new(-3, 3)),
        new UnaryEntry("asinh", new Asinh(), new(-5, 5)),
        new UnaryEntry("acosh", new Acosh(), new(1.1, 5)),
        new UnaryEntry("atanh", new Atanh(), new(-0.9, 0.9)),
        new UnaryEntry("abs of a negative", new Abs(), new(-5, -0.1)),
        new UnaryEntry("abs of a positive", new Abs(), new(0.1, 5)),
        new UnaryEntry("sigmoid", new Composed.Sigmoid(), new(-8, 8)),
        new UnaryEntry("softplus", new Composed.Softplus(), new(-8, 8)),
        new UnaryEntry("relu of a negative", new Composed.Relu(), new(-5, -0.1)),
        new UnaryEntry("relu of a positive", new Composed.Relu(), new(0.1, 5)),
        new UnaryEntry("log base 3", new Composed.LogBase3(), new(0.1, 10)),
        new UnaryEntry("exp2m1", new Composed.Exp2M1(), new(-3, 3)),
        new UnaryEntry("exp10m1", new Composed.Exp10M1(), new(-1.5, 1.5)),
        new UnaryEntry("log2p1", new Composed.Log2P1(), new(-0.9, 10)),
        new UnaryEntry("log10p1", new Composed.Log10P1(), new(-0.9, 10)),
        new UnaryEntry("reciprocal", new Composed.Reciprocal(), new(0.1, 10)));

    // Stryker restore Unary
    /// <summary>The binary rules and the four arithmetic operators.</summary>
    public static Seq<BinaryEntry> Binary { get; } = Seq(
        new BinaryEntry("add", new Composed.Add(), new(-5, 5), new(-5, 5)),
        new BinaryEntry("subtract", new Composed.Subtract(), new(-5, 5), new(-5, 5)),
        new BinaryEntry("multiply", new Composed.Multiply(), new(-5, 5), new(-5, 5)),
        new BinaryEntry("divide", new Composed.Divide(), new(-5, 5), new(0.2, 5)),
        new BinaryEntry("pow", new Pow(), new(0.2, 4), new(-3, 3)),
        new BinaryEntry("atan2", new Atan2(), new(0.2, 3), new(-3, 3)),
        new BinaryEntry("atan2pi", new Composed.Atan2Pi(), new(0.2, 3), new(-3, 3)),
        new BinaryEntry("hypot", new Hypot(), new(0.2, 3), new(0.2, 3)));
}
