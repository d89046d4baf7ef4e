using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;
using static Autodiff.Testing.MatrixCases;
using static Autodiff.Properties.Tensors.Plain;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// Deck 05's "three useful Jacobians" of vector functions ℝⁿ → ℝᵐ, as m×n tensors from
/// <see cref="Autodiff.Tensors.Jacobian{T}"/> (one reverse sweep per output) against the table's closed forms:
/// A x ↦ A, x ⊙ x ↦ diag(2x), σ(x) ↦ diag(σ ⊙ (1 − σ)). Exact against exact: <see cref="Tolerance.Exact"/>.
/// </summary>
public sealed class JacobianTableProperties
{
    [Fact]
    public void Jacobian_of_A_x_is_A() =>
        Verify.ForAll(Inputs.Sized((m, _, n) => [Matrix(m, n), Matrix(n, 1)]), c =>
            TensorAssert.Close(c[0].ToArray(), Differentiate.Jacobian(x => Var.Constant(c[0].Tensor).MatMul(x), c[1].Vector), Exact, "∂(Ax)/∂x = A"));

    [Fact]
    public void Jacobian_of_the_elementwise_square_is_diag_2x() =>
        Verify.ForAll(Inputs.Sized((n, _, _) => [Matrix(n, 1)]), c =>
            TensorAssert.Close(Diagonal(Scale(2, c[0].ToArray())), Differentiate.Jacobian(x => x * x, c[0].Vector), Exact, "∂(x ⊙ x)/∂x = diag(2x)"));

    [Fact]
    public void Jacobian_of_the_sigmoid_is_diag_sigma_times_one_minus_sigma() =>
        Verify.ForAll(Inputs.Sized((n, _, _) => [Matrix(n, 1)]), c =>
        {
            double[,] sigma = Map(c[0].ToArray(), v => 1 / (1 + Math.Exp(-v)));
            TensorAssert.Close(Diagonal(Hadamard(sigma, Map(sigma, s => 1 - s))), Differentiate.Jacobian(x => x.Sigmoid(), c[0].Vector), Exact, "∂σ(x)/∂x = diag(σ ⊙ (1 − σ))");
        });
}
