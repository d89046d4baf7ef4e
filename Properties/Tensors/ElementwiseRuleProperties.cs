using System.Numerics.Tensors;
using Autodiff.Properties.Support;
using Autodiff.Rules;
using Autodiff.Testing;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// The named entrywise functions (<c>Exp</c> … <c>Tanh</c>) take the rule path: values on
/// <see cref="TensorPrimitives"/>, f′ from the rule's <c>D1</c> on plain numbers. <c>Map</c> of the same rule takes
/// the dual-number path (value and f′ from one evaluation on x + ε). The two are independent computations of the same
/// value, JVP and VJP, and must agree to a few ulps.
/// </summary>
public sealed class ElementwiseRuleProperties
{
    /// <summary>A named function, the same rule through Map, and the interval its points are drawn from.</summary>
    public sealed record Function(string Name, Func<Var, Var> Named, Func<Var, Var> Mapped, double Min, double Max)
    {
        /// <inheritdoc/>
        public override string ToString() => Name;
    }

    private static readonly Function[] Functions =
    [
        new("Exp", x => x.Exp(), x => x.Map(new Exp()), -20, 20),
        new("Log", x => x.Log(), x => x.Map(new Log()), 1e-3, 1e3),
        new("Sqrt", x => x.Sqrt(), x => x.Map(new Sqrt()), 1e-3, 1e3),
        new("Sin", x => x.Sin(), x => x.Map(new Sin()), -10, 10),
        new("Cos", x => x.Cos(), x => x.Map(new Cos()), -10, 10),
        new("Abs", x => x.Abs(), x => x.Map(new Abs()), -5, 5),
        new("Tanh", x => x.Tanh(), x => x.Map(new Tanh()), -5, 5),
    ];

    // Length 37: a SIMD body and a remainder for every vector width.
    private const int Length = 37;

    [Fact]
    public void Named_functions_equal_their_rule_through_dual_numbers_in_value_JVP_and_VJP()
    {
        foreach (Function f in Functions)
            Verify.ForAll(Cases.Vectors(3 * Length, -1, 1), p =>
            {
                Tensor<double> x = Autodiff.Tensors.Vector(
                    [.. p[..Length].Select(t => f.Min + (f.Max - f.Min) * (t + 1) / 2)]);
                Tensor<double> v = Autodiff.Tensors.Vector(p[Length..(2 * Length)]);
                Tensor<double> u = Autodiff.Tensors.Vector(p[(2 * Length)..]);
                (Tensor<double> value, Tensor<double> tangent) = Differentiate.Jvp(f.Named, x, v);
                (Tensor<double> mappedValue, Tensor<double> mappedTangent) = Differentiate.Jvp(f.Mapped, x, v);
                TensorAssert.Close(TensorAssert.Flat(mappedValue), value, Tolerance.Exact, $"{f}: value");
                TensorAssert.Close(TensorAssert.Flat(mappedTangent), tangent, Tolerance.Exact, $"{f}: J v");
                Var weights = Var.Constant(u);
                TensorAssert.Close(
                    TensorAssert.Flat(Differentiate.Grad(y => f.Mapped(y).Dot(weights), x)),
                    Differentiate.Grad(y => f.Named(y).Dot(weights), x), Tolerance.Exact, $"{f}: Jᵀ u");
            });
    }

    /// <summary>Every unary rule of the table through MapRule (the rule as an interface: values by the rule's own f).</summary>
    public static TheoryData<string> RuleNames =>
        [.. RuleTable.Unary.Filter(e => e.Function is IUnaryRule).Map(e => e.Name)];

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void MapRule_equals_Map_for_every_rule_of_the_table(string name)
    {
        UnaryEntry entry = Table.Unary(name);
        var rule = (IUnaryRule)entry.Function;
        Verify.ForAll(Cases.Vectors(2 * Length, 0, 1), p =>
        {
            Tensor<double> x = Autodiff.Tensors.Vector(
                [.. p[..Length].Select(t => entry.Domain.Min + (entry.Domain.Max - entry.Domain.Min) * t)]);
            Tensor<double> v = Autodiff.Tensors.Vector(p[Length..]);
            (Tensor<double> value, Tensor<double> tangent) = Differentiate.Jvp(y => y.MapRule(rule), x, v);
            (Tensor<double> mappedValue, Tensor<double> mappedTangent) = Differentiate.Jvp(y => y.Map(entry.Function), x, v);
            TensorAssert.Close(TensorAssert.Flat(mappedValue), value, Tolerance.Exact, $"{name}: value");
            TensorAssert.Close(TensorAssert.Flat(mappedTangent), tangent, Tolerance.Exact, $"{name}: J v");
        });
    }
}
