using System.Numerics;
using Autodiff.Properties.Support;
using Autodiff.Rules;

namespace Autodiff.Properties.Forward;

/// <summary>
/// The cross-mode properties check that every mode differentiates the table's functions consistently; these check
/// that the functions are what their names say, and that the activation functions stay finite where a naive
/// formula overflows.
/// </summary>
public sealed class DefinitionTests
{
    private static readonly Dictionary<string, Func<double, double>> UnaryReference = new()
    {
        ["exp"] = Math.Exp, ["exp2"] = x => Math.Pow(2, x), ["exp10"] = x => Math.Pow(10, x), ["expm1"] = x => Math.Exp(x) - 1,
        ["log"] = Math.Log, ["log2"] = Math.Log2, ["log10"] = Math.Log10, ["logp1"] = x => Math.Log(1 + x),
        ["sqrt"] = Math.Sqrt, ["cbrt"] = Math.Cbrt, ["cbrt of a negative"] = Math.Cbrt,
        ["root5"] = x => Math.Pow(x, 0.2), ["root3 of a negative"] = x => -Math.Pow(-x, 1.0 / 3),
        ["sin"] = Math.Sin, ["cos"] = Math.Cos, ["tan"] = Math.Tan, ["asin"] = Math.Asin, ["acos"] = Math.Acos, ["atan"] = Math.Atan,
        ["sinpi"] = x => Math.Sin(Math.PI * x), ["cospi"] = x => Math.Cos(Math.PI * x), ["tanpi"] = x => Math.Tan(Math.PI * x),
        ["asinpi"] = x => Math.Asin(x) / Math.PI, ["acospi"] = x => Math.Acos(x) / Math.PI, ["atanpi"] = x => Math.Atan(x) / Math.PI,
        ["sinh"] = Math.Sinh, ["cosh"] = Math.Cosh, ["tanh"] = Math.Tanh, ["asinh"] = Math.Asinh, ["acosh"] = Math.Acosh, ["atanh"] = Math.Atanh,
        ["abs of a negative"] = Math.Abs, ["abs of a positive"] = Math.Abs,
        ["sigmoid"] = x => 1 / (1 + Math.Exp(-x)), ["softplus"] = x => Math.Log(1 + Math.Exp(x)),
        ["relu of a negative"] = x => Math.Max(x, 0), ["relu of a positive"] = x => Math.Max(x, 0),
        ["log base 3"] = x => Math.Log(x) / Math.Log(3), ["exp2m1"] = x => Math.Pow(2, x) - 1, ["exp10m1"] = x => Math.Pow(10, x) - 1,
        ["log2p1"] = x => Math.Log2(1 + x), ["log10p1"] = x => Math.Log10(1 + x), ["reciprocal"] = x => 1 / x,
    };

    private static readonly Dictionary<string, Func<double, double, double>> BinaryReference = new()
    {
        ["add"] = (x, y) => x + y, ["subtract"] = (x, y) => x - y, ["multiply"] = (x, y) => x * y, ["divide"] = (x, y) => x / y,
        ["pow"] = Math.Pow, ["atan2"] = Math.Atan2, ["atan2pi"] = (y, x) => Math.Atan2(y, x) / Math.PI,
        ["hypot"] = (x, y) => Math.Sqrt(x * x + y * y),
    };

    [Theory, MemberData(nameof(Table.UnaryNames), MemberType = typeof(Table))]
    public void Unary_function_is_what_its_name_says(string name) =>
        Verify.ForAll(Cases.Of(Table.Unary(name)), c =>
            Tolerance.AssertClose(UnaryReference[name](c.X), c.Entry.Function.F(c.X), 1e-12, c.ToString()));

    [Theory, MemberData(nameof(Table.BinaryNames), MemberType = typeof(Table))]
    public void Binary_function_is_what_its_name_says(string name) =>
        Verify.ForAll(Cases.Of(Table.Binary(name)), c =>
            Tolerance.AssertClose(BinaryReference[name](c.X, c.Y), c.Entry.Function.F(c.X, c.Y), 1e-12, c.ToString()));

    [Fact]
    public void Every_table_row_has_a_reference_and_a_readable_name()
    {
        Assert.Equal(UnaryReference.Keys.Order(), RuleTable.Unary.Map(e => e.Name).Order());
        Assert.Equal(BinaryReference.Keys.Order(), RuleTable.Binary.Map(e => e.Name).Order());
    }

    [Theory]
    [InlineData(-800.0)]
    [InlineData(-40.0)]
    [InlineData(0.0)]
    [InlineData(40.0)]
    [InlineData(800.0)]
    public void Activations_are_finite_and_exact_at_extreme_inputs(double x)
    {
        double sigma = x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
        double derivative = Math.Exp(-Math.Abs(x)) / Math.Pow(1 + Math.Exp(-Math.Abs(x)), 2);
        double softplus = Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));
        (double s, double ds) = Autodiff.Forward.ValueAndDerivative(Activation.Sigmoid, x);
        (double p, double dp) = Autodiff.Forward.ValueAndDerivative(Activation.Softplus, x);
        Tolerance.AssertClose(sigma, s, 1e-15, "σ(x)", floor: 1e-300);
        Tolerance.AssertClose(derivative, ds, 1e-14, "σ′ = σ(1 − σ)", floor: 1e-300);
        Tolerance.AssertClose(softplus, p, 1e-15, "softplus(x)", floor: 1e-300);
        Tolerance.AssertClose(sigma, dp, 1e-14, "softplus′ = σ", floor: 1e-300);
    }

    [Fact]
    public void Concrete_code_can_call_the_elementary_functions_and_compare()
    {
        var x = new Dual<double>(0.5, 1);
        Assert.Equal(new Dual<double>(Math.Sin(0.5), Math.Cos(0.5)), Dual<double>.Sin(x));
        Assert.Equal(new Dual<double>(Math.Exp(0.5), Math.Exp(0.5)), Dual<double>.Exp(x));
        Assert.Equal(new Dual<double>(0.5, 1), Dual<double>.Min(x, 2.0));
        Assert.Equal(new Dual<double>(2.0, 0), Dual<double>.Max(x, 2.0));
        Assert.True(x < new Dual<double>(0.6, -1));
        Assert.False(x < new Dual<double>(0.5, 3));
        Assert.False(x > new Dual<double>(0.5, -3));
        Assert.False(x > new Dual<double>(0.6, -1));
        Assert.True(x <= new Dual<double>(0.5, -1));
        Assert.True(x >= new Dual<double>(0.5, -1));
        Assert.False(x >= new Dual<double>(0.6, -1));
        Assert.False(x <= new Dual<double>(0.4, -1));
        Assert.True(x == new Dual<double>(0.5, 7));
        Assert.False(x != new Dual<double>(0.5, 7));
        Assert.True(x != new Dual<double>(0.4, 1));
        Assert.False(x == new Dual<double>(0.4, 1));
        Assert.Equal(2.0, Tracked<double>.Hypot(1.2, 1.6).Value, 12);
    }
}
