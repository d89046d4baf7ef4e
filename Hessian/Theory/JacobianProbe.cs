namespace Autodiff;

/// <summary>
/// The distribution of the probe vectors u ∈ ℝᵐ in the estimate ‖Jₓ‖_F² = E‖Jₓᵀu‖² (<see cref="Adversarial.JacobianPenalty{TM, T}(TM, ReadOnlySpan{T}, ReadOnlySpan{T}, int, JacobianProbe, int)"/>):
/// both have E[u uᵀ] = I, which is all the estimate needs.
/// </summary>
public enum JacobianProbe
{
    /// <summary>Independent ±1 entries (the lower-variance choice: Var‖Jᵀu‖² = 2 Σ_{i≠j} (JJᵀ)²ᵢⱼ).</summary>
    Rademacher,

    /// <summary>Independent standard normal entries (Var‖Jᵀu‖² = 2 ‖JJᵀ‖_F²).</summary>
    Gaussian,
}
