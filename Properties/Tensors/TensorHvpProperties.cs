using System.Numerics;
using System.Numerics.Tensors;
using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;
using static Autodiff.Testing.MatrixCases;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// <see cref="Autodiff.Tensors.Hvp{T}"/>: forward over reverse on the tensor primitives (each primitive's VJP rule and
/// its second-order rule, on plain arrays), held to a closed form (extended Rosenbrock's Hessian) and to the other
/// forward-over-reverse route, the reverse gradient taken on <see cref="TensorVar{T}"/> of dual numbers (every rule
/// run on dual numbers instead: no second-order rule involved). The functions are generic, so both routes run the same
/// code; they cover every primitive with a second-order rule. And what it refuses, with the reason.
/// </summary>
public sealed class TensorHvpProperties
{
    // Extended Rosenbrock, x read as rows (x_2i, x_2i+1): gathers, a reshape, products, a broadcast scalar, ‖·‖².
    private static TensorVar<T> Rosenbrock<T>(TensorVar<T> x) where T : IFloatingPointIeee754<T>
    {
        TensorVar<T> pairs = x.Reshape(Shape.Matrix(x.Length / 2, 2));
        TensorVar<T> even = pairs.Column(0), odd = pairs.Column(1);
        return T.CreateChecked(100) * (odd - even.Square()).SquaredNorm() + (T.One - even).SquaredNorm();
    }

    // Rule-table maps, every reduction with a second-order rule, a quotient, a product of two scalars.
    private static TensorVar<T> Elementwise<T>(TensorVar<T> x) where T : IFloatingPointIeee754<T>
    {
        TensorVar<T> two = T.CreateChecked(2);
        return x.LogSumExp() + x.Tanh().SquaredNorm() + (x / (two + x * x)).Sum() + x.Exp().Mean()
            + x.Dot(x.Sin()) + x.Cos().Sum() * x.Mean() + (two / (two + x.Square())).Sum();
    }

    // A square-matrix program: transpose, trace, a row and a column broadcast, a quotient of broadcasts, Dot.
    private static TensorVar<T> MatrixProgram<T>(TensorVar<T> x) where T : IFloatingPointIeee754<T>
    {
        int n = x.Shape.Rows;
        TensorVar<T> three = T.CreateChecked(3);
        TensorVar<T> row = x.Row(0).Reshape(Shape.Matrix(1, n)), column = x.Column(n - 1).Reshape(Shape.Matrix(n, 1));
        return ((x - row) / (three + column * column)).SquaredNorm() + (x * x.Transpose()).Trace() * x.Sum()
            + x.Trace() * x.Trace() + x.Exp().Dot(x.Cos());
    }

    // Maps of composed functions (dual numbers per entry), softmax and log-softmax, every product layout.
    private static TensorVar<T> VectorProducts<T>(TensorVar<T> x) where T : IFloatingPointIeee754<T> =>
        x.Sigmoid().Sum() + x.Softplus().SquaredNorm() + x.Softmax().Dot(x.Cos()) + x.LogSoftmax().SquaredNorm()
        + x.Outer(x.Tanh()).Trace() + x.MatMul(x.Sin()) + x.Outer(x).MatMul(x.Exp()).Mean();

    // Matrix products and transposed products, inverses, solves (of a constant A too), determinants, axis reductions,
    // softmax and log-softmax of every row.
    private static TensorVar<T> MatrixAlgebra<T>(TensorVar<T> x) where T : IFloatingPointIeee754<T>
    {
        int n = x.Shape.Rows;
        var dominant = Tensor.Create([.. Enumerable.Range(0, n * n).Select(k => T.CreateChecked(k % (n + 1) == 0 ? 3.0 : 0.1))], [n, n]);
        return x.MatMul(x).Sum() + x.MatMulTransposed(x.Tanh()).Trace() + x.MatMul(x.Row(0)).SquaredNorm() + x.Row(1).MatMul(x).Sum()
            + x.Inverse().Sum() + x.Solve(x.Column(0)).Sum() + x.Solve(x.Exp()).Mean() + x.Determinant() + x.LogAbsDeterminant()
            + TensorVar<T>.Constant(dominant).Solve(x.Tanh()).SquaredNorm()
            + x.Sum(0).Dot(x.Max(1)) + x.LogSumExp(1).SquaredNorm() + x.LogSumExp(0, keepDims: true).Sum() * x.Mean(1).Sum()
            + x.Softmax().Dot(x.Cos()) + x.LogSoftmax().SquaredNorm();
    }

    // A one-layer classifier's softmax cross-entropy in its weights A, with targets that depend on A too (sigmoids, so
    // that their row sums move as well).
    private static TensorVar<T> CrossEntropy<T>(TensorVar<T> a) where T : IFloatingPointIeee754<T>
    {
        var network = new Perceptron([a.Shape.Columns, a.Shape.Rows], ActivationFunction.Tanh, ActivationFunction.Identity);
        TensorVar<T> inputs = a.Cos(), bias = TensorVar<T>.Vector([.. Enumerable.Repeat(T.CreateChecked(0.1), a.Shape.Rows)]);
        return network.CrossEntropyLoss<T>([a, bias], inputs, inputs.MatMul(a.Transpose()).Sigmoid());
    }

    // The same loss with constant targets (one-hot rows), and as a function of the targets alone (constant logits).
    private static TensorVar<T> CrossEntropyConstantTargets<T>(TensorVar<T> a) where T : IFloatingPointIeee754<T>
    {
        var network = new Perceptron([a.Shape.Columns, a.Shape.Rows], ActivationFunction.Tanh, ActivationFunction.Identity);
        TensorVar<T> bias = TensorVar<T>.Vector([.. Enumerable.Repeat(T.CreateChecked(0.1), a.Shape.Rows)]);
        int m = a.Shape.Rows;
        var oneHot = Tensor.Create([.. Enumerable.Range(0, m * m).Select(k => k % (m + 1) == 0 ? T.One : T.Zero)], [m, m]);
        return network.CrossEntropyLoss<T>([a, bias], TensorVar<T>.Constant(Cosines<T>(a.Shape.Rows, a.Shape.Columns)), oneHot);
    }

    private static TensorVar<T> CrossEntropyInTheTargets<T>(TensorVar<T> t) where T : IFloatingPointIeee754<T>
    {
        int m = t.Shape.Rows, n = t.Shape.Columns;
        var network = new Perceptron([n, n], ActivationFunction.Tanh, ActivationFunction.Identity);
        TensorVar<T> weights = TensorVar<T>.Constant(Cosines<T>(n, n)), bias = TensorVar<T>.Vector([.. Enumerable.Repeat(T.CreateChecked(0.1), n)]);
        return network.CrossEntropyLoss<T>([weights, bias], TensorVar<T>.Constant(Cosines<T>(m, n)), t.Sigmoid());
    }

    // cos(k) in row-major order: a fixed matrix.
    private static Tensor<T> Cosines<T>(int rows, int columns) where T : IFloatingPointIeee754<T> =>
        Tensor.Create([.. Enumerable.Range(0, rows * columns).Select(k => T.CreateChecked(Math.Cos(k)))], [rows, columns]);

    [Fact]
    public void Hvp_of_extended_Rosenbrock_is_its_closed_form_Hessian_times_v() =>
        Verify.ForAll(Inputs.Sized((n, _, _) => [Matrix(2 * n, 1), Matrix(2 * n, 1)]), c =>
        {
            double[] x = c[0].Entries, v = c[1].Entries, expected = new double[x.Length];
            for (int i = 0; i + 1 < x.Length; i += 2)
            {
                // f_i = 100(b − a²)² + (1 − a)²: f_aa = 1200a² − 400b + 2, f_ab = −400a, f_bb = 200.
                double a = x[i], b = x[i + 1];
                double aa = 1200 * a * a - 400 * b + 2, ab = -400 * a;
                expected[i] = aa * v[i] + ab * v[i + 1];
                expected[i + 1] = ab * v[i] + 200 * v[i + 1];
            }
            double[] hv = TensorAssert.Flat(Differentiate.Hvp(Rosenbrock, Tensor.Create(x, [x.Length]), Tensor.Create(v, [v.Length])));
            TensorAssert.Close(expected, hv, Exact, "H v of extended Rosenbrock");
        });

    [Fact]
    public void Hvp_of_rule_maps_and_reductions_equals_the_dual_number_route() =>
        Verify.ForAll(Inputs.Sized((n, _, _) => [Matrix(n, 1), Matrix(n, 1)]), c =>
            AgreesWithDualRoute(Elementwise, Elementwise, c[0], c[1], [c[0].Entries.Length]));

    [Fact]
    public void Hvp_of_a_matrix_program_equals_the_dual_number_route() =>
        Verify.ForAll(Inputs.Sized((n, _, _) => [Matrix(n, n), Matrix(n, n)]), c =>
            AgreesWithDualRoute(MatrixProgram, MatrixProgram, c[0], c[1], [c[0].Rows, c[0].Columns]));

    [Fact]
    public void Hvp_through_composed_maps_softmax_and_products_equals_the_dual_number_route() =>
        Verify.ForAll(Inputs.Sized((n, _, _) => [Matrix(n, 1), Matrix(n, 1)]), c =>
            AgreesWithDualRoute(VectorProducts, VectorProducts, c[0], c[1], [c[0].Entries.Length]));

    [Fact]
    public void Hvp_through_inverses_solves_determinants_and_axis_reductions_equals_the_dual_number_route() =>
        Verify.ForAll(Inputs.Sized((n, _, _) => [WellConditioned(Math.Max(n, 2)), Matrix(Math.Max(n, 2), Math.Max(n, 2))]), c =>
            AgreesWithDualRoute(MatrixAlgebra, MatrixAlgebra, c[0], c[1], [c[0].Rows, c[0].Columns]));

    [Fact]
    public void Hvp_of_a_softmax_cross_entropy_equals_the_dual_number_route() =>
        Verify.ForAll(Inputs.Sized((m, _, n) => [Matrix(m, n), Matrix(m, n)]), c =>
            AgreesWithDualRoute(CrossEntropy, CrossEntropy, c[0], c[1], [c[0].Rows, c[0].Columns]));

    [Fact]
    public void Hvp_of_a_cross_entropy_with_constant_targets_or_constant_logits_equals_the_dual_number_route() =>
        Verify.ForAll(Inputs.Sized((m, _, n) => [Matrix(m, n), Matrix(m, n)]), c =>
        {
            AgreesWithDualRoute(CrossEntropyConstantTargets, CrossEntropyConstantTargets, c[0], c[1], [c[0].Rows, c[0].Columns]);
            AgreesWithDualRoute(CrossEntropyInTheTargets, CrossEntropyInTheTargets, c[0], c[1], [c[0].Rows, c[0].Columns]);
        });

    [Fact]
    public void A_zero_direction_or_cotangent_passes_nothing_through_an_infinite_second_derivative()
    {
        // √ at 0: f″ = −∞, but v₀ = 0 there, so (H v)₀ = 0 (zero wins, as on the tape); elsewhere −v/(4x^{3/2}).
        Tensor<double> x = Tensor.Create([0.0, 1.0, 4.0], [3]), v = Tensor.Create([0.0, 1.0, 1.0], [3]);
        double[] expected = [0.0, -0.25, -1.0 / 32];
        TensorAssert.Close(expected, TensorAssert.Flat(Differentiate.Hvp(a => a.Sqrt().Sum(), x, v)), Exact, "rule map");
        TensorAssert.Close(expected, TensorAssert.Flat(Differentiate.Hvp(a => a.Map(new Root()).Sum(), x, v)), Exact, "Map");
    }

    // √x as a user's function: Map runs it on (nested) dual numbers.
    private readonly struct Root : Autodiff.Rules.IUnaryFunction
    {
        public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Sqrt(x);
    }

    [Fact]
    public void An_outer_differentiations_tensor_inside_the_product_is_refused_not_mixed_in()
    {
        // Hvp inside a gradient, closing over the gradient's variable: two tapes meet in one primitive. Mixing them
        // would silently give a wrong number; the primitive refuses instead, before either sweep.
        Tensor<double> x = Tensor.Create([1.0, 2.0], [2]);
        var mixed = Assert.Throws<InvalidOperationException>(() => Differentiate.Grad(
            outer => Differentiate.Hvp(inner => (inner * outer).Sum(), x, x)[0] * outer.Sum(), x));
        Assert.Contains("two different differentiations", mixed.Message, StringComparison.Ordinal);
        // Nested the right way, the inner product is a constant of the outer function: ∇(H v)₀ · Σx = (H v)₀ · 1.
        double[] gradient = TensorAssert.Flat(Differentiate.Grad(
            outer => Differentiate.Hvp(inner => (inner * inner * inner).Sum(), x, x)[0] * outer.Sum(), x));
        Assert.Equal([6.0, 6.0], gradient);
    }

    [Fact]
    public void A_tensor_leaked_from_the_function_refuses_reads_after_the_product()
    {
        Var? leaked = null;
        Differentiate.Hvp(a => (leaked = a.Exp()).Sum(), Tensor.Create([1.0, 2.0], [2]), Tensor.Create([1.0, 0.0], [2]));
        var refused = Assert.Throws<InvalidOperationException>(() => leaked!.Values.ToArray());
        Assert.Contains("already finished", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hvp_of_log_det_by_Cholesky_is_minus_A_inverse_V_A_inverse_for_symmetric_V() =>
        // A ≻ 0 and V symmetric: Cholesky reads one triangle, so only symmetric directions are meaningful.
        Verify.ForAll(Inputs.Sized((n, _, _) => [PositiveDefinite(n), Matrix(n, n)]), c =>
        {
            double[,] v = Plain.Scale(0.5, Plain.Add(c[1].ToArray(), Plain.Transpose(c[1].ToArray()))), inverse = Plain.Inverse(c[0].ToArray());
            var symmetric = new MatrixCase(c[1].Rows, c[1].Columns, Plain.Flat(v));
            nint[] lengths = [c[0].Rows, c[0].Columns];
            double[] hv = TensorAssert.Flat(Differentiate.Hvp(x => x.LogDeterminantPositiveDefinite(), Tensor.Create(c[0].Entries, lengths), Tensor.Create(symmetric.Entries, lengths)));
            TensorAssert.Close(Plain.Flat(Plain.Scale(-1, Plain.Multiply(inverse, v, inverse))), hv, Exact, "H[V] = −A⁻¹VA⁻¹");
            AgreesWithDualRoute(x => x.LogDeterminantPositiveDefinite(), x => x.LogDeterminantPositiveDefinite(), c[0], symmetric, lengths);
        });

    [Theory]
    [InlineData(3, 4, 2, 5)]
    [InlineData(2, 7, 1, 3)]
    [InlineData(4, 1, 3, 2)]
    public void Hvp_in_all_of_a_networks_parameters_equals_the_dual_number_route(int inputs, int hidden, int outputs, int batch)
    {
        // The squared loss of a tanh MLP in θ = (A₀, b₀, A₁, b₁), in one direction V for all four at once.
        var network = new Perceptron([inputs, hidden, outputs], ActivationFunction.Tanh, ActivationFunction.Identity);
        var random = new Random(inputs * 1000 + hidden * 100 + outputs * 10 + batch);
        Tensor<double>[] theta = network.Initialize<double>(batch);
        Tensor<double>[] direction = [.. theta.Select(t => Tensor.Create(Enumerable.Range(0, (int)t.FlattenedLength).Select(_ => random.NextDouble() - 0.5).ToArray(), t.Lengths))];
        double[] x = [.. Enumerable.Range(0, batch * inputs).Select(_ => random.NextDouble() - 0.5)];
        double[] y = [.. Enumerable.Range(0, batch * outputs).Select(_ => random.NextDouble() - 0.5)];
        Tensor<double>[] hv = Differentiate.Hvp(
            p => network.SquaredLoss(p, Tensor.Create(x, [batch, inputs]), Tensor.Create(y, [batch, outputs])), theta, direction);

        Tensor<Dual<double>>[] seeded = [.. theta.Zip(direction, (t, d) =>
            Tensor.Create(TensorAssert.Flat(t).Zip(TensorAssert.Flat(d), (a, b) => new Dual<double>(a, b)).ToArray(), t.Lengths))];
        Tensor<Dual<double>>[] gradient = Differentiate.Grad(
            p => network.SquaredLoss(p, Tensor.Create(Array.ConvertAll(x, Dual<double>.Constant), [batch, inputs]),
                Tensor.Create(Array.ConvertAll(y, Dual<double>.Constant), [batch, outputs])), seeded);
        for (int i = 0; i < theta.Length; i++)
        {
            var entries = new Dual<double>[gradient[i].FlattenedLength];
            gradient[i].FlattenTo(entries);
            TensorAssert.Close(Array.ConvertAll(entries, g => g.Tangent), TensorAssert.Flat(hv[i]), ExactSecond, $"(H V) block {i}");
        }
    }

    [Fact]
    public void Pooled_tangents_longer_than_their_tensors_give_the_same_Hvp_call_after_call()
    {
        // From 64 entries up a tangent on the tape is rented (a power of two: 150 entries in 256) and reused by the
        // next call with its old contents: each call must read only its own entries, from zero.
        var random = new Random(20261201);
        double[] x = [.. Enumerable.Range(0, 300).Select(_ => random.NextDouble() - 0.5)];
        double[] v = [.. Enumerable.Range(0, 300).Select(_ => random.NextDouble() - 0.5)];
        var point = new MatrixCase(300, 1, x);
        var direction = new MatrixCase(300, 1, v);
        for (int call = 0; call < 3; call++)
            AgreesWithDualRoute(Elementwise, Elementwise, point, direction, [300]);
        double[] first = TensorAssert.Flat(Differentiate.Hvp(Rosenbrock, Tensor.Create(x, [300]), Tensor.Create(v, [300])));
        double[] again = TensorAssert.Flat(Differentiate.Hvp(Rosenbrock, Tensor.Create(x, [300]), Tensor.Create(v, [300])));
        Assert.Equal(first, again);
    }

    [Fact]
    public void A_constant_function_has_a_zero_Hvp()
    {
        double[] hv = TensorAssert.Flat(Differentiate.Hvp(_ => TensorVar<double>.Scalar(4.0), Tensor.Create([1.0, 2.0], [2]), Tensor.Create([3.0, 4.0], [2])));
        Assert.Equal([0.0, 0.0], hv);
    }

    [Fact]
    public void A_custom_tensor_rule_has_no_second_order_rule_and_is_refused_by_name()
    {
        Tensor<double> x = Tensor.Create([1.0, 2.0, 3.0, 4.0], [2, 2]);
        var refused = Assert.Throws<NotSupportedException>(() => Differentiate.Hvp(a => Differentiate.Primitive(new Doubled(), a).Sum(), x, x));
        Assert.StartsWith("The custom tensor rule Doubled has no second-order rule", refused.Message, StringComparison.Ordinal);
        Assert.Contains("TensorVar<Dual<T>>", refused.Message, StringComparison.Ordinal);
    }

    // y = 2x, a user's rule: J and Jᵀ, no J̇.
    private readonly struct Doubled : ITensorRule<double>
    {
        public (double[] Entries, Shape Shape) Value(ReadOnlySpan<Var> inputs) =>
            ([.. inputs[0].Values.ToArray().Select(v => 2 * v)], inputs[0].Shape);

        public void Jvp(ReadOnlySpan<Var> inputs, ReadOnlySpan<double> output, int input, ReadOnlySpan<double> tangent, Span<double> outputTangent)
        {
            for (int k = 0; k < tangent.Length; k++)
                outputTangent[k] += 2 * tangent[k];
        }

        public void Vjp(ReadOnlySpan<Var> inputs, ReadOnlySpan<double> output, int input, ReadOnlySpan<double> cotangent, Span<double> inputAdjoint)
        {
            for (int k = 0; k < cotangent.Length; k++)
                inputAdjoint[k] += 2 * cotangent[k];
        }
    }

    [Fact]
    public void Scalar_operations_in_the_tensor_program_are_refused()
    {
        // The input carries its tangent, which a Tracked scalar cannot hold: ToTracked refuses before any record.
        Tensor<double> x = Tensor.Create([1.0, 2.0], [2]);
        var refused = Assert.Throws<InvalidOperationException>(() => Differentiate.Hvp(
            a => TensorVar<double>.FromTracked([a.ToTracked(0) * a.ToTracked(1)], Shape.Scalar), x, x));
        Assert.Contains("forward-mode tangent", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        Tensor<double> x = Tensor.Create([1.0, 2.0], [2]);
        Assert.Equal("v", Assert.Throws<ArgumentException>(() => Differentiate.Hvp(a => a[0].Sum(), [x, x], [x])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Differentiate.Hvp<double>(a => a[0].Sum(), [], [])).ParamName);
        Assert.Equal("v", Assert.Throws<ArgumentNullException>(() => Differentiate.Hvp(a => a[0].Sum(), [x], [null!])).ParamName);
        var shape = Assert.Throws<ArgumentException>(() => Differentiate.Hvp(a => a.Sum(), x, Tensor.Create([1.0, 2.0, 3.0], [3])));
        Assert.Equal("v", shape.ParamName);
        Assert.StartsWith("v[0] is 3-vector but x[0] is 2-vector; a tangent has its input's shape.", shape.Message, StringComparison.Ordinal);
        var notScalar = Assert.Throws<ArgumentException>(() => Differentiate.Hvp(a => a, x, x));
        Assert.StartsWith("The function's value is 2-vector; a Hessian-vector product needs a scalar.", notScalar.Message, StringComparison.Ordinal);
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => Differentiate.Hvp<double>(null!, x, x)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => Differentiate.Hvp(a => a.Sum(), null!, x)).ParamName);
        Assert.Equal("v", Assert.Throws<ArgumentNullException>(() => Differentiate.Hvp(a => a.Sum(), x, null!)).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => Differentiate.Hvp<double>((Func<Var[], Var>)null!, [x], [x])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => Differentiate.Hvp(a => a[0].Sum(), null!, [x])).ParamName);
        Assert.Equal("v", Assert.Throws<ArgumentNullException>(() => Differentiate.Hvp(a => a[0].Sum(), [x], null!)).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentException>(() => Differentiate.Hvp(a => a, x, x)).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentException>(() => Differentiate.Hvp<double>(_ => null!, x, x)).ParamName);
    }

    // Tensors.Hvp against the reverse gradient over dual numbers seeded x + vε, whose tangents are H v.
    private static void AgreesWithDualRoute(Func<Var, Var> f, Func<TensorVar<Dual<double>>, TensorVar<Dual<double>>> onDuals,
        MatrixCase x, MatrixCase v, nint[] lengths)
    {
        var seeded = Tensor.Create(x.Entries.Zip(v.Entries, (a, b) => new Dual<double>(a, b)).ToArray(), lengths);
        Tensor<Dual<double>> gradient = Differentiate.Grad(onDuals, seeded);
        var entries = new Dual<double>[gradient.FlattenedLength];
        gradient.FlattenTo(entries);
        double[] hv = TensorAssert.Flat(Differentiate.Hvp(f, Tensor.Create(x.Entries, lengths), Tensor.Create(v.Entries, lengths)));
        TensorAssert.Close(Array.ConvertAll(entries, g => g.Tangent), hv, ExactSecond, "H v, second-order rules vs dual numbers");
    }
}
