using System.Numerics.Tensors;
using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// Every tensor primitive's two rules against each other and against differences: for random inputs X, tangent V
/// and cotangent Ū, ⟨Ū, J V⟩ (the JVP rule) = ⟨Jᵀ Ū, V⟩ (the VJP rule) = ⟨Ū, (F(X + hV) − F(X − hV))/2h⟩ (five-point).
/// A wrong sign or a missing transpose in either rule breaks the first equality; the same mistake in both breaks the
/// second.
/// </summary>
public sealed class TransposeProperties
{
    /// <summary>A primitive applied to its inputs, the input generators, and where the inputs must stay.</summary>
    public sealed record Primitive(string Name, Func<TensorVar<double>[], TensorVar<double>> F, Func<int, int, int, Gen<MatrixCase[]>> Inputs)
    {
        /// <inheritdoc/>
        public override string ToString() => Name;
    }

    /// <summary>A primitive at a point, with a tangent per input and a cotangent.</summary>
    public sealed record Case(Primitive Primitive, MatrixCase[] X, MatrixCase[] V, double[] U)
    {
        /// <inheritdoc/>
        public override string ToString() => $"{Primitive.Name} at X = {string.Join(", ", X.AsEnumerable())}, V = {string.Join(", ", V.AsEnumerable())}, Ū = [{string.Join(", ", U)}]";
    }

    private static Gen<MatrixCase[]> One(Gen<MatrixCase> a) => a.Select(x => new[] { x });
    private static Gen<MatrixCase[]> Two(Gen<MatrixCase> a, Gen<MatrixCase> b) => a.Zip(b, (x, y) => new[] { x, y });

    /// <summary>The primitives, each on matrices of random sizes (vectors are m×1 or 1×n matrices reshaped where needed).</summary>
    public static readonly Primitive[] All =
    [
        new("add", x => x[0] + x[1], (m, _, n) => Two(MatrixCases.Matrix(m, n), MatrixCases.Matrix(m, n))),
        new("add broadcast row", x => x[0] + x[1].Reshape(Shape.Vector(x[1].Length)), (m, _, n) => Two(MatrixCases.Matrix(m, n), MatrixCases.Matrix(1, n))),
        new("subtract broadcast column", x => x[0] - x[1], (m, _, n) => Two(MatrixCases.Matrix(m, n), MatrixCases.Matrix(m, 1))),
        new("hadamard", x => x[0] * x[1], (m, _, n) => Two(MatrixCases.Matrix(m, n), MatrixCases.Matrix(m, n))),
        new("divide", x => x[0] / x[1], (m, _, n) => Two(MatrixCases.Matrix(m, n), MatrixCases.Entries(m * n, 0.5, 2).Select(e => new MatrixCase(m, n, e)))),
        new("negate", x => -x[0], (m, _, n) => One(MatrixCases.Matrix(m, n))),
        new("matmul", x => x[0].MatMul(x[1]), (m, k, n) => Two(MatrixCases.Matrix(m, k), MatrixCases.Matrix(k, n))),
        new("matvec", x => x[0].MatMul(x[1].Reshape(Shape.Vector(x[1].Length))), (m, k, _) => Two(MatrixCases.Matrix(m, k), MatrixCases.Matrix(k, 1))),
        new("vecmat", x => x[0].Reshape(Shape.Vector(x[0].Length)).MatMul(x[1]), (_, k, n) => Two(MatrixCases.Matrix(1, k), MatrixCases.Matrix(k, n))),
        new("outer", x => x[0].Reshape(Shape.Vector(x[0].Length)).Outer(x[1].Reshape(Shape.Vector(x[1].Length))), (m, _, n) => Two(MatrixCases.Matrix(m, 1), MatrixCases.Matrix(1, n))),
        new("transpose", x => x[0].Transpose(), (m, _, n) => One(MatrixCases.Matrix(m, n))),
        new("trace", x => x[0].Trace(), (n, _, _) => One(MatrixCases.Matrix(n, n))),
        new("sum", x => x[0].Sum(), (m, _, n) => One(MatrixCases.Matrix(m, n))),
        new("mean", x => x[0].Mean(), (m, _, n) => One(MatrixCases.Matrix(m, n))),
        new("squared norm", x => x[0].SquaredNorm(), (m, _, n) => One(MatrixCases.Matrix(m, n))),
        new("dot", x => x[0].Dot(x[1]), (m, _, n) => Two(MatrixCases.Matrix(m, n), MatrixCases.Matrix(m, n))),
        new("logsumexp", x => x[0].LogSumExp(), (m, _, n) => One(MatrixCases.Matrix(m, n))),
        new("sum over axis 0", x => x[0].Sum(0), (m, _, n) => One(MatrixCases.Matrix(m, n))),
        new("sum over axis 1, kept", x => x[0].Sum(1, keepDims: true), (m, _, n) => One(MatrixCases.Matrix(m, n))),
        new("mean over axis 0, kept", x => x[0].Mean(0, keepDims: true), (m, _, n) => One(MatrixCases.Matrix(m, n))),
        new("mean over axis 1", x => x[0].Mean(1), (m, _, n) => One(MatrixCases.Matrix(m, n))),
        new("max over axis 0", x => x[0].Max(0), (m, _, n) => One(MatrixCases.Separated(m, n))),
        new("max over axis 1", x => x[0].Max(1), (m, _, n) => One(MatrixCases.Separated(m, n))),
        new("logsumexp over axis 0", x => x[0].LogSumExp(0), (m, _, n) => One(MatrixCases.Matrix(m, n))),
        new("logsumexp over axis 1, kept", x => x[0].LogSumExp(1, keepDims: true), (m, _, n) => One(MatrixCases.Matrix(m, n))),
        new("max of a vector over axis 0", x => x[0].Reshape(Shape.Vector(x[0].Length)).Max(0), (m, _, n) => One(MatrixCases.Separated(m, n))),
        new("softmax", x => x[0].Softmax(), (m, _, n) => One(MatrixCases.Matrix(m, n))),
        new("log-softmax", x => x[0].LogSoftmax(), (m, _, n) => One(MatrixCases.Matrix(m, n))),
        new("sigmoid", x => x[0].Sigmoid(), (m, _, n) => One(MatrixCases.Matrix(m, n))),
        new("tanh", x => x[0].Tanh(), (m, _, n) => One(MatrixCases.Matrix(m, n))),
        new("exp", x => x[0].Exp(), (m, _, n) => One(MatrixCases.Matrix(m, n))),
        new("square", x => x[0].Square(), (m, _, n) => One(MatrixCases.Matrix(m, n))),
        new("solve matrix", x => x[0].Solve(x[1]), (n, _, k) => Two(MatrixCases.WellConditioned(n), MatrixCases.Matrix(n, k))),
        new("solve vector", x => x[0].Solve(x[1].Reshape(Shape.Vector(x[1].Length))), (n, _, _) => Two(MatrixCases.WellConditioned(n), MatrixCases.Matrix(n, 1))),
        new("inverse", x => x[0].Inverse(), (n, _, _) => One(MatrixCases.WellConditioned(n))),
        new("determinant", x => x[0].Determinant(), (n, _, _) => One(MatrixCases.WellConditioned(n))),
        new("log |det|", x => x[0].LogAbsDeterminant(), (n, _, _) => One(MatrixCases.WellConditioned(n))),
        new("log det (Cholesky) of the symmetric part", x => ((x[0] + x[0].Transpose()) * 0.5).LogDeterminantPositiveDefinite(), (n, _, _) => One(MatrixCases.PositiveDefinite(n))),
        new("entry", x => x[0].Entry(x[0].Length - 1), (m, _, n) => One(MatrixCases.Matrix(m, n))),
        new("first row", x => x[0].Row(0), (m, _, n) => One(MatrixCases.Matrix(m, n))),
        new("last row", x => x[0].Row(x[0].Shape.Rows - 1), (m, _, n) => One(MatrixCases.Matrix(m, n))),
        new("last column", x => x[0].Column(x[0].Shape.Columns - 1), (m, _, n) => One(MatrixCases.Matrix(m, n))),
    ];

    public static TheoryData<string> Names => [.. All.Select(p => p.Name)];

    private static Arbitrary<Case> Cases(Primitive primitive) =>
        MatrixCases.Sized((m, k, n) => primitive.Inputs(m, k, n).SelectMany(x =>
            Gen.CollectToList(x.Select(c => MatrixCases.Matrix(c.Rows, c.Columns))).SelectMany(v =>
                MatrixCases.Entries(OutputLength(primitive, x)).Select(u => new Case(primitive, x, [.. v], u)))));

    private static int OutputLength(Primitive primitive, MatrixCase[] x) =>
        primitive.F(Array.ConvertAll(x, c => TensorVar<double>.Constant(c.Tensor))).Length;

    private static double Inner(ReadOnlySpan<double> a, Tensor<double> b) => TensorPrimitives.Dot(a, Flat(b));

    private static double[] Flat(Tensor<double> b)
    {
        var flat = new double[b.FlattenedLength];
        b.FlattenTo(flat);
        return flat;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void VjpIsTheTransposeOfJvp(string name)
    {
        Primitive primitive = All.Single(p => p.Name == name);
        Verify.ForAll(Cases(primitive), c =>
        {
            Tensor<double>[] x = Array.ConvertAll(c.X, m => m.Tensor), v = Array.ConvertAll(c.V, m => m.Tensor);
            double jvp = Inner(c.U, Autodiff.Tensors.Jvp(primitive.F, x, v).Tangent);
            (Tensor<double> value, TensorPullback<double> pullback) = Autodiff.Tensors.Vjp(primitive.F, x);
            Tensor<double>[] pulled = pullback.Invoke(System.Numerics.Tensors.Tensor.Create((double[])c.U.Clone(), value.Lengths));
            double vjp = 0;
            for (int i = 0; i < x.Length; i++)
                vjp += Inner(c.V[i].Entries, pulled[i]);
            Tolerance.AssertClose(jvp, vjp, Tolerance.Exact, "⟨Ū, J V⟩ vs ⟨Jᵀ Ū, V⟩");
            double difference = TensorPrimitives.Dot(c.U, FiniteDifference.Directional(t => Flat(Autodiff.Tensors.Jvp(primitive.F, Shifted(c.X, c.V, t), v).Value)));
            Tolerance.AssertClose(difference, jvp, Tolerance.FirstDifference, "⟨Ū, J V⟩ vs a five-point difference");
        });
    }

    private static Tensor<double>[] Shifted(MatrixCase[] x, MatrixCase[] v, double t) =>
        [.. x.Zip(v, (a, d) => new MatrixCase(a.Rows, a.Columns, [.. a.Entries.Zip(d.Entries, (p, q) => p + t * q)]).Tensor)];
}
