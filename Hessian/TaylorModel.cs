using System.Numerics;

namespace Autodiff;

/// <summary>
/// f(x₀ + δ) ≈ Σ_{k=0}^{K} Dᵏf(x₀)[δ^{⊗k}]/k!, the seeds' multivariate Taylor polynomial of order K at x₀, with error
/// O(‖δ‖^{K+1}); the derivative tensors Dᵏf(x₀) are built once (<see cref="DerivativeTensor.TaylorModel{T}"/>) and
/// contracted with δ^{⊗k} for each δ.
/// </summary>
/// <typeparam name="T">The scalar type.</typeparam>
public sealed class TaylorModel<T> where T : IFloatingPointIeee754<T>
{
    private readonly T[] _point;
    private readonly T[][] _tensors;

    internal TaylorModel(T[] point, T[][] tensors)
    {
        _point = point;
        _tensors = tensors;
    }

    /// <summary>x₀ (a copy).</summary>
    public T[] ExpansionPoint => (T[])_point.Clone();

    /// <summary>K.</summary>
    public int Order => _tensors.Length - 1;

    /// <summary>Dᵏf(x₀), row-major with nᵏ entries (a copy).</summary>
    /// <param name="k">0 ≤ k ≤ K.</param>
    /// <exception cref="ArgumentOutOfRangeException">k is outside [0, K].</exception>
    public T[] Tensor(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, Order);
        return (T[])_tensors[k].Clone();
    }

    /// <summary>Σ_{k=0}^{K} Dᵏf(x₀)[δ^{⊗k}]/k! ≈ f(x₀ + δ).</summary>
    /// <param name="delta">δ = x − x₀.</param>
    /// <exception cref="ArgumentException">δ's length differs from x₀'s.</exception>
    public T Evaluate(ReadOnlySpan<T> delta)
    {
        Require.SameLength<T>(_point, delta, "x", nameof(delta));
        T sum = T.Zero;
        for (int k = 0; k < _tensors.Length; k++)
            sum += DerivativeTensor.Contract<T>(_tensors[k], delta, k) / T.CreateChecked(DerivativeTensor.Factorial(k));
        return sum;
    }
}
