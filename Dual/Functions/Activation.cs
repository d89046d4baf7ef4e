using System.Numerics;

namespace Autodiff;

/// <summary>
/// Activation functions of machine learning, written once generically so they run (and differentiate) on every
/// number type. Each is a numerically stable composition of elementary functions, so its derivative is exact and
/// finite for every finite input: no overflow of eˣ at x = ±800, in the value or the derivative.
/// </summary>
/// <remarks>
/// Each is <see cref="DifferentiableAttribute"/>: the source generator writes its compiled adjoint
/// (<c>Sigmoid_Adjoint</c>, …) here, so <c>[Differentiable]</c> methods of users may call these functions.
/// </remarks>
public static partial class Activation
{
    /// <summary>
    /// The logistic sigmoid σ(x) = 1/(1 + e⁻ˣ), with σ′ = σ(1 − σ). Evaluated as 1/(1 + e⁻ˣ) for x ≥ 0 and as
    /// eˣ/(1 + eˣ) for x &lt; 0, so the exponential never overflows.
    /// </summary>
    [Differentiable]
    public static T Sigmoid<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T sigma;
        // Stryker disable once Equality : at x = 0 both forms give exactly ½ with derivative ¼.
        if (x >= T.Zero)
        {
            sigma = T.One / (T.One + T.Exp(-x));
        }
        else
        {
            T ex = T.Exp(x);
            sigma = ex / (T.One + ex);
        }
        return sigma;
    }

    /// <summary>
    /// The softplus ln(1 + eˣ), a smooth ReLU whose derivative is σ(x). Evaluated as x + ln(1 + e⁻ˣ) for x &gt; 0
    /// and ln(1 + eˣ) otherwise, with <c>LogP1</c> for accuracy.
    /// </summary>
    [Differentiable]
    public static T Softplus<T>(T x) where T : IFloatingPointIeee754<T> =>
        // Stryker disable once Equality : at x = 0 both forms give exactly ln 2 with derivative ½.
        x > T.Zero ? x + T.LogP1(T.Exp(-x)) : T.LogP1(T.Exp(x));

    /// <summary>
    /// The rectified linear unit max(x, 0), with ReLU′(x) = 1 for x &gt; 0 and 0 for x ≤ 0 (at the kink x = 0 the
    /// derivative is taken as 0, the convention of the common frameworks). NaN stays NaN.
    /// </summary>
    [Differentiable]
    public static T Relu<T>(T x) where T : IFloatingPointIeee754<T> => x > T.Zero || T.IsNaN(x) ? x : T.Zero;
}
