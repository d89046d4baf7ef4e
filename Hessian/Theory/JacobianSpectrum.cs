using System.Numerics;

namespace Autodiff;

/// <summary>
/// The singular values σ₁ ≥ σ₂ ≥ … of a representation Jacobian Jₓ = ∂f(θ, x)/∂x ∈ ℝ^{d×D} (the seeds' Theory 5), with
/// the summaries of its local dimension: the numerical rank at a tolerance, tr(JₓJₓᵀ) = Σσᵢ² and the effective
/// dimension (Σσᵢ²)²/Σσᵢ⁴ (<see cref="Representation.Spectrum{TM, T}"/>).
/// </summary>
/// <typeparam name="T">The scalar type.</typeparam>
public sealed class JacobianSpectrum<T> where T : IFloatingPointIeee754<T>
{
    private readonly T[] _values;

    internal JacobianSpectrum(T[] singularValues) => _values = singularValues;

    /// <summary>σ₁ ≥ … ≥ σ_{min(d, D)} ≥ 0 (a copy).</summary>
    public T[] SingularValues => (T[])_values.Clone();

    /// <summary>
    /// rank(Jₓ) at a relative tolerance: the number of σᵢ &gt; tol·σ₁ (0 when Jₓ = 0). If rank(Jₓ) ≪ min(d, D) the
    /// representation varies only in a low-dimensional subspace near x — the differential view of collapse.
    /// </summary>
    /// <param name="tolerance">tol ∈ (0, 1); σᵢ are computed from eigenvalues σᵢ², so below about 10⁻⁸ rounding in σᵢ²
    /// shows.</param>
    /// <exception cref="ArgumentOutOfRangeException">tol is not in (0, 1).</exception>
    public int Rank(T tolerance)
    {
        if (!(tolerance > T.Zero && tolerance < T.One))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The relative tolerance must lie in (0, 1).");
        int rank = 0;
        T cut = tolerance * _values[0];
        foreach (T sigma in _values)
            if (sigma > cut)
                rank++;
        return rank;
    }

    /// <summary>tr(JₓJₓᵀ) = Σᵢ σᵢ² = ‖Jₓ‖_F².</summary>
    public T Trace
    {
        get
        {
            T sum = T.Zero;
            foreach (T sigma in _values)
                sum += sigma * sigma;
            return sum;
        }
    }

    /// <summary>
    /// (Σσᵢ²)²/Σσᵢ⁴, the participation ratio of the spectrum σᵢ²: between 1 (one direction dominates) and the rank
    /// (all equal); 0 when Jₓ = 0.
    /// </summary>
    public T EffectiveDimension
    {
        get
        {
            T squares = T.Zero, fourth = T.Zero;
            foreach (T sigma in _values)
            {
                T s2 = sigma * sigma;
                squares += s2;
                fourth += s2 * s2;
            }
            return T.IsZero(fourth) ? T.Zero : squares * squares / fourth;
        }
    }
}
