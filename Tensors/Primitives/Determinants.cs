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
        return ScalarPrimitive<T>.Apply(det, a, gradient, SecondOrder<T>.Determinant);
    }

    /// <summary>log |det A| = Σ log |u_ii| by LU (no overflow where det A would), gradient A⁻ᵀ.</summary>
    /// <exception cref="ArgumentException">A is not square, or is singular.</exception>
    public static TensorVar<T> LogAbsDeterminant<T>(TensorVar<T> a) where T : IFloatingPointIeee754<T>
    {
        LuFactorization<T> lu = LinearSolve<T>.Factor(a, "LogAbsDeterminant");
        return ScalarPrimitive<T>.Apply(lu.LogAbsDeterminant, a, lu.InverseTransposeRowMajor(), SecondOrder<T>.LogAbsDeterminant);
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
        return ScalarPrimitive<T>.Apply(cholesky.LogDeterminant, a, cholesky.InverseRowMajor(), SecondOrder<T>.LogDeterminantPositiveDefinite);
    }

    // Their second-order rules (ScalarPrimitive's GradientTangent), from d(A⁻¹) = −A⁻¹ Ȧ A⁻¹ (the seeds' 5.102).
    private static class SecondOrder<T> where T : IFloatingPointIeee754<T>
    {
        // G = det(A) W, W = A⁻ᵀ: Ġ = ⟨W, Ȧ⟩ G − G Ȧᵀ W (d det A = det A · tr(A⁻¹ Ȧ)).
        public static readonly GradientTangent<T> Determinant = static (inputs, gradients, _, scale, target) =>
        {
            if (inputs[0].Tangent is not T[] tangent)
                return;
            int n = inputs[0].Shape.Rows;
            ReadOnlySpan<T> aDot = tangent.AsSpan(0, n * n), g = gradients[0].AsSpan(0, n * n);
            // Stryker disable once String : the name is for a failed factorisation, and A was factorised already.
            T[] w = LinearSolve<T>.Factor(inputs[0], "Determinant").InverseTransposeRowMajor();
            TensorPrimitives.MultiplyAdd(g, scale * TensorPrimitives.Dot<T>(w, aDot), target, target);
            SubtractProduct(g, aDot, w, n, scale, target);
        };

        // G = W = A⁻ᵀ: Ġ = −W Ȧᵀ W.
        public static readonly GradientTangent<T> LogAbsDeterminant = static (inputs, gradients, _, scale, target) =>
        {
            if (inputs[0].Tangent is not T[] tangent)
                return;
            int n = inputs[0].Shape.Rows;
            ReadOnlySpan<T> w = gradients[0].AsSpan(0, n * n);
            SubtractProduct(w, tangent.AsSpan(0, n * n), w, n, scale, target);
        };

        // G = W = A⁻¹ (symmetric): Ġ = −W Ȧ W = −W Ȧᵀ W, for the symmetric directions Cholesky's one triangle can see.
        public static readonly GradientTangent<T> LogDeterminantPositiveDefinite = LogAbsDeterminant;

        // target −= s · L Ȧᵀ R (n×n).
        private static void SubtractProduct(ReadOnlySpan<T> left, ReadOnlySpan<T> aDot, ReadOnlySpan<T> right, int n, T scale, Span<T> target)
        {
            var leftAdotT = new T[n * n];
            var product = new T[n * n];
            Gemm.MultiplyTransposed(left, aDot, leftAdotT, n, n, n);
            Gemm.Multiply<T>(leftAdotT, right, product, n, n, n);
            TensorPrimitives.MultiplyAdd<T>(product, -scale, target, target);
        }
    }
}
