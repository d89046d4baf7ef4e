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
        LuFactorization<T> lu = Factor(a, "Determinant");
        T det = lu.Determinant;
        T[] gradient = InverseTranspose(lu);
        TensorPrimitives.Multiply(gradient, det, gradient);
        return ScalarPrimitive<T>.Apply(det, a, gradient);
    }

    /// <summary>log |det A| = Σ log |u_ii| by LU (no overflow where det A would), gradient A⁻ᵀ.</summary>
    /// <exception cref="ArgumentException">A is not square, or is singular.</exception>
    public static TensorVar<T> LogAbsDeterminant<T>(TensorVar<T> a) where T : IFloatingPointIeee754<T>
    {
        LuFactorization<T> lu = Factor(a, "LogAbsDeterminant");
        return ScalarPrimitive<T>.Apply(lu.LogAbsDeterminant, a, InverseTranspose(lu));
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
        RequireSymmetric(a, n, operation);
        CholeskyFactorization<T> cholesky = CholeskyFactorization<T>.FactorRowMajor(a.Values, n).Match(
            l => l,
            error => throw new ArgumentException($"{operation}: A ({a.Shape}) is not positive definite: {error.Message}"));
        return ScalarPrimitive<T>.Apply(cholesky.LogDeterminant, a, cholesky.InverseRowMajor());
    }

    private static LuFactorization<T> Factor<T>(TensorVar<T> a, string operation) where T : IFloatingPointIeee754<T>
    {
        SquareMatrix.Order(a, operation);
        return LinearSolve<T>.Factor(a, operation);
    }

    private static T[] InverseTranspose<T>(LuFactorization<T> lu) where T : IFloatingPointIeee754<T>
    {
        int n = lu.Order;
        var identity = new T[n * n];
        identity.AsSpan().Fill(T.Zero);
        for (int i = 0; i < n; i++)
            identity[i * n + i] = T.One;
        return lu.SolveTransposedRowMajor(identity, n);
    }

    // Cholesky reads one triangle; a non-symmetric A would silently be replaced by its lower half.
    private static void RequireSymmetric<T>(TensorVar<T> a, int n, string operation) where T : IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> v = a.Values;
        T tolerance = T.CreateChecked(1e-10) * TensorPrimitives.MaxMagnitude(v);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (T.Abs(v[i * n + j] - v[j * n + i]) > T.Abs(tolerance))
                    throw new ArgumentException(
                        $"{operation}: A is not symmetric: A[{i}, {j}] = {v[i * n + j]} but A[{j}, {i}] = {v[j * n + i]}.");
    }
}
