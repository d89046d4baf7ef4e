using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;
using static Autodiff.Testing.MatrixCases;
using static Autodiff.Properties.Tensors.Plain;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// Deck 05's "six identities you will use often", one property per row: the gradient (or Jacobian) that reverse
/// mode computes through the tensor primitives equals the row's closed form evaluated on plain arrays (see
/// <see cref="Plain"/>), at random shapes and entries. Both sides are exact, so they agree to
/// <see cref="Tolerance.Exact"/>: the only inverses are of matrices with cond∞ ≤ 2n + 1 ≤ 11 (diagonally dominant)
/// or cond₂ ≤ 1 + n² ≤ 26 (MᵀM + I; see <see cref="MatrixCases"/>), which costs at most two decimal digits of the
/// sixteen, leaving the eleven asked for.
/// </summary>
public sealed class IdentityTableProperties
{
    [Fact]
    public void Gradient_of_a_transposed_x_is_a_transposed() =>
        Verify.ForAll(Inputs.Sized((n, _, _) => [Matrix(n, 1), Matrix(n, 1)]), c =>
            TensorAssert.Close(Transpose(c[0].ToArray()), Differentiate.Grad(x => Var.Constant(c[0].Vector).MatMul(x), c[1].Vector), Exact, "∂(aᵀx)/∂x = aᵀ"));

    [Fact]
    public void Gradient_of_a_quadratic_form_is_x_transposed_times_A_plus_A_transposed() =>
        Verify.ForAll(Inputs.Sized((n, _, _) => [Matrix(n, n), Matrix(n, 1)]), c =>
        {
            double[,] a = c[0].ToArray(), x = c[1].ToArray();
            TensorAssert.Close(Multiply(Transpose(x), Add(a, Transpose(a))), Differentiate.Grad(v => v.MatMul(c[0].Tensor).MatMul(v), c[1].Vector), Exact, "∂(xᵀAx)/∂x = xᵀ(A + Aᵀ)");
            // For symmetric S the row reads 2xᵀS; the table prints "2Axᵀ", to be read as (2Sx)ᵀ.
            Var symmetric = (Var.Constant(c[0].Tensor) + Var.Constant(c[0].Tensor).Transpose()) * 0.5;
            double[,] s = Scale(0.5, Add(a, Transpose(a)));
            TensorAssert.Close(Scale(2, Multiply(Transpose(x), s)), Differentiate.Grad(v => v.MatMul(symmetric).MatMul(v), c[1].Vector), Exact, "∂(xᵀSx)/∂x = 2xᵀS");
        });

    [Fact]
    public void Gradient_of_a_squared_residual_is_twice_the_residual_transposed_times_A() =>
        Verify.ForAll(Inputs.Sized((m, _, n) => [Matrix(m, n), Matrix(n, 1), Matrix(m, 1)]), c =>
        {
            double[,] a = c[0].ToArray(), residual = Subtract(Multiply(a, c[1].ToArray()), c[2].ToArray());
            TensorAssert.Close(Scale(2, Multiply(Transpose(residual), a)), Differentiate.Grad(x => (Var.Constant(c[0].Tensor).MatMul(x) - c[2].Vector).SquaredNorm(), c[1].Vector), Exact, "∂‖Ax − b‖²/∂x = 2(Ax − b)ᵀA");
        });

    [Fact]
    public void Gradient_of_log_det_of_a_positive_definite_matrix_is_the_inverse_transposed_by_LU_and_by_Cholesky() =>
        Verify.ForAll(Inputs.Sized((n, _, _) => [PositiveDefinite(n)]), c =>
        {
            double[,] expected = Transpose(Inverse(c[0].ToArray()));
            TensorAssert.Close(expected, Differentiate.Grad(a => a.LogAbsDeterminant(), c[0].Tensor), Exact, "∂ log|det A|/∂A = (A⁻¹)ᵀ");
            TensorAssert.Close(expected, Differentiate.Grad(a => a.LogDeterminantPositiveDefinite(), c[0].Tensor), Exact, "∂ log det A/∂A = (A⁻¹)ᵀ (Cholesky)");
        });

    [Fact]
    public void Gradient_of_log_abs_det_of_any_invertible_matrix_is_the_inverse_transposed() =>
        // Off the symmetric matrices the transpose is visible: A⁻¹ in its place would fail.
        Verify.ForAll(Inputs.Sized((n, _, _) => [WellConditioned(n)]), c =>
            TensorAssert.Close(Transpose(Inverse(c[0].ToArray())), Differentiate.Grad(a => a.LogAbsDeterminant(), c[0].Tensor), Exact, "∂ log|det A|/∂A = (A⁻¹)ᵀ"));

    [Fact]
    public void Gradient_of_the_trace_of_a_product_is_the_second_factor_transposed() =>
        Verify.ForAll(Inputs.Sized((m, _, n) => [Matrix(m, n), Matrix(n, m)]), c =>
            TensorAssert.Close(Transpose(c[1].ToArray()), Differentiate.Grad(a => a.MatMul(c[1].Tensor).Trace(), c[0].Tensor), Exact, "∂ tr(AB)/∂A = Bᵀ"));

    [Fact]
    public void Jacobian_of_softmax_is_diag_sigma_minus_sigma_sigma_transposed() =>
        Verify.ForAll(Inputs.Sized((n, _, _) => [Matrix(n, 1)]), c =>
        {
            double[] x = c[0].Entries;
            double total = x.Sum(Math.Exp);
            double[,] sigma = Map(c[0].ToArray(), v => Math.Exp(v) / total);
            TensorAssert.Close(Subtract(Diagonal(sigma), Multiply(sigma, Transpose(sigma))), Differentiate.Jacobian(v => v.Softmax(), c[0].Vector), Exact, "∂σ/∂x = diag(σ) − σσᵀ");
        });
}
