using System.Numerics;

namespace Autodiff;

/// <summary>
/// Eigenvalues (and eigenvectors) of a real symmetric matrix by the cyclic Jacobi method: the curvature of a
/// Hessian — its definiteness, condition number and directions of extreme curvature.
/// </summary>
/// <remarks>
/// Each Jacobi rotation J (in the plane of p and q, angle chosen so that (JᵀAJ)_pq = 0) is an orthogonal
/// similarity, so it keeps the eigenvalues and the Frobenius norm ‖A‖_F while moving weight from the off-diagonal
/// to the diagonal: off(JᵀAJ)² = off(A)² − 2 a_pq². Sweeping every pair (p, q), p &lt; q, in row order drives
/// off(A) = (Σ_{i≠j} a_ij²)^½ to zero, quadratically once it is small (Golub &amp; Van Loan §8.5). Sweeps stop when
/// off(A) ≤ max(10⁻¹⁴, ε) · ‖A‖_F, or after 100 sweeps (a handful suffice in practice). The rotation angle is
/// taken with |θ| ≤ π/4 (t = tan θ = sign(τ) / (|τ| + √(1 + τ²)), τ = (a_qq − a_pp) / 2a_pq), which keeps the
/// diagonal updates a_pp − t a_pq, a_qq + t a_pq accurate. The matrix is scaled by a power of two first, so
/// the squares cannot overflow or underflow and the scaling itself is exact.
/// The input must be symmetric to within |a_ij − a_ji| ≤ 10⁻¹⁰ · max|a_kl| (a Hessian computed in reverse mode
/// is symmetric only up to rounding); the method works on the symmetric part (A + Aᵀ)/2.
/// </remarks>
public static class SymmetricEigen
{
    private const int MaxSweeps = 100;

    /// <summary>The eigenvalues λ₁ ≤ λ₂ ≤ … ≤ λₙ of the symmetric n×n matrix a, ascending.</summary>
    /// <param name="a">The symmetric matrix (not modified).</param>
    /// <exception cref="ArgumentNullException">a is null.</exception>
    /// <exception cref="ArgumentException">a is empty, not square, not symmetric, or has a NaN or infinite entry.</exception>
    public static T[] Values<T>(T[,] a) where T : IFloatingPointIeee754<T> =>
        Jacobi(a, nameof(a), withVectors: false).Values;

    /// <summary>
    /// The eigenvalues λ₁ ≤ … ≤ λₙ of the symmetric n×n matrix a, ascending, and an orthonormal matrix V whose
    /// column k is an eigenvector for λₖ: A V = V diag(λ), Vᵀ V = I.
    /// </summary>
    /// <param name="a">The symmetric matrix (not modified).</param>
    /// <exception cref="ArgumentNullException">a is null.</exception>
    /// <exception cref="ArgumentException">a is empty, not square, not symmetric, or has a NaN or infinite entry.</exception>
    public static (T[] Values, T[,] Vectors) Decompose<T>(T[,] a) where T : IFloatingPointIeee754<T>
    {
        (T[] values, T[,]? vectors) = Jacobi(a, nameof(a), withVectors: true);
        return (values, vectors!);
    }

    private static (T[] Values, T[,]? Vectors) Jacobi<T>(T[,] a, string name, bool withVectors)
        where T : IFloatingPointIeee754<T>
    {
        int n = MatrixArguments.Square(a, name);
        MatrixArguments.Symmetric<T>(RowMajor.Of(a, n), n, name);

        // Work on 2⁻ᵉ · (A + Aᵀ)/2 with 2ᵉ ≈ max|a_ij|, so every entry is at most 1 in magnitude.
        T max = MatrixArguments.MaxAbs(a, n);
        int exponent = T.IsZero(max) ? 0 : T.ILogB(max);
        var w = new T[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                w[i, j] = (T.ScaleB(a[i, j], -exponent) + T.ScaleB(a[j, i], -exponent)) / T.CreateChecked(2);

        T[,]? v = null;
        if (withVectors)
        {
            v = new T[n, n];
            for (int i = 0; i < n; i++)
                v[i, i] = T.One;
        }

        // The stop test only saves sweeps: a sweep of a matrix already diagonal to rounding changes it by rounding,
        // so a smaller threshold (or none) gives the same values and vectors, later. No test can see it but a clock.
        // Stryker disable all : the threshold only decides how many sweeps run (see above).
        T frobenius = T.Zero;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                frobenius += w[i, j] * w[i, j];
        T tolerance = T.Max(T.CreateChecked(1e-14), Precision<T>.Epsilon);
        T threshold = tolerance * tolerance * frobenius; // compare squares: off² ≤ tol² ‖A‖_F²
        // Stryker restore all

        // Stryker disable once Equality,Logical,Update : the stop test only saves sweeps (see above).
        for (int sweep = 0; sweep < MaxSweeps && OffDiagonalSquared(w, n) > threshold; sweep++)
            Sweep(w, v, n);

        var values = new T[n];
        for (int i = 0; i < n; i++)
            values[i] = T.ScaleB(w[i, i], exponent);
        if (v is null)
        {
            Array.Sort(values);
            return (values, null);
        }

        int[] order = Enumerable.Range(0, n).ToArray();
        Array.Sort(values, order);
        var sorted = new T[n, n];
        for (int k = 0; k < n; k++)
            for (int i = 0; i < n; i++)
                sorted[i, k] = v[i, order[k]];
        return (values, sorted);
    }

    // Σ_{i≠j} w_ij².
    private static T OffDiagonalSquared<T>(T[,] w, int n) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j)
                    sum += w[i, j] * w[i, j];
        return sum;
    }

    // One cyclic sweep: a rotation for every pair p < q.
    private static void Sweep<T>(T[,] w, T[,]? v, int n) where T : IFloatingPointIeee754<T>
    {
        for (int p = 0; p < n - 1; p++)
            for (int q = p + 1; q < n; q++)
                Rotate(w, v, n, p, q);
    }

    // W ← Jᵀ W J and V ← V J, with J the rotation in the (p, q) plane that zeroes w_pq:
    // J_pp = J_qq = c, J_pq = s, J_qp = −s, t = s/c the smaller root of t² + 2τt − 1 = 0.
    private static void Rotate<T>(T[,] w, T[,]? v, int n, int p, int q) where T : IFloatingPointIeee754<T>
    {
        T apq = w[p, q];
        if (T.IsZero(apq))
            return;
        T tau = (w[q, q] - w[p, p]) / (apq + apq);
        T t = (T.IsNegative(tau) ? -T.One : T.One) / (T.Abs(tau) + T.Hypot(T.One, tau));
        T c = T.One / T.Hypot(T.One, t);
        T s = t * c;

        for (int r = 0; r < n; r++)
        {
            if (r == p || r == q)
                continue;
            T arp = w[r, p], arq = w[r, q];
            w[r, p] = w[p, r] = c * arp - s * arq;
            w[r, q] = w[q, r] = s * arp + c * arq;
        }
        w[p, p] -= t * apq;
        w[q, q] += t * apq;
        w[p, q] = w[q, p] = T.Zero;

        if (v is null)
            return;
        for (int r = 0; r < n; r++)
        {
            T vrp = v[r, p], vrq = v[r, q];
            v[r, p] = c * vrp - s * vrq;
            v[r, q] = s * vrp + c * vrq;
        }
    }
}
