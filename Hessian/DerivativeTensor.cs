using System.Numerics;

namespace Autodiff;

/// <summary>
/// The k-th derivative of f: ℝⁿ → ℝ at x₀ as a full k-th order tensor (the seeds' multivariate Taylor slides and
/// Review Q10): Dᵏf(x₀)[i₁, …, i_k] = ∂ᵏf/∂x_{i₁}⋯∂x_{i_k}, symmetric in its indices, held as a flat row-major array
/// of nᵏ entries; its contraction Dᵏf(x₀)[δ^{⊗k}] with the k-fold outer product δ^{⊗k} = δ ⊗ ⋯ ⊗ δ; and the
/// multivariate Taylor polynomial Σ_{k≤K} Dᵏf(x₀)[δ^{⊗k}]/k! (<see cref="TaylorModel{T}"/>).
/// </summary>
/// <remarks>
/// Each entry comes from directional derivatives by polarisation: for the symmetric k-linear form D = Dᵏf(x₀),
/// D[v₁, …, v_k] = 1/(2ᵏ k!) Σ_{ε ∈ {±1}ᵏ} ε₁⋯ε_k D[w^{⊗k}], w = Σⱼ εⱼvⱼ, and each D[w^{⊗k}] = dᵏ/dtᵏ f(x₀ + tw)|₀ is
/// one evaluation on a Taylor series of order k (<see cref="Hessian.DirectionalDerivative{T}"/>). With vⱼ = e_{iⱼ}
/// and ε₁ fixed to +1 (w and −w give the same term) that is 2ᵏ⁻¹ evaluations per entry, for the C(n + k − 1, k)
/// entries with i₁ ≤ ⋯ ≤ i_k; the others are copies. Meant for small n and k ≤ 4. The first-order model
/// f(x₀) + ∇f(x₀)δ as a reusable linear map is the <c>Linearize</c> transform (Dual.Transforms).
/// </remarks>
public static class DerivativeTensor
{
    /// <summary>The largest order built.</summary>
    public const int MaxOrder = 4;

    private const int MaxEntries = 1 << 20;

    /// <summary>
    /// Dᵏf(x₀) ∈ ℝ^{n×⋯×n} (k indices), row-major: entry Σⱼ iⱼ n^{k−1−j} is ∂ᵏf/∂x_{i₁}⋯∂x_{i_k}(x₀). D⁰f is [f(x₀)],
    /// D¹f the gradient, D²f the Hessian.
    /// </summary>
    /// <param name="f">f: ℝⁿ → ℝ.</param>
    /// <param name="x">x₀ ∈ ℝⁿ.</param>
    /// <param name="k">The order, 0 ≤ k ≤ <see cref="MaxOrder"/>.</param>
    /// <exception cref="ArgumentException">f is null, x is empty, k is outside [0, 4], or nᵏ exceeds 2²⁰ entries.</exception>
    public static T[] Of<T>(ScalarFunction<Taylor<T>> f, ReadOnlySpan<T> x, int k) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Require.NotEmpty(x, nameof(x));
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, MaxOrder);
        int n = x.Length, entries = Entries(n, k, nameof(x));
        var tensor = new T[entries];
        var index = new int[k];
        var sorted = new int[k];
        var w = new T[n];
        // Stryker disable once Conditional : at k = 0 the scale is never read (D⁰f is f(x₀), set below).
        T scale = k == 0 ? T.One : T.One / T.CreateChecked((1 << (k - 1)) * Factorial(k));
        for (int flat = 0; flat < entries; flat++)
        {
            Unflatten(flat, n, index);
            index.CopyTo(sorted, 0);
            // The copy from the canonical (sorted) entry only saves work: computed directly, an entry of the symmetric
            // tensor is the same. Sorted ascending, the canonical flat index is never above this one.
            // Stryker disable once Statement : see above.
            Array.Sort(sorted);
            int canonical = Flatten(sorted, n);
            // Stryker disable once Equality : see above.
            if (canonical < flat)
            {
                tensor[flat] = tensor[canonical];
                // Stryker disable once Statement : see above (the entry is then computed directly, to the same value).
                continue;
            }
            if (k == 0)
            {
                tensor[0] = Hessian.DirectionalDerivative(f, x, w.AsSpan(), 0);
                continue;
            }
            // Σ over ε with ε₁ = +1 of ε₂⋯ε_k D[w^{⊗k}], w = Σⱼ εⱼ e_{iⱼ}.
            T sum = T.Zero;
            for (int signs = 0; signs < 1 << (k - 1); signs++)
            {
                Array.Fill(w, T.Zero);
                bool negative = false;
                for (int j = 0; j < k; j++)
                {
                    // Stryker disable once Equality,Bitwise : j = 0 reads bit 31 of signs (the shift is taken mod 32),
                    // which is 0; and flipping every ε with its weight relabels the same sum.
                    bool minus = j > 0 && (signs >> (j - 1) & 1) == 1;
                    negative ^= minus;
                    w[index[j]] += minus ? -T.One : T.One;
                }
                T term = Hessian.DirectionalDerivative(f, x, w.AsSpan(), k);
                sum += negative ? -term : term;
            }
            tensor[flat] = sum * scale;
        }
        return tensor;
    }

    /// <summary>
    /// D[δ^{⊗k}] = Σ_{i₁…i_k} D[i₁, …, i_k] δ_{i₁}⋯δ_{i_k}, by k contractions of the last index with δ (O(nᵏ)).
    /// </summary>
    /// <param name="tensor">A k-th order tensor over ℝⁿ, row-major, nᵏ entries.</param>
    /// <param name="delta">δ ∈ ℝⁿ.</param>
    /// <param name="k">Its order, 0 ≤ k ≤ <see cref="MaxOrder"/>.</param>
    /// <exception cref="ArgumentException">δ is empty, k is outside [0, 4], or the tensor does not have nᵏ entries.</exception>
    public static T Contract<T>(ReadOnlySpan<T> tensor, ReadOnlySpan<T> delta, int k) where T : IFloatingPointIeee754<T>
    {
        Require.NotEmpty(delta, nameof(delta), "δ needs at least one entry");
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, MaxOrder);
        int n = delta.Length, entries = Entries(n, k, nameof(delta));
        if (tensor.Length != entries)
            throw new ArgumentException($"tensor has {tensor.Length} entries but a tensor of order {k} over ℝ^{n} has {entries}.", nameof(tensor));
        T[] current = tensor.ToArray();
        for (int length = entries / n, level = 0; level < k; level++, length /= n)
            for (int i = 0; i < length; i++)
            {
                T sum = T.Zero;
                for (int j = 0; j < n; j++)
                    sum += current[i * n + j] * delta[j];
                current[i] = sum;
            }
        return current[0];
    }

    /// <summary>
    /// The multivariate Taylor polynomial of order K at x₀, f(x₀ + δ) ≈ Σ_{k=0}^{K} Dᵏf(x₀)[δ^{⊗k}]/k!, with its
    /// tensors D⁰f(x₀), …, D^Kf(x₀) built once and contracted for every δ.
    /// </summary>
    /// <param name="f">f: ℝⁿ → ℝ.</param>
    /// <param name="x">x₀ ∈ ℝⁿ.</param>
    /// <param name="order">K, 0 ≤ K ≤ <see cref="MaxOrder"/>.</param>
    /// <exception cref="ArgumentException">As <see cref="Of{T}"/> with k = K.</exception>
    public static TaylorModel<T> TaylorModel<T>(ScalarFunction<Taylor<T>> f, ReadOnlySpan<T> x, int order)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Require.NotEmpty(x, nameof(x));
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, MaxOrder);
        var tensors = new T[order + 1][];
        for (int k = 0; k <= order; k++)
            tensors[k] = Of(f, x, k);
        return new TaylorModel<T>(x.ToArray(), tensors);
    }

    /// <summary>k!.</summary>
    internal static int Factorial(int k)
    {
        int product = 1;
        for (int j = 2; j <= k; j++)
            product *= j;
        return product;
    }

    // nᵏ, or an error naming the argument whose length makes it too large.
    private static int Entries(int n, int k, string name)
    {
        long entries = 1;
        for (int j = 0; j < k; j++)
        {
            entries *= n;
            if (entries > MaxEntries)
                throw new ArgumentException($"A tensor of order {k} over ℝ^{n} would have more than {MaxEntries} entries; it is meant for small n.", name);
        }
        return (int)entries;
    }

    // The k indices of a row-major flat index.
    private static void Unflatten(int flat, int n, int[] index)
    {
        for (int j = index.Length - 1; j >= 0; j--)
        {
            index[j] = flat % n;
            flat /= n;
        }
    }

    private static int Flatten(int[] index, int n)
    {
        int flat = 0;
        foreach (int i in index)
            flat = flat * n + i;
        return flat;
    }
}
