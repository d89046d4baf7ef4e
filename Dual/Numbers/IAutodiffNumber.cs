using System.Numerics;
using Autodiff.Rules;

namespace Autodiff;

/// <summary>
/// The contract every number type of this library fulfils: a primal <see cref="Value"/> carrying derivative
/// information, the algebra (+ − × ÷, given by each type), and one generic <c>Lift</c> per arity that turns a
/// rule of <see cref="Rules"/> into an operation of this type. Every elementary function of
/// <see cref="IFloatingPointIeee754{TSelf}"/> is then one line here, shared by all number types.
/// </summary>
/// <typeparam name="TSelf">The number type itself (<c>Dual&lt;T&gt;</c>, <c>HyperDual&lt;T&gt;</c>, <c>Taylor&lt;T&gt;</c>).</typeparam>
/// <typeparam name="T">The type of the primal value and of the derivative parts.</typeparam>
/// <remarks>
/// Conventions shared by all number types:
/// <list type="bullet">
/// <item>Comparisons and <c>==</c> look at the primal value only, so user code that branches
/// (<c>if (x &lt; T.Zero)</c>) takes the branch plain <c>double</c> code takes; the derivative is that of the branch taken.</item>
/// <item>Integer-valued and non-smooth members (Floor, Ceiling, Round, Truncate, Sign, %, ILogB) act on the value
/// and have derivative zero where they are locally constant.</item>
/// <item>A zero tangent contributes zero whatever the local partial: constants never turn a derivative into NaN,
/// even where the partial is infinite (√ at 0) or undefined (ln of a negative base in xʸ with constant y).</item>
/// <item><see cref="INumberBase{TSelf}.IsZero"/> is structural: true only when the value and every derivative part are zero.</item>
/// </list>
/// </remarks>
public partial interface IAutodiffNumber<TSelf, T> : IFloatingPointIeee754<TSelf>
    where TSelf : struct, IAutodiffNumber<TSelf, T>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>The primal value, f(x) itself.</summary>
    T Value { get; }

    /// <summary>A constant: the given value with every derivative part zero.</summary>
    static abstract TSelf Constant(T value);

    /// <summary>Applies a unary rule: the value f(x) and the derivative parts by the chain rule.</summary>
    static abstract TSelf Lift<TRule>(TSelf x, TRule rule) where TRule : struct, IUnaryRule;

    /// <summary>Applies a binary rule: f(x, y) and the derivative parts by the multivariate chain rule.</summary>
    static abstract TSelf Lift<TRule>(TSelf x, TSelf y, TRule rule) where TRule : struct, IBinaryRule;

    // Exponential and logarithmic functions.
    static TSelf IExponentialFunctions<TSelf>.Exp(TSelf x) => TSelf.Lift(x, new Exp());
    static TSelf IExponentialFunctions<TSelf>.Exp2(TSelf x) => TSelf.Lift(x, new Exp2());
    static TSelf IExponentialFunctions<TSelf>.Exp10(TSelf x) => TSelf.Lift(x, new Exp10());
    static TSelf IExponentialFunctions<TSelf>.ExpM1(TSelf x) => TSelf.Lift(x, new ExpM1());
    static TSelf ILogarithmicFunctions<TSelf>.Log(TSelf x) => TSelf.Lift(x, new Log());
    static TSelf ILogarithmicFunctions<TSelf>.Log2(TSelf x) => TSelf.Lift(x, new Log2());
    static TSelf ILogarithmicFunctions<TSelf>.Log10(TSelf x) => TSelf.Lift(x, new Log10());
    static TSelf ILogarithmicFunctions<TSelf>.LogP1(TSelf x) => TSelf.Lift(x, new LogP1());
    static TSelf ILogarithmicFunctions<TSelf>.Log(TSelf x, TSelf newBase) => TSelf.Log(x) / TSelf.Log(newBase);

    // Powers and roots.
    static TSelf IPowerFunctions<TSelf>.Pow(TSelf x, TSelf y) => TSelf.Lift(x, y, new Pow());
    static TSelf IRootFunctions<TSelf>.Sqrt(TSelf x) => TSelf.Lift(x, new Sqrt());
    static TSelf IRootFunctions<TSelf>.Cbrt(TSelf x) => TSelf.Lift(x, new Cbrt());
    static TSelf IRootFunctions<TSelf>.RootN(TSelf x, int n) => TSelf.Lift(x, new RootN(n));
    static TSelf IRootFunctions<TSelf>.Hypot(TSelf x, TSelf y) => TSelf.Lift(x, y, new Hypot());

    // Trigonometric functions.
    static TSelf ITrigonometricFunctions<TSelf>.Sin(TSelf x) => TSelf.Lift(x, new Sin());
    static TSelf ITrigonometricFunctions<TSelf>.Cos(TSelf x) => TSelf.Lift(x, new Cos());
    static TSelf ITrigonometricFunctions<TSelf>.Tan(TSelf x) => TSelf.Lift(x, new Tan());
    static (TSelf Sin, TSelf Cos) ITrigonometricFunctions<TSelf>.SinCos(TSelf x) => (TSelf.Sin(x), TSelf.Cos(x));
    static TSelf ITrigonometricFunctions<TSelf>.Asin(TSelf x) => TSelf.Lift(x, new Asin());
    static TSelf ITrigonometricFunctions<TSelf>.Acos(TSelf x) => TSelf.Lift(x, new Acos());
    static TSelf ITrigonometricFunctions<TSelf>.Atan(TSelf x) => TSelf.Lift(x, new Atan());
    static TSelf ITrigonometricFunctions<TSelf>.SinPi(TSelf x) => TSelf.Lift(x, new SinPi());
    static TSelf ITrigonometricFunctions<TSelf>.CosPi(TSelf x) => TSelf.Lift(x, new CosPi());
    static TSelf ITrigonometricFunctions<TSelf>.TanPi(TSelf x) => TSelf.Lift(x, new TanPi());
    static (TSelf SinPi, TSelf CosPi) ITrigonometricFunctions<TSelf>.SinCosPi(TSelf x) => (TSelf.SinPi(x), TSelf.CosPi(x));
    static TSelf ITrigonometricFunctions<TSelf>.AsinPi(TSelf x) => TSelf.Lift(x, new AsinPi());
    static TSelf ITrigonometricFunctions<TSelf>.AcosPi(TSelf x) => TSelf.Lift(x, new AcosPi());
    static TSelf ITrigonometricFunctions<TSelf>.AtanPi(TSelf x) => TSelf.Lift(x, new AtanPi());
    static TSelf IFloatingPointIeee754<TSelf>.Atan2(TSelf y, TSelf x) => TSelf.Lift(y, x, new Atan2());
    static TSelf IFloatingPointIeee754<TSelf>.Atan2Pi(TSelf y, TSelf x) => TSelf.Atan2(y, x) / TSelf.Pi;

    // Hyperbolic functions.
    static TSelf IHyperbolicFunctions<TSelf>.Sinh(TSelf x) => TSelf.Lift(x, new Sinh());
    static TSelf IHyperbolicFunctions<TSelf>.Cosh(TSelf x) => TSelf.Lift(x, new Cosh());
    static TSelf IHyperbolicFunctions<TSelf>.Tanh(TSelf x) => TSelf.Lift(x, new Tanh());
    static TSelf IHyperbolicFunctions<TSelf>.Asinh(TSelf x) => TSelf.Lift(x, new Asinh());
    static TSelf IHyperbolicFunctions<TSelf>.Acosh(TSelf x) => TSelf.Lift(x, new Acosh());
    static TSelf IHyperbolicFunctions<TSelf>.Atanh(TSelf x) => TSelf.Lift(x, new Atanh());

    // Piecewise-smooth functions: the derivative of the branch taken (see the remarks above for ties and kinks).
    static TSelf INumberBase<TSelf>.Abs(TSelf x) => TSelf.Lift(x, new Abs());
    static TSelf IFloatingPointIeee754<TSelf>.FusedMultiplyAdd(TSelf left, TSelf right, TSelf addend) => left * right + addend;
    static TSelf IFloatingPointIeee754<TSelf>.ScaleB(TSelf x, int n) => x * TSelf.Constant(T.ScaleB(T.One, n));
    static TSelf IFloatingPointIeee754<TSelf>.Ieee754Remainder(TSelf left, TSelf right) =>
        left - right * TSelf.Constant(T.Round(left.Value / right.Value, MidpointRounding.ToEven));
    static TSelf IModulusOperators<TSelf, TSelf, TSelf>.operator %(TSelf left, TSelf right) =>
        left - right * TSelf.Constant(T.Truncate(left.Value / right.Value));
    static TSelf INumber<TSelf>.Max(TSelf x, TSelf y) => Select(T.Max(x.Value, y.Value), x, y);
    static TSelf INumber<TSelf>.Min(TSelf x, TSelf y) => Select(T.Min(x.Value, y.Value), x, y);
    static TSelf INumber<TSelf>.MaxNumber(TSelf x, TSelf y) => Select(T.MaxNumber(x.Value, y.Value), x, y);
    static TSelf INumber<TSelf>.MinNumber(TSelf x, TSelf y) => Select(T.MinNumber(x.Value, y.Value), x, y);
    static TSelf INumberBase<TSelf>.MaxMagnitude(TSelf x, TSelf y) => Select(T.MaxMagnitude(x.Value, y.Value), x, y);
    static TSelf INumberBase<TSelf>.MinMagnitude(TSelf x, TSelf y) => Select(T.MinMagnitude(x.Value, y.Value), x, y);
    static TSelf INumberBase<TSelf>.MaxMagnitudeNumber(TSelf x, TSelf y) => Select(T.MaxMagnitudeNumber(x.Value, y.Value), x, y);
    static TSelf INumberBase<TSelf>.MinMagnitudeNumber(TSelf x, TSelf y) => Select(T.MinMagnitudeNumber(x.Value, y.Value), x, y);
    static TSelf IFloatingPoint<TSelf>.Round(TSelf x, int digits, MidpointRounding mode) => TSelf.Constant(T.Round(x.Value, digits, mode));

    /// <summary>
    /// The argument whose value <typeparamref name="T"/>'s own selection chose (Min, Max and their variants),
    /// with its derivative; on a tie the first argument. NaN chooses the NaN argument.
    /// </summary>
    private static TSelf Select(T chosen, TSelf x, TSelf y) =>
        chosen == x.Value || (T.IsNaN(chosen) && T.IsNaN(x.Value)) ? x : y;
}
