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
    public void A_primitive_without_a_second_order_rule_is_refused_by_name()
    {
        Tensor<double> x = Tensor.Create([1.0, 2.0, 3.0, 4.0], [2, 2]);
        var refused = Assert.Throws<NotSupportedException>(() => Differentiate.Hvp(a => a.MatMul(a).Sum(), x, x));
        Assert.StartsWith("MatrixProduct has no second-order rule", refused.Message, StringComparison.Ordinal);
        Assert.Contains("TensorVar<Dual<T>>", refused.Message, StringComparison.Ordinal);
        var reduction = Assert.Throws<NotSupportedException>(() => Differentiate.Hvp(a => a.LogAbsDeterminant(), x, x));
        Assert.StartsWith("This reduction", reduction.Message, StringComparison.Ordinal);
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
        Assert.Equal("v", Assert.Throws<ArgumentException>(() => Differentiate.Hvp(a => a.Sum(), x, Tensor.Create([1.0, 2.0, 3.0], [3]))).ParamName);
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
