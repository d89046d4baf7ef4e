using System.Numerics;

namespace Autodiff;

/// <summary>
/// The top eigenpairs of a symmetric operator found by <see cref="Lanczos"/>: λ₁ ≥ … ≥ λ_k, unit vectors u₁ … u_k
/// (k vectors of n: memory k·n), each pair's Ritz residual bound ‖A uᵢ − λᵢ uᵢ‖ and the number of products spent.
/// </summary>
/// <typeparam name="T">The scalar type.</typeparam>
public sealed class Eigenpairs<T> where T : IFloatingPointIeee754<T>
{
    private readonly T[][] _vectors;

    internal Eigenpairs(T[] values, T[][] vectors, T[] residuals, int products)
    {
        Values = values;
        _vectors = vectors;
        Residuals = residuals;
        Products = products;
    }

    /// <summary>λ₁ ≥ … ≥ λ_k.</summary>
    public IReadOnlyList<T> Values { get; }

    /// <summary>‖A uᵢ − λᵢ uᵢ‖₂ for each pair, as Lanczos bounds it.</summary>
    public IReadOnlyList<T> Residuals { get; }

    /// <summary>The operator products (HVPs) spent.</summary>
    public int Products { get; }

    /// <summary>k.</summary>
    public int Count => _vectors.Length;

    /// <summary>n, the dimension of each vector.</summary>
    public int Dimension => _vectors[0].Length;

    /// <summary>uᵢ (a copy).</summary>
    /// <exception cref="ArgumentOutOfRangeException">i is not the index of a pair.</exception>
    public T[] Vector(int i)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, Count);
        return (T[])_vectors[i].Clone();
    }

    /// <summary>The low-rank-plus-damping model U_k Λ_k U_kᵀ + λI of the operator (<see cref="LowRankCurvature{T}"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">damping is not positive and finite, or some λᵢ + λ is not positive.</exception>
    public LowRankCurvature<T> WithDamping(T damping) => new(Values, _vectors, damping);
}
