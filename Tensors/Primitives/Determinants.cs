using System.Numerics;
using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>
/// det A, log |det A| and, for symmetric positive definite A, log det A — scalar primitives whose gradients are the
/// seeds' ∂ det A/∂A = det(A) A⁻ᵀ ((5.101) with f(X) = X) and ∂ log |det A|/∂A = A⁻ᵀ.
/// </summary>
internal static class Determinants
{
    /// <summary>det A by LU, gradient det(A) A⁻ᵀ.</summary>
    /// <exception cref="ArgumentException">A is not square, or is singular (its gradient A⁻ᵀ would not exist).</exception>
    public static TensorVar<T> Determinant<T>(TensorVar<T> a) where T : IFloatingPointIeee754<T>
    {
        LuFactorization<T> lu = LinearSolve<T>.Factor(a, "Determinant");
        T det = lu.Determinant;
        T[] gradient = lu.InverseTransposeRowMajor();
        TensorPrimitives.Multiply(gradient, det, gradient);
        return ScalarPrimitive<T>.Apply(det, a, gradient);
    }

    /// <summary>log |det A| = Σ log |u_ii| by LU (no overflow where det A would), gradient A⁻ᵀ.</summary>
    /// <exception cref="ArgumentException">A is not square, or is singular.</exception>
    public static TensorVar<T> LogAbsDeterminant<T>(TensorVar<T> a) where T : IFloatingPointIeee754<T>
    {
        LuFactorization<T> lu = LinearSolve<T>.Factor(a, "LogAbsDeterminant");
        return ScalarPrimitive<T>.Apply(lu.LogAbsDeterminant, a, lu.InverseTransposeRowMajor());
    }

    /// <summary>
    /// log det A = 2 Σ log l_ii by Cholesky, for symmetric positive definite A (half the work of LU, and the check
    /// that A ≻ 0 comes free); gradient A⁻¹ = A⁻ᵀ.
    /// </summary>
    /// <exception cref="ArgumentException">A is not square, not symmetric, or not positive definite.</exception>
    public static TensorVar<T> LogDeterminantPositiveDefinite<T>(TensorVar<T> a) where T : IFloatingPointIeee754<T>
    {
        const string operation = "LogDeterminantPositiveDefinite";
        int n = SquareMatrix.Order(a, operation);
        MatrixArguments.Symmetric(a.Values, n, "A", $"{operation}: ");
        CholeskyFactorization<T> cholesky = CholeskyFactorization<T>.FactorRowMajor(a.Values, n).Match(
            l => l,
            error => throw new ArgumentException($"{operation}: A ({a.Shape}) is not positive definite: {error.Message}"));
        return ScalarPrimitive<T>.Apply(cholesky.LogDeterminant, a, cholesky.InverseRowMajor());
    }
}
