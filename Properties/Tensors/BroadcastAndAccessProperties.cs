using System.Numerics.Tensors;
using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;
using static Autodiff.Testing.MatrixCases;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// Broadcasting, entry access and the square against loops on plain arrays: x ∘ y for a matrix x and y a scalar,
/// a row vector, a 1×n row or an m×1 column (value, and each gradient summed over the stretched dimension); entries,
/// rows and columns picked by index with their gradients; x ⊙ x and its gradient 2x; θ flattened and back. And the
/// products of large dual-number and float matrices (which take different kernels) against double ones.
/// </summary>
public sealed class BroadcastAndAccessProperties
{
    /// <summary>An m×n matrix, the right operand's shape kind (0 scalar, 1 n-vector, 2 1×n row, 3 m×1 column) and its entries.</summary>
    public sealed record BroadcastCase(MatrixCase X, int Kind, double[] Y)
    {
        /// <inheritdoc/>
        public override string ToString() => $"{X} ∘ {(Kind switch { 0 => "scalar", 1 => "vector", 2 => "row", _ => "column" })} [{string.Join(", ", Y)}]";

        public Tensor<double> YTensor => Kind switch
        {
            0 => Tensor.Create((double[])Y.Clone(), [1]),
            1 => Tensor.Create((double[])Y.Clone(), [X.Columns]),
            2 => Tensor.Create((double[])Y.Clone(), [1, X.Columns]),
            _ => Tensor.Create((double[])Y.Clone(), [X.Rows, 1]),
        };

        // The entry of y that meets x_ij.
        public int Index(int i, int j) => Kind switch { 0 => 0, 3 => i, _ => j };
    }

    private static readonly Arbitrary<BroadcastCase> Broadcasts = Arb.From(
        from m in Dimension
        from n in Dimension
        from x in Matrix(m, n)
        from kind in Gen.Choose(0, 3)
        from y in MatrixCases.Entries(kind switch { 0 => 1, 3 => m, _ => n }, 0.5, 2)
        select new BroadcastCase(x, kind, y));

    /// <summary>An operand of an m×n broadcast: its tensor, its entries, and which entry meets position (i, j).</summary>
    private sealed record Operand(Tensor<double> Tensor, double[] Entries, Func<int, int, int> Index);

    private static readonly (string Name, Func<Var, Var, Var> Op, Func<double, double, double> F, Func<double, double, double> Dx, Func<double, double, double> Dy)[] Operations =
    [
        ("+", (a, b) => a + b, (a, b) => a + b, (_, _) => 1, (_, _) => 1),
        ("−", (a, b) => a - b, (a, b) => a - b, (_, _) => 1, (_, _) => -1),
        ("⊙", (a, b) => a * b, (a, b) => a * b, (_, b) => b, (a, _) => a),
        ("⊘", (a, b) => a / b, (a, b) => a / b, (_, b) => 1 / b, (a, b) => -a / (b * b)),
    ];

    [Fact]
    public void Broadcast_arithmetic_equals_the_loop_and_its_gradients_sum_over_the_stretch() =>
        Verify.ForAll(Broadcasts, c =>
        {
            int m = c.X.Rows, n = c.X.Columns;
            var x = new Operand(c.X.Tensor, c.X.Entries, (i, j) => i * n + j);
            var y = new Operand(c.YTensor, c.Y, c.Index);
            // A column of X's first column against a row of its first row: both operands stretched.
            double[] first = [.. Enumerable.Range(0, m).Select(i => c.X[i, 0])], top = c.X.Entries[..n];
            var column = new Operand(Tensor.Create((double[])first.Clone(), [m, 1]), first, (i, _) => i);
            var row = new Operand(Tensor.Create((double[])top.Clone(), [1, n]), top, (_, j) => j);
            CheckAgainstTheLoop(x, y, m, n, $"{c}");
            CheckAgainstTheLoop(y, x, m, n, $"{c}, swapped");
            CheckAgainstTheLoop(column, row, m, n, $"{c}, its first column ∘ its first row");
        });

    // Value, VJP (weights w_ij = i − j + 0.5, so every entry's gradient differs) and JVP (tangent entries cos(k + 1)
    // and sin(k + 1)) of left ∘ right, each against the loop over the m×n result.
    private static void CheckAgainstTheLoop(Operand left, Operand right, int m, int n, string what)
    {
        double W(int i, int j) => i - j + 0.5;
        Tensor<double> weights = Tensor.Create([.. Enumerable.Range(0, m * n).Select(e => W(e / n, e % n))], [m, n]);
        double[] leftDot = [.. left.Entries.Select((_, k) => Math.Cos(k + 1))], rightDot = [.. right.Entries.Select((_, k) => Math.Sin(k + 1))];
        foreach (var op in Operations)
        {
            Tensor<double> value = Differentiate.Vjp(v => op.Op(v[0], v[1]), left.Tensor, right.Tensor).Value;
            Tensor<double>[] grad = Differentiate.Grad(v => op.Op(v[0], v[1]).Dot(weights), left.Tensor, right.Tensor);
            Tensor<double> tangent = Differentiate.Jvp(v => op.Op(v[0], v[1]), [left.Tensor, right.Tensor],
                [Tensor.Create(leftDot, left.Tensor.Lengths), Tensor.Create(rightDot, right.Tensor.Lengths)]).Tangent;
            var expected = new double[m * n];
            var expectedTangent = new double[m * n];
            var dLeft = new double[left.Entries.Length];
            var dRight = new double[right.Entries.Length];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    int l = left.Index(i, j), r = right.Index(i, j);
                    double a = left.Entries[l], b = right.Entries[r];
                    expected[i * n + j] = op.F(a, b);
                    expectedTangent[i * n + j] = op.Dx(a, b) * leftDot[l] + op.Dy(a, b) * rightDot[r];
                    dLeft[l] += W(i, j) * op.Dx(a, b);
                    dRight[r] += W(i, j) * op.Dy(a, b);
                }
            TensorAssert.Close(expected, value, Tolerance.Exact, $"{what}: left {op.Name} right");
            TensorAssert.Close(expectedTangent, tangent, Tolerance.Exact, $"{what}: J v of left {op.Name} right");
            TensorAssert.Close(dLeft, grad[0], Tolerance.Exact, $"{what}: ∂/∂left of left {op.Name} right");
            TensorAssert.Close(dRight, grad[1], Tolerance.Exact, $"{what}: ∂/∂right of left {op.Name} right");
        }
    }

    [Fact]
    public void Entries_rows_columns_and_squares_are_the_loop_s_and_so_are_their_gradients() =>
        Verify.ForAll(Inputs.Sized((m, _, n) => [Matrix(m, n)]), c =>
        {
            MatrixCase a = c[0];
            int m = a.Rows, n = a.Columns;
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    Assert.Equal(a[i, j], ((Var)a.Tensor).Entry(i, j).ScalarValue);
                    Assert.Equal(a[i, j], ((Var)a.Tensor).Entry(i * n + j).ScalarValue);
                    var unit = new double[m * n];
                    unit[i * n + j] = 1;
                    TensorAssert.Close(unit, Differentiate.Grad(v => v.Entry(i, j), a.Tensor), 0, $"{a}: ∂a_{i}{j}");
                }
            for (int i = 0; i < m; i++)
            {
                TensorAssert.Close(a.Entries[(i * n)..((i + 1) * n)], ((Var)a.Tensor).Row(i).ToTensor(), 0, $"{a}: row {i}");
                double[] weights = [.. Enumerable.Range(0, n).Select(j => j + 1.0)];
                var expected = new double[m * n];
                for (int j = 0; j < n; j++)
                    expected[i * n + j] = j + 1.0;
                TensorAssert.Close(expected, Differentiate.Grad(v => v.Row(i).Dot(Differentiate.Vector(weights)), a.Tensor), 0, $"{a}: ∂ row {i}");
            }
            for (int j = 0; j < n; j++)
                TensorAssert.Close([.. Enumerable.Range(0, m).Select(i => a[i, j])], ((Var)a.Tensor).Column(j).ToTensor(), 0, $"{a}: column {j}");
            (Tensor<double> square, Tensor<double> tangent) = Differentiate.Jvp(v => v.Square(), a.Tensor, a.Tensor);
            TensorAssert.Close([.. a.Entries.Select(e => e * e)], square, Tolerance.Exact, $"{a}: X ⊙ X");
            TensorAssert.Close([.. a.Entries.Select(e => 2 * e * e)], tangent, Tolerance.Exact, $"{a}: ∂(X ⊙ X)[X]");
        });

    [Fact]
    public void A_vector_and_a_scalar_are_their_own_transposes()
    {
        Var vector = Differentiate.Vector(1.0, 2.0, 3.0), scalar = 4.0;
        Assert.Same(vector, vector.Transpose());
        Assert.Same(scalar, scalar.Transpose());
        Assert.Equal(Shape.Matrix(3, 2), ((Var)Differentiate.Matrix(new double[2, 3])).Transpose().Shape);
    }

    [Fact]
    public void Scalars_handed_out_and_gathered_keep_their_records_and_constants_stay_constant()
    {
        // Σ_k k·x_k through ToTracked: the gradient is (0, 1, 2, …); and a constant's entries carry no record.
        Tensor<double> x = Differentiate.Matrix(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Tensor<double> grad = Differentiate.Grad(v =>
        {
            Tracked<double> sum = v.ToTracked(0) * 0.0;
            for (int k = 1; k < v.Length; k++)
                sum += v.ToTracked(k) * k;
            return sum;
        }, x);
        TensorAssert.Close([0.0, 1, 2, 3, 4, 5], grad, 0, "∂ Σ k x_k");
        Tracked<double> constant = Var.Constant(x).ToTracked(4);
        Assert.Equal(5.0, constant.Value);
        Assert.True(((Var)constant).IsConstant);
        Assert.Equal("scalar [5]", ((Var)constant).ToString());
        Assert.True(Var.FromTracked([constant, constant], Shape.Vector(2)).IsConstant);
    }

    [Fact]
    public void Unflatten_inverts_Flatten() =>
        Verify.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(1, 4), 3).Zip(Gen.Choose(0, 1000))), c =>
        {
            var network = new Perceptron(c.Item1, ActivationFunction.Tanh, ActivationFunction.Identity);
            Tensor<double>[] theta = network.Initialize<double>(c.Item2);
            for (int i = 0; i < theta.Length; i++)
                theta[i] = Tensor.Create([.. TensorAssert.Flat(theta[i]).Select((w, k) => w + i + 0.01 * k)], theta[i].Lengths);
            Tensor<double>[] back = network.Unflatten<double>(network.Flatten<double>(theta));
            Assert.Equal(theta.Length, back.Length);
            for (int i = 0; i < theta.Length; i++)
            {
                Assert.Equal(theta[i].Lengths.ToArray(), back[i].Lengths.ToArray());
                Assert.Equal(TensorAssert.Flat(theta[i]), TensorAssert.Flat(back[i]));
            }
        });

    [Fact]
    public void Large_products_of_duals_and_of_floats_equal_those_of_doubles()
    {
        // 40×40 · 40×45: past the blocked kernel's threshold, which runs for double and float only.
        const int m = 40, k = 40, n = 45;
        var random = new Random(11);
        double[] a = Entries(random, m * k), aDot = Entries(random, m * k), b = Entries(random, k * n);
        double[] product = TensorAssert.Flat(((Var)Tensor.Create(a, [m, k])).MatMul(Tensor.Create(b, [k, n])).ToTensor());
        double[] tangent = TensorAssert.Flat(((Var)Tensor.Create(aDot, [m, k])).MatMul(Tensor.Create(b, [k, n])).ToTensor());
        Assert.Equal(Plain.Flat(Plain.Multiply(Reshaped(a, m, k), Reshaped(b, k, n))), product, new Tolerant(1e-13));

        Dual<double>[] duals = [.. a.Zip(aDot, (v, d) => new Dual<double>(v, d))];
        var dualProduct = TensorVar<Dual<double>>.Constant(Tensor.Create(duals, [m, k])).MatMul(Tensor.Create(Array.ConvertAll(b, Dual<double>.Constant), [k, n]));
        Assert.Equal(product, [.. dualProduct.Values.ToArray().Select(d => d.Value)], new Tolerant(1e-13));
        Assert.Equal(tangent, [.. dualProduct.Values.ToArray().Select(d => d.Tangent)], new Tolerant(1e-13));

        var floats = TensorVar<float>.Constant(Tensor.Create(Array.ConvertAll(a, v => (float)v), [m, k])).MatMul(Tensor.Create(Array.ConvertAll(b, v => (float)v), [k, n]));
        Assert.Equal(product, [.. floats.Values.ToArray().Select(v => (double)v)], new Tolerant(1e-5));
    }

    [Fact]
    public void A_product_whose_transposed_factor_is_deeper_than_a_depth_block_equals_the_loop()
    {
        // The VJP Ā = C̄ Bᵀ of an 11×13 · 13×301 product multiplies along 301 > 256: two depth blocks of Bᵀ.
        const int m = 11, k = 13, n = 301;
        var random = new Random(5);
        double[] a = Entries(random, m * k), b = Entries(random, k * n), bar = Entries(random, m * n);
        foreach (bool single in new[] { false, true })
        {
            double[] adjoint = single
                ? [.. Differentiate.Vjp(v => v[0].MatMul(v[1]), Tensor.Create(Array.ConvertAll(a, v => (float)v), [m, k]), Tensor.Create(Array.ConvertAll(b, v => (float)v), [k, n]))
                    .Pullback.Invoke(Tensor.Create(Array.ConvertAll(bar, v => (float)v), [m, n]))[0].ToArray().Select(v => (double)v)]
                : TensorAssert.Flat(Differentiate.Vjp(v => v[0].MatMul(v[1]), Tensor.Create(a, [m, k]), Tensor.Create(b, [k, n]))
                    .Pullback.Invoke(Tensor.Create(bar, [m, n]))[0]);
            double[,] expected = Plain.Multiply(Reshaped(bar, m, n), Plain.Transpose(Reshaped(b, k, n)));
            Assert.Equal(Plain.Flat(expected), adjoint, new Tolerant(single ? 1e-5 : 1e-13));
        }
    }

    // count entries uniform in [−0.5, 0.5).
    private static double[] Entries(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => random.NextDouble() - 0.5)];

    private static double[,] Reshaped(double[] entries, int m, int n) => Theory.TheoryModels.Matrix(entries, m, n);

    // Entries equal to a relative tolerance with floor 1.
    private sealed class Tolerant(double rtol) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Tolerance.Close(x, y, rtol);
        public int GetHashCode(double obj) => 0;
    }
}
