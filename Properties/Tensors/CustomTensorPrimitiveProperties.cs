using System.Numerics;
using System.Numerics.Tensors;
using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;
using static Autodiff.Testing.MatrixCases;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// A primitive defined outside the library through <see cref="ITensorRule{T}"/> (y_i = Σ_j w_j x_ij², one row of X
/// at a time) differentiates like the same function composed of the library's primitives, in reverse and forward
/// mode, and its two rules are each other's transpose.
/// </summary>
public sealed class CustomTensorPrimitiveProperties
{
    /// <summary>y_i = Σ_j w_j x_ij² for X (m×n) and w (n): ∂y_i/∂x_ij = 2 w_j x_ij, ∂y_i/∂w_j = x_ij².</summary>
    private readonly struct WeightedSquares : ITensorRule<double>
    {
        public (double[] Entries, Shape Shape) Value(ReadOnlySpan<Var> inputs)
        {
            (int m, int n) = (inputs[0].Shape.Rows, inputs[0].Shape.Columns);
            ReadOnlySpan<double> x = inputs[0].Values, w = inputs[1].Values;
            var y = new double[m];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                    y[i] += w[j] * x[i * n + j] * x[i * n + j];
            return (y, Shape.Vector(m));
        }

        public void Jvp(ReadOnlySpan<Var> inputs, ReadOnlySpan<double> output, int input, ReadOnlySpan<double> tangent, Span<double> outputTangent)
        {
            (int m, int n) = (inputs[0].Shape.Rows, inputs[0].Shape.Columns);
            ReadOnlySpan<double> x = inputs[0].Values, w = inputs[1].Values;
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                    outputTangent[i] += input == 0 ? 2 * w[j] * x[i * n + j] * tangent[i * n + j] : x[i * n + j] * x[i * n + j] * tangent[j];
        }

        public void Vjp(ReadOnlySpan<Var> inputs, ReadOnlySpan<double> output, int input, ReadOnlySpan<double> cotangent, Span<double> inputAdjoint)
        {
            (int m, int n) = (inputs[0].Shape.Rows, inputs[0].Shape.Columns);
            ReadOnlySpan<double> x = inputs[0].Values, w = inputs[1].Values;
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                    if (input == 0)
                        inputAdjoint[i * n + j] += 2 * w[j] * x[i * n + j] * cotangent[i];
                    else
                        inputAdjoint[j] += x[i * n + j] * x[i * n + j] * cotangent[i];
        }
    }

    /// <summary>A rule whose value has fewer entries than its shape.</summary>
    /// <summary>A rule whose value is one entry short of its shape, none at all (null), or of default(Shape).</summary>
    private readonly struct Short(int kind = 0) : ITensorRule<double>
    {
        public (double[] Entries, Shape Shape) Value(ReadOnlySpan<Var> inputs) =>
            kind switch { 0 => ([1.0], Shape.Vector(2)), 1 => (null!, Shape.Vector(2)), _ => ([], default) };
        public void Jvp(ReadOnlySpan<Var> inputs, ReadOnlySpan<double> output, int input, ReadOnlySpan<double> tangent, Span<double> outputTangent) { }
        public void Vjp(ReadOnlySpan<Var> inputs, ReadOnlySpan<double> output, int input, ReadOnlySpan<double> cotangent, Span<double> inputAdjoint) { }
    }

    private static Var Custom(Var x, Var w) => Differentiate.Primitive(new WeightedSquares(), x, w);

    // The same function from the library's primitives: (X ⊙ X) w.
    private static Var Composed(Var x, Var w) => (x * x).MatMul(w);

    // X (m×n), w (n), a cotangent ū (m) and tangents Ẋ, ẇ.
    private static FsCheck.Arbitrary<Inputs> Cases =>
        Inputs.Sized((m, _, n) => [Matrix(m, n), Matrix(n, 1), Matrix(m, 1), Matrix(m, n), Matrix(n, 1)]);

    [Fact]
    public void Its_gradient_is_the_gradient_of_the_same_function_from_library_primitives() =>
        Verify.ForAll(Cases, c =>
        {
            Tensor<double>[] custom = Differentiate.Grad(v => Custom(v[0], v[1]).Dot(c[2].Vector), c[0].Tensor, c[1].Vector);
            Tensor<double>[] library = Differentiate.Grad(v => Composed(v[0], v[1]).Dot(c[2].Vector), c[0].Tensor, c[1].Vector);
            for (int i = 0; i < 2; i++)
                TensorAssert.Close(Flat(library[i]), custom[i], Exact, $"∂⟨ū, y⟩/∂x_{i}");
        });

    [Fact]
    public void Its_JVP_is_the_JVP_of_the_same_function_from_library_primitives() =>
        Verify.ForAll(Cases, c =>
        {
            Tensor<double>[] x = [c[0].Tensor, c[1].Vector], v = [c[3].Tensor, c[4].Vector];
            (Tensor<double> value, Tensor<double> tangent) = Differentiate.Jvp(p => Custom(p[0], p[1]), x, v);
            (Tensor<double> expectedValue, Tensor<double> expectedTangent) = Differentiate.Jvp(p => Composed(p[0], p[1]), x, v);
            TensorAssert.Close(Flat(expectedValue), value, Exact, "y");
            TensorAssert.Close(Flat(expectedTangent), tangent, Exact, "ẏ = J_X Ẋ + J_w ẇ");
        });

    [Fact]
    public void Its_VJP_rule_is_the_transpose_of_its_JVP_rule() =>
        Verify.ForAll(Cases, c =>
        {
            Tensor<double>[] x = [c[0].Tensor, c[1].Vector], v = [c[3].Tensor, c[4].Vector];
            Tensor<double> jv = Differentiate.Jvp(p => Custom(p[0], p[1]), x, v).Tangent;
            Tensor<double>[] jtu = Differentiate.Vjp(p => Custom(p[0], p[1]), x).Pullback.Invoke(c[2].Vector);
            double left = TensorPrimitives.Dot<double>(c[2].Entries, Flat(jv));
            double right = TensorPrimitives.Dot<double>(Flat(jtu[0]), c[3].Entries) + TensorPrimitives.Dot<double>(Flat(jtu[1]), c[4].Entries);
            AssertClose(left, right, Exact, "⟨ū, J v⟩ = ⟨Jᵀū, v⟩");
        });

    [Fact]
    public void Bad_rules_and_inputs_are_refused_by_name()
    {
        Var x = Var.Constant(Differentiate.Vector(1.0, 2.0));
        ArgumentException shortValue = Assert.Throws<ArgumentException>(() => Differentiate.Primitive(new Short(), x));
        Assert.Equal("rule", shortValue.ParamName);
        Assert.Contains("The rule's Value returned 1 entries for the shape 2-vector", shortValue.Message, StringComparison.Ordinal);
        ArgumentException nullValue = Assert.Throws<ArgumentException>(() => Differentiate.Primitive(new Short(1), x));
        Assert.Equal("rule", nullValue.ParamName);
        Assert.Contains("returned null entries", nullValue.Message, StringComparison.Ordinal);
        Assert.Equal("rule", Assert.Throws<ArgumentException>(() => Differentiate.Primitive(new Short(2), x)).ParamName);
        Assert.Equal("rule", Assert.Throws<ArgumentNullException>(() => Differentiate.Primitive<double, ITensorRule<double>>(null!, x)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentNullException>(() => Differentiate.Primitive<double, Short>(new Short(), null!)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => Differentiate.Primitive<double, Short>(new Short())).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentNullException>(() => Differentiate.Primitive(new Short(), x, null!)).ParamName);
    }

    private static double[] Flat(Tensor<double> t)
    {
        var flat = new double[t.FlattenedLength];
        t.FlattenTo(flat);
        return flat;
    }
}
