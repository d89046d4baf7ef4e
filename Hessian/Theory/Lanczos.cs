using System.Numerics;

namespace Autodiff;

/// <summary>
/// The top-k eigenpairs λ₁ ≥ … ≥ λ_k of a symmetric operator given only its product v ↦ A v (for a Hessian, HVPs):
/// the seeds' "∇²L = UΛUᵀ" for models whose Hessian is never formed (Theory 2, PhD 9).
/// </summary>
/// <remarks>
/// Lanczos builds an orthonormal basis q₁, q₂, … of the Krylov space span{q₁, Aq₁, A²q₁, …} with
/// A qⱼ = βⱼ₋₁ qⱼ₋₁ + αⱼ qⱼ + βⱼ qⱼ₊₁, so that QᵀAQ = T is tridiagonal; the eigenpairs (θᵢ, sᵢ) of the small T give
/// Ritz pairs (θᵢ, Q sᵢ) whose residual ‖A Q sᵢ − θᵢ Q sᵢ‖ is |βⱼ (sᵢ)ⱼ|. Each new vector is orthogonalised against
/// every earlier one (twice: full reorthogonalisation), which keeps Q orthonormal in floating point so no eigenvalue
/// appears twice. When βⱼ vanishes (an invariant subspace: a repeated eigenvalue, or all of ℝⁿ) the iteration
/// restarts from a fresh random vector orthogonal to Q. It stops when the k largest Ritz values have residuals
/// ≤ tolerance·max|θ|, or after maxSteps products. Memory: Q holds at most maxSteps vectors of n, and T is
/// maxSteps×maxSteps; A is never formed.
/// </remarks>
public static class Lanczos
{
    /// <summary>
    /// The k largest eigenvalues of the symmetric operator v ↦ A v on ℝⁿ, descending, with unit eigenvectors.
    /// </summary>
    /// <param name="product">v ↦ A v, A symmetric.</param>
    /// <param name="n">The dimension n.</param>
    /// <param name="k">How many eigenpairs (1 ≤ k ≤ n).</param>
    /// <param name="seed">Seeds the random start vectors, so the result is reproducible.</param>
    /// <param name="maxSteps">The most products (k ≤ maxSteps; 0 chooses min(n, 2k + 40)).</param>
    /// <param name="tolerance">The relative Ritz residual at which a pair counts as converged (finite, ≥ 0).</param>
    /// <exception cref="ArgumentException">product is null or returns a vector of another length, n or k is out of
    /// range, maxSteps is negative or below k, or tolerance is negative or not finite.</exception>
    public static Eigenpairs<T> TopEigenpairs<T>(
        Func<T[], T[]> product, int n, int k, int seed = 1, int maxSteps = 0, double tolerance = 1e-10)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, n);
        if (maxSteps != 0 && maxSteps < k)
            throw new ArgumentOutOfRangeException(nameof(maxSteps), maxSteps, $"maxSteps must be 0 (automatic) or at least k = {k}.");
        if (!(tolerance >= 0 && double.IsFinite(tolerance)))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be finite and non-negative.");
        int steps = maxSteps == 0 ? Math.Min(n, 2 * k + 40) : Math.Min(n, maxSteps);

        var random = new Random(seed);
        var basis = new List<T[]>(steps);
        var alpha = new List<T>(steps);
        var beta = new List<T>(steps); // beta[j] couples q_j and q_{j+1}; 0 after a restart
        T[] q = Start(random, n, basis);
        T scale = T.One; // max(1, max|αⱼ|): the size below which βⱼ counts as zero
        while (true)
        {
            basis.Add(q);
            T[] w = product(q);
            if (w is null || w.Length != n)
                throw new ArgumentException($"product returned {(w is null ? "null" : $"{w.Length} entries")}; it must return a vector of {n}.", nameof(product));
            w = (T[])w.Clone();
            alpha.Add(Vectors.Dot<T>(q, w));
            Reorthogonalize(w, basis);
            T b = Vectors.Norm<T>(w);
            int j = basis.Count;
            if (j == steps)
                return Ritz(basis, alpha, beta, k, b); // converged or not, each residual is |b (sᵢ)ⱼ|
            scale = T.Max(scale, T.Abs(alpha[^1]));
            bool breakdown = b <= T.CreateChecked(1e-12) * scale;
            // A check costs an eigendecomposition of T: every fifth product, and at a breakdown.
            // Stryker disable once Equality : which products are followed by a check is a cost choice; any schedule stops
            // within five products of convergence, and no earlier, which the properties check.
            bool check = j % 5 == 0 || breakdown;
            T remainder = breakdown ? T.Zero : b; // at a breakdown the remainder is zero up to rounding
            if (j >= k && check && Converged(alpha, beta, remainder, k, T.CreateChecked(tolerance)))
                return Ritz(basis, alpha, beta, k, remainder);
            if (breakdown)
            {
                beta.Add(T.Zero);
                q = Start(random, n, basis);
            }
            else
            {
                beta.Add(b);
                q = Array.ConvertAll(w, e => e / b);
            }
        }
    }

    // A random unit vector orthogonal to the basis.
    private static T[] Start<T>(Random random, int n, List<T[]> basis) where T : IFloatingPointIeee754<T>
    {
        var v = new T[n];
        for (int i = 0; i < n; i++)
            // Stryker disable once Arithmetic : a start in [0.5, 1.5]ⁿ has, almost surely, a component along every
            // eigenvector too, so the same pairs are found.
            v[i] = T.CreateChecked(random.NextDouble() - 0.5);
        Reorthogonalize(v, basis);
        T norm = Vectors.Norm<T>(v);
        for (int i = 0; i < n; i++)
            v[i] /= norm;
        return v;
    }

    // w ← w − Σ (qᵀw) q over the basis, twice: classical Gram–Schmidt leaves components of the size of rounding times
    // ‖w‖ / ‖w − projection‖, large when w lies nearly in span Q (as A qⱼ does), and a second pass takes them out.
    private static void Reorthogonalize<T>(T[] w, List<T[]> basis) where T : IFloatingPointIeee754<T>
    {
        Orthogonalize(w, basis);
        Orthogonalize(w, basis);
    }

    // w ← w − Σ (qᵀw) q over the basis (one pass of classical Gram–Schmidt).
    private static void Orthogonalize<T>(T[] w, List<T[]> basis) where T : IFloatingPointIeee754<T>
    {
        foreach (T[] q in basis)
            Vectors.AddScaled<T>(w, -Vectors.Dot<T>(q, w), q);
    }

    private static (T[] Values, T[,] Vectors) Tridiagonal<T>(List<T> alpha, List<T> beta) where T : IFloatingPointIeee754<T>
    {
        int m = alpha.Count;
        var t = new T[m, m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
                t[i, j] = i == j ? alpha[i] : Math.Abs(i - j) == 1 ? beta[Math.Min(i, j)] : T.Zero;
        return SymmetricEigen.Decompose(t);
    }

    // The k largest Ritz pairs have residuals |b (s_i)_m| ≤ tolerance · max|θ|.
    private static bool Converged<T>(List<T> alpha, List<T> beta, T b, int k, T tolerance) where T : IFloatingPointIeee754<T>
    {
        (T[] values, T[,] vectors) = Tridiagonal(alpha, beta);
        int m = values.Length;
        T scale = T.Max(T.Abs(values[0]), T.Abs(values[^1]));
        for (int i = m - 1; i >= m - k; i--)
            if (T.Abs(b * vectors[m - 1, i]) > tolerance * scale)
                return false;
        return true;
    }

    private static Eigenpairs<T> Ritz<T>(List<T[]> basis, List<T> alpha, List<T> beta, int k, T b) where T : IFloatingPointIeee754<T>
    {
        (T[] values, T[,] s) = Tridiagonal(alpha, beta);
        int m = values.Length, n = basis[0].Length;
        var top = new T[k];
        var vectors = new T[k][];
        var residuals = new T[k];
        for (int i = 0; i < k; i++)
        {
            int column = m - 1 - i;
            top[i] = values[column];
            var y = new T[n];
            // Stryker disable once Statement : default(T) is T.Zero for every IEEE type in .NET; the fill keeps any other T right.
            Array.Fill(y, T.Zero);
            for (int j = 0; j < m; j++)
                Vectors.AddScaled<T>(y, s[j, column], basis[j]);
            vectors[i] = y;
            residuals[i] = T.Abs(b * s[m - 1, column]);
        }
        return new Eigenpairs<T>(top, vectors, residuals, m);
    }
}
