using System.Numerics.Tensors;
using FsCheck;
using FsCheck.Fluent;
using Autodiff.Properties.Support;
using static Autodiff.Testing.MatrixCases;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// Bad input is rejected with an <see cref="ArgumentException"/> that says what is wrong: shapes that do not fit
/// name both shapes (as "2×3" and "4×5"), and singular, indefinite and non-symmetric matrices are called so, for
/// random shapes and entries; a gradient of a non-scalar, a cotangent of the wrong length and a tensor of rank 3
/// are refused by every combinator.
/// </summary>
public sealed class TensorBadInputTests
{
    /// <summary>An m×n and an (m + d)×q matrix, m ≥ 2 and d ≥ 1: the rows differ and neither broadcasts.</summary>
    private static Arbitrary<Inputs> RowsDiffer =>
        Arb.From(
            from m in Gen.Choose(2, 5)
            from d in Gen.Choose(1, 3)
            from n in Dimension
            from q in Dimension
            from x in Matrix(m, n)
            from y in Matrix(m + d, q)
            select new Inputs([x, y]));

    /// <summary>An n×n matrix with its last row a copy of its first (n ≥ 2): exactly singular, as LU sees it too.</summary>
    private static Arbitrary<Inputs> Singular =>
        Arb.From(
            from n in Gen.Choose(2, 5)
            from a in Matrix(n, n)
            select new Inputs([new MatrixCase(n, n, [.. a.Entries[..^n], .. a.Entries[..n]])]));

    private static Var Constant(MatrixCase a) => Var.Constant(a.Tensor);

    private static MatrixCase Zeros(int m, int n) => new(m, n, new double[m * n]);

    // The exception's message names the shapes of all the operands.
    private static void NamesShapes(Action act, string what, params MatrixCase[] operands)
    {
        string message = Assert.ThrowsAny<ArgumentException>(act).Message;
        foreach (MatrixCase a in operands)
            Assert.True(message.Contains($"{a.Rows}×{a.Columns}", StringComparison.Ordinal), $"{what}: \"{message}\" does not name {a.Rows}×{a.Columns}");
    }

    private static void Says(string fragment, Action act) =>
        Assert.Contains(fragment, Assert.ThrowsAny<ArgumentException>(act).Message, StringComparison.Ordinal);

    [Fact]
    public void Entrywise_operations_on_shapes_that_do_not_broadcast_name_both_shapes() =>
        Verify.ForAll(RowsDiffer, c =>
        {
            NamesShapes(() => _ = Constant(c[0]) + Constant(c[1]), "+", c[0], c[1]);
            NamesShapes(() => _ = Constant(c[0]) - Constant(c[1]), "−", c[0], c[1]);
            NamesShapes(() => _ = Constant(c[0]) * Constant(c[1]), "⊙", c[0], c[1]);
            NamesShapes(() => _ = Constant(c[1]) / Constant(c[0]), "⊘", c[1], c[0]);
            NamesShapes(() => Constant(c[0]).Dot(Constant(c[1])), "Dot", c[0], c[1]);
        });

    [Fact]
    public void Products_solves_and_tangents_that_do_not_fit_name_both_shapes() =>
        Verify.ForAll(RowsDiffer, c =>
        {
            // n×m times (m + d)×q: the inner dimensions differ.
            MatrixCase left = Zeros(c[0].Columns, c[0].Rows), square = Zeros(c[0].Rows, c[0].Rows);
            NamesShapes(() => Constant(left).MatMul(Constant(c[1])), "MatMul", left, c[1]);
            NamesShapes(() => Constant(square).Solve(Constant(c[1])), "Solve", square, c[1]);
            NamesShapes(() => Differentiate.Jvp(x => x, c[0].Tensor, c[1].Tensor), "Jvp tangent", c[0], c[1]);
        });

    [Fact]
    public void Square_matrix_operations_on_a_rectangular_matrix_name_its_shape() =>
        Verify.ForAll(RowsDiffer, c =>
        {
            // m × (m + d) is never square.
            MatrixCase rectangular = Zeros(c[0].Rows, c[1].Rows);
            NamesShapes(() => Constant(rectangular).Trace(), "Trace", rectangular);
            NamesShapes(() => Constant(rectangular).Inverse(), "Inverse", rectangular);
            NamesShapes(() => Constant(rectangular).Determinant(), "Determinant", rectangular);
            NamesShapes(() => Constant(rectangular).LogDeterminantPositiveDefinite(), "LogDeterminantPositiveDefinite", rectangular);
        });

    [Fact]
    public void Singular_matrices_are_called_singular_by_solve_inverse_and_determinants() =>
        Verify.ForAll(Singular, c =>
        {
            Var a = Constant(c[0]);
            Says("singular", () => a.Solve(Var.Constant(Autodiff.Tensors.Vector(new double[c[0].Rows]))));
            Says("singular", () => a.Inverse());
            Says("singular", () => a.Determinant());
            Says("singular", () => a.LogAbsDeterminant());
            Says("singular", () => Differentiate.Grad(x => x.LogAbsDeterminant(), c[0].Tensor));
        });

    [Fact]
    public void Cholesky_log_det_refuses_indefinite_and_non_symmetric_matrices() =>
        Verify.ForAll(Inputs.Sized((n, _, _) => [PositiveDefinite(Math.Max(n, 2))]), c =>
        {
            int n = c[0].Rows;
            Says("not positive definite", () => (-Constant(c[0])).LogDeterminantPositiveDefinite());
            double[] skewed = (double[])c[0].Entries.Clone();
            skewed[1] += 1;   // a_01 ≠ a_10
            Says("not symmetric", () => Var.Constant(new MatrixCase(n, n, skewed).Tensor).LogDeterminantPositiveDefinite());
        });

    [Fact]
    public void Gradient_of_a_non_scalar_function_is_refused()
    {
        Tensor<double> x = Autodiff.Tensors.Matrix(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Says("needs a scalar", () => Differentiate.Grad(v => v * 2.0, x));
        Says("needs a scalar", () => Differentiate.ValueAndGrad(v => v[0].MatMul(v[1].Transpose()), x, x));
    }

    [Fact]
    public void A_cotangent_of_the_wrong_length_is_refused_naming_the_output_shape()
    {
        Tensor<double> x = Autodiff.Tensors.Matrix(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        TensorPullback<double> pullback = Differentiate.Vjp(v => v.Transpose(), x).Pullback;
        Says("3×2", () => pullback.Invoke(Autodiff.Tensors.Vector(1.0, 2.0, 3.0, 4.0, 5.0)));
        Says("3×2", () => pullback.Invoke(Autodiff.Tensors.Vector(new double[7])));
    }

    [Fact]
    public void A_rank_3_tensor_is_refused_by_every_entry_point()
    {
        Tensor<double> cube = Tensor.Create(new double[8], [2, 2, 2]);
        Tensor<double> matrix = Autodiff.Tensors.Matrix(new double[,] { { 1, 2 }, { 3, 4 } });
        const string lengths = "[2, 2, 2]";
        Says(lengths, () => Var.Constant(cube));
        Says(lengths, () => Differentiate.Grad(v => v.Sum(), cube));
        Says(lengths, () => Differentiate.Grad(v => v[0].Sum() + v[1].Sum(), matrix, cube));
        Says(lengths, () => Differentiate.Vjp(v => v, cube));
        Says(lengths, () => Differentiate.Jvp(v => v, cube, cube));
        Says(lengths, () => Differentiate.Jvp(v => v, matrix, cube));
        Says(lengths, () => Differentiate.Jacobian(v => v, cube));
    }
}
