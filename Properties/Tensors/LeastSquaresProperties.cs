using FsCheck;
using FsCheck.Fluent;
using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;
using static Autodiff.Testing.MatrixCases;
using static Autodiff.Properties.Tensors.Plain;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// The seeds' least-squares example: the linear model y = Φθ with loss L(θ) = ‖e‖², e = y − Φθ. Reverse mode
/// through the tensor primitives gives the seeds' ∂L/∂θ = −2(y − Φθ)ᵀΦ; the normal-equation solution
/// θ* = (ΦᵀΦ)⁻¹Φᵀy, computed by <see cref="TensorVar{T}.Solve"/>, has zero gradient, equals the plain closed form,
/// and is where plain gradient descent on the AD gradient ends.
/// </summary>
public sealed class LeastSquaresProperties
{
    private static Var Loss(Var theta, MatrixCase phi, MatrixCase y) => (Var.Constant(y.Vector) - Var.Constant(phi.Tensor).MatMul(theta)).SquaredNorm();

    /// <summary>
    /// N×D features Φ = [I + E; F] (N = D + m − 1 ≥ D, E and F with entries in [−0.1, 0.1]), with y and θ. Then
    /// ‖E‖₂ ≤ ‖E‖_F ≤ 0.5 and ‖F‖₂ ≤ ‖F‖_F &lt; 0.5, so Φ's singular values lie in [0.5, 2]: the Hessian 2ΦᵀΦ has
    /// its eigenvalues in [0.5, 8], and gradient descent with the step 2/(0.5 + 8) = 4/17 (safely below 2/8)
    /// contracts the error by (8 − 0.5)/(8 + 0.5) = 15/17 a step at least.
    /// </summary>
    private static Arbitrary<Inputs> WellPosed =>
        Inputs.Sized((m, _, d) =>
        [
            Entries((d + m - 1) * d, -0.1, 0.1).Select(e =>
            {
                for (int i = 0; i < d; i++)
                    e[i * d + i] += 1;
                return new MatrixCase(d + m - 1, d, e);
            }),
            Matrix(d + m - 1, 1),
        ]);

    [Fact]
    public void Gradient_of_the_squared_error_is_minus_twice_the_error_transposed_times_Phi() =>
        // Any shapes: N×D features Φ, θ ∈ ℝᴰ, y ∈ ℝᴺ.
        Verify.ForAll(Inputs.Sized((n, _, d) => [Matrix(n, d), Matrix(d, 1), Matrix(n, 1)]), c =>
        {
            double[,] phi = c[0].ToArray(), e = Subtract(c[2].ToArray(), Multiply(phi, c[1].ToArray()));
            TensorAssert.Close(Scale(-2, Multiply(Transpose(e), phi)), Differentiate.Grad(theta => Loss(theta, c[0], c[2]), c[1].Vector), Exact, "∂L/∂θ = −2(y − Φθ)ᵀΦ");
        });

    [Fact]
    public void Normal_equation_solution_has_zero_gradient_and_is_the_limit_of_gradient_descent() =>
        Verify.ForAll(WellPosed, c =>
        {
            MatrixCase phi = c[0], y = c[1];
            Var features = Var.Constant(phi.Tensor);
            double[] solution = features.Transpose().MatMul(features).Solve(features.Transpose().MatMul(y.Vector)).Values.ToArray();
            double[,] plain = Multiply(Inverse(Multiply(Transpose(phi.ToArray()), phi.ToArray())), Transpose(phi.ToArray()), y.ToArray());
            TensorAssert.Close(Flat(plain), solution, Exact, "θ* by TensorVar.Solve vs (ΦᵀΦ)⁻¹Φᵀy on plain arrays");
            // Zero to rounding: the residual's error is ≈ ε (|y| + |Φ||θ*|) ≤ 10⁻¹⁴ here, scaled by 2|Φ|N in the gradient.
            foreach (double g in TensorAssert.Flat(Differentiate.Grad(theta => Loss(theta, phi, y), Autodiff.Tensors.Vector(solution))))
                AssertClose(0, g, Exact, "∂L/∂θ at θ*");
            // From θ = 0, 300 steps leave at most (15/17)³⁰⁰ ≈ 10⁻¹⁶ of ‖θ*‖ ≤ ‖y‖/0.5 ≤ 12: the rest is rounding.
            var theta = new double[phi.Columns];
            for (int step = 0; step < 300; step++)
            {
                double[] gradient = TensorAssert.Flat(Differentiate.Grad(t => Loss(t, phi, y), Autodiff.Tensors.Vector(theta)));
                for (int i = 0; i < theta.Length; i++)
                    theta[i] -= 4.0 / 17 * gradient[i];
            }
            TensorAssert.Close(solution, theta, Exact, "gradient descent's limit vs θ*");
        });
}
