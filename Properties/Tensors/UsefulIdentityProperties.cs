using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;
using static Autodiff.Properties.Support.Tolerance;
using static Autodiff.Testing.MatrixCases;
using static Autodiff.Properties.Tensors.Plain;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// The seeds' "useful identities" (5.99)–(5.108), computed by the tensor primitives and compared with each right-hand
/// side evaluated on plain arrays. (5.105) and (5.107) are rows of deck 05's table, checked in
/// <see cref="IdentityTableProperties"/>.
/// </summary>
/// <remarks>
/// (5.99)–(5.102) are chain rules through an inner matrix function f. They are checked along a random direction V,
/// where ∂f/∂X becomes the directional derivative ḟ = ∂f/∂X [V]: forward mode gives ∂(g ∘ f)/∂X [V] directly, and
/// for a scalar g reverse mode gives it as ⟨∂(g ∘ f)/∂X, V⟩. The inner function is
/// f(X) = (n+1) I + tanh(X) B with |b_ij| ≤ 1/n: nonlinear, not symmetric (so a lost transpose shows), and
/// diagonally dominant by at least 1 for every X, so ‖f⁻¹‖∞ ≤ 1 and det f ≠ 0; ḟ = (sech²(X) ⊙ V) B.
/// With inverses this well conditioned, the exact modes agree with the closed forms to <see cref="Exact"/>.
/// </remarks>
public sealed class UsefulIdentityProperties
{
    // X, V and B (|b_ij| ≤ 1/n), all n×n.
    private static Arbitrary<Inputs> InnerFunctionCases =>
        Inputs.Sized((n, _, _) => [Matrix(n, n), Matrix(n, n), Entries(n * n, -1.0 / n, 1.0 / n).Select(e => new MatrixCase(n, n, e))]);

    private static Var F(Var x, MatrixCase b)
    {
        int n = b.Rows;
        return x.Tanh().MatMul(b.Tensor) + Var.Constant(Autodiff.Tensors.Matrix(Scale(n + 1, Identity(n))));
    }

    private static double[,] PlainF(Inputs c) =>
        Add(Scale(c[2].Rows + 1, Identity(c[2].Rows)), Multiply(Map(c[0].ToArray(), Math.Tanh), c[2].ToArray()));

    private static double[,] PlainFDot(Inputs c) =>
        Multiply(Hadamard(Map(c[0].ToArray(), x => 1 / (Math.Cosh(x) * Math.Cosh(x))), c[1].ToArray()), c[2].ToArray());

    // ∂g/∂X [V] of a scalar g by forward mode and as ⟨∂g/∂X, V⟩ by reverse mode, both against the closed form.
    private static void AssertDirectional(double expected, Func<Var, Var> g, Inputs c, string what)
    {
        AssertClose(expected, TensorAssert.Flat(Differentiate.Jvp(g, c[0].Tensor, c[1].Tensor).Tangent)[0], Exact, $"{what} (forward)");
        double[] gradient = TensorAssert.Flat(Differentiate.Grad(g, c[0].Tensor));
        AssertClose(expected, gradient.Zip(c[1].Entries, (a, b) => a * b).Sum(), Exact, $"{what} (reverse, ⟨∂/∂X, V⟩)");
    }

    [Fact]
    public void Eq_5_99_derivative_of_a_transpose_is_the_transposed_derivative() =>
        Verify.ForAll(InnerFunctionCases, c =>
            TensorAssert.Close(Transpose(PlainFDot(c)), Differentiate.Jvp(x => F(x, c[2]).Transpose(), c[0].Tensor, c[1].Tensor).Tangent, Exact, "∂f(X)ᵀ/∂X [V] = ḟᵀ"));

    [Fact]
    public void Eq_5_100_derivative_of_a_trace_is_the_trace_of_the_derivative() =>
        Verify.ForAll(InnerFunctionCases, c =>
            AssertDirectional(Trace(PlainFDot(c)), x => F(x, c[2]).Trace(), c, "∂ tr f(X)/∂X [V] = tr ḟ"));

    [Fact]
    public void Eq_5_101_derivative_of_a_determinant_is_det_f_times_trace_of_f_inverse_times_derivative() =>
        Verify.ForAll(InnerFunctionCases, c =>
        {
            double[,] f = PlainF(c);
            AssertDirectional(Determinant(f) * Trace(Multiply(Inverse(f), PlainFDot(c))), x => F(x, c[2]).Determinant(), c, "∂ det f(X)/∂X [V] = det(f) tr(f⁻¹ ḟ)");
        });

    [Fact]
    public void Eq_5_102_derivative_of_an_inverse_is_minus_f_inverse_times_derivative_times_f_inverse() =>
        Verify.ForAll(InnerFunctionCases, c =>
        {
            double[,] inverse = Inverse(PlainF(c));
            TensorAssert.Close(Scale(-1, Multiply(inverse, PlainFDot(c), inverse)), Differentiate.Jvp(x => F(x, c[2]).Inverse(), c[0].Tensor, c[1].Tensor).Tangent, Exact, "∂f⁻¹/∂X [V] = −f⁻¹ ḟ f⁻¹");
        });

    [Fact]
    public void Eq_5_103_gradient_of_a_transposed_X_inverse_b_by_inverse_and_by_solve() =>
        Verify.ForAll(Inputs.Sized((n, _, _) => [WellConditioned(n), Matrix(n, 1), Matrix(n, 1)]), c =>
        {
            double[,] inverseTransposed = Transpose(Inverse(c[0].ToArray()));
            double[,] expected = Scale(-1, Multiply(inverseTransposed, c[1].ToArray(), Transpose(c[2].ToArray()), inverseTransposed));
            Var a = Var.Constant(c[1].Vector);
            TensorAssert.Close(expected, Differentiate.Grad(x => a.MatMul(x.Inverse()).MatMul(c[2].Vector), c[0].Tensor), Exact, "∂(aᵀX⁻¹b)/∂X = −X⁻ᵀabᵀX⁻ᵀ (Inverse)");
            TensorAssert.Close(expected, Differentiate.Grad(x => a.MatMul(x.Solve(c[2].Vector)), c[0].Tensor), Exact, "∂(aᵀX⁻¹b)/∂X = −X⁻ᵀabᵀX⁻ᵀ (Solve)");
        });

    [Fact]
    public void Eq_5_104_gradient_of_x_transposed_a_is_a_transposed() =>
        Verify.ForAll(Inputs.Sized((n, _, _) => [Matrix(n, 1), Matrix(n, 1)]), c =>
            TensorAssert.Close(Transpose(c[1].ToArray()), Differentiate.Grad(x => x.MatMul(c[1].Vector), c[0].Vector), Exact, "∂(xᵀa)/∂x = aᵀ"));

    [Fact]
    public void Eq_5_106_gradient_of_a_transposed_X_b_is_a_b_transposed() =>
        Verify.ForAll(Inputs.Sized((m, _, n) => [Matrix(m, n), Matrix(m, 1), Matrix(n, 1)]), c =>
            TensorAssert.Close(Multiply(c[1].ToArray(), Transpose(c[2].ToArray())), Differentiate.Grad(x => Var.Constant(c[1].Vector).MatMul(x).MatMul(c[2].Vector), c[0].Tensor), Exact, "∂(aᵀXb)/∂X = abᵀ"));

    [Fact]
    public void Eq_5_108_gradient_of_a_weighted_squared_residual_for_symmetric_W() =>
        // x ∈ ℝᵐ, A m×n, s ∈ ℝⁿ, W = (M + Mᵀ)/2 symmetric m×m.
        Verify.ForAll(Inputs.Sized((m, _, n) => [Matrix(m, 1), Matrix(m, n), Matrix(n, 1), Matrix(m, m)]), c =>
        {
            double[,] a = c[1].ToArray(), w = Scale(0.5, Add(c[3].ToArray(), Transpose(c[3].ToArray())));
            double[,] residual = Subtract(c[0].ToArray(), Multiply(a, c[2].ToArray()));
            Var weight = Var.Constant(Autodiff.Tensors.Matrix(w));
            TensorAssert.Close(Scale(-2, Multiply(Transpose(residual), w, a)), Differentiate.Grad(s =>
            {
                Var e = Var.Constant(c[0].Vector) - Var.Constant(c[1].Tensor).MatMul(s);
                return e.MatMul(weight).MatMul(e);
            }, c[2].Vector), Exact, "∂(x − As)ᵀW(x − As)/∂s = −2(x − As)ᵀWA");
        });
}
