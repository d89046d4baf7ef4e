using System.Numerics;

namespace Autodiff;

/// <summary>
/// The seeds' curvature model ∇² ≈ M = U_k Λ_k U_kᵀ + λI (Theory 2) from the top eigenpairs of a Hessian: its product
/// and its inverse, M⁻¹ v = U_k (Λ_k + λI)⁻¹ U_kᵀ v + (v − U_k U_kᵀ v)/λ, each O(k·n) — a preconditioner for
/// <see cref="ConjugateGradient"/> on HVPs. Immutable.
/// </summary>
/// <typeparam name="T">The scalar type.</typeparam>
public sealed class LowRankCurvature<T> where T : IFloatingPointIeee754<T>
{
    private readonly T[] _values;
    private readonly T[][] _vectors;

    internal LowRankCurvature(IReadOnlyList<T> values, T[][] vectors, T damping)
    {
        if (!(damping > T.Zero && T.IsFinite(damping)))
            throw new ArgumentOutOfRangeException(nameof(damping), damping, "The damping λ must be positive and finite.");
        foreach (T value in values)
            if (!(value + damping > T.Zero))
                throw new ArgumentOutOfRangeException(nameof(damping), damping,
                    $"λᵢ + λ = {value + damping} is not positive; the model must be positive definite to invert.");
        _values = [.. values];
        _vectors = vectors;
        Damping = damping;
    }

    /// <summary>λ.</summary>
    public T Damping { get; }

    /// <summary>M v = U_k Λ_k U_kᵀ v + λ v.</summary>
    /// <exception cref="ArgumentException">v does not have n entries.</exception>
    public T[] Product(ReadOnlySpan<T> v) => Apply(v, l => l + Damping, Damping);

    /// <summary>M⁻¹ v = U_k (Λ_k + λI)⁻¹ U_kᵀ v + (v − U_k U_kᵀ v)/λ.</summary>
    /// <exception cref="ArgumentException">v does not have n entries.</exception>
    public T[] Solve(ReadOnlySpan<T> v) => Apply(v, l => T.One / (l + Damping), T.One / Damping);

    /// <summary>v ↦ M⁻¹ v, as the preconditioner <see cref="ConjugateGradient.Solve{T}"/> takes.</summary>
    public Func<T[], T[]> Preconditioner() => v => Solve(v);

    // U diag(g(λᵢ)) Uᵀ v + c (v − U Uᵀ v).
    private T[] Apply(ReadOnlySpan<T> v, Func<T, T> g, T c)
    {
        int n = _vectors[0].Length;
        if (v.Length != n)
            throw new ArgumentException($"v has {v.Length} entries but the model acts on ℝ^{n}.", nameof(v));
        var result = new T[n];
        for (int j = 0; j < n; j++)
            result[j] = c * v[j];
        for (int i = 0; i < _values.Length; i++)
        {
            T coefficient = Vectors.Dot<T>(_vectors[i], v);
            Vectors.AddScaled<T>(result, (g(_values[i]) - c) * coefficient, _vectors[i]);
        }
        return result;
    }
}
