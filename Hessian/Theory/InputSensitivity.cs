using System.Numerics;

namespace Autodiff;

/// <summary>
/// The first-order sensitivity of a loss to its input at x (the seeds' Theory 4): L(x), the input gradient ∇ₓL(x) from
/// one reverse sweep, and the linear model L(x + δ) ≈ L(x) + ∇ₓL(x) δ with its worst cases under an ℓ₂ and an ℓ∞
/// budget. Every method after the sweep is closed form in ∇ₓL; none evaluates the loss again.
/// </summary>
/// <typeparam name="T">The scalar type.</typeparam>
public sealed class InputSensitivity<T> where T : IFloatingPointIeee754<T>
{
    private readonly T[] _point;
    private readonly T[] _gradient;

    internal InputSensitivity(T[] point, T loss, T[] gradient)
    {
        _point = point;
        Loss = loss;
        _gradient = gradient;
    }

    /// <summary>x, the input (a copy).</summary>
    public T[] Point => (T[])_point.Clone();

    /// <summary>L(x).</summary>
    public T Loss { get; }

    /// <summary>∇ₓL(x) ∈ ℝ^{1×D}, as a flat array (a copy).</summary>
    public T[] Gradient => (T[])_gradient.Clone();

    /// <summary>∇ₓL(x) δ: the first-order change of the loss, L(x + δ) − L(x) = ∇ₓL δ + O(‖δ‖²).</summary>
    /// <param name="delta">δ ∈ ℝᴰ.</param>
    /// <exception cref="ArgumentException">δ's length differs from x's.</exception>
    public T Change(ReadOnlySpan<T> delta)
    {
        Require.SameLength<T>(_point, delta, "x", nameof(delta));
        return Vectors.Dot<T>(_gradient, delta);
    }

    /// <summary>max over ‖δ‖₂ ≤ ε of ∇ₓL δ = ε ‖∇ₓL‖₂ (Cauchy–Schwarz), attained at <see cref="WorstDirectionL2"/>.</summary>
    /// <param name="epsilon">ε ≥ 0, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">ε is negative, NaN or infinite.</exception>
    public T WorstCaseL2(T epsilon) => Budget(epsilon) * Vectors.Norm<T>(_gradient);

    /// <summary>
    /// δ* = ε ∇ₓLᵀ / ‖∇ₓL‖₂, the maximiser of ∇ₓL δ under ‖δ‖₂ ≤ ε (the zero vector where ∇ₓL = 0: then every δ is
    /// one).
    /// </summary>
    /// <param name="epsilon">ε ≥ 0, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">ε is negative, NaN or infinite.</exception>
    public T[] WorstDirectionL2(T epsilon)
    {
        T norm = Vectors.Norm<T>(_gradient);
        T scale = T.IsZero(norm) ? T.Zero : Budget(epsilon) / norm;
        var delta = new T[_gradient.Length];
        for (int i = 0; i < delta.Length; i++)
            delta[i] = scale * _gradient[i];
        return delta;
    }

    /// <summary>
    /// δ* = ε sign(∇ₓL(x)), the FGSM direction: the maximiser of ∇ₓL δ under the ℓ∞ budget ‖δ‖∞ ≤ ε (entries with
    /// ∂L/∂xᵢ = 0 stay 0).
    /// </summary>
    /// <param name="epsilon">ε ≥ 0, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">ε is negative, NaN or infinite.</exception>
    public T[] Fgsm(T epsilon)
    {
        T e = Budget(epsilon);
        var delta = new T[_gradient.Length];
        for (int i = 0; i < delta.Length; i++)
            delta[i] = e * T.CreateChecked(T.Sign(_gradient[i]));
        return delta;
    }

    /// <summary>max over ‖δ‖∞ ≤ ε of ∇ₓL δ = ε ‖∇ₓL‖₁, attained at <see cref="Fgsm"/>.</summary>
    /// <param name="epsilon">ε ≥ 0, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">ε is negative, NaN or infinite.</exception>
    public T WorstCaseLInf(T epsilon)
    {
        T e = Budget(epsilon), sum = T.Zero;
        foreach (T g in _gradient)
            sum += T.Abs(g);
        return e * sum;
    }

    // ε itself, or an error naming it.
    private static T Budget(T epsilon) =>
        epsilon >= T.Zero && T.IsFinite(epsilon)
            ? epsilon
            : throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "The budget ε must be non-negative and finite.");
}
