using System.Numerics;

namespace Autodiff;

/// <summary>
/// Fisher information and natural gradients (the seeds' Theory 3 and PhD 8), from per-example score gradients and
/// Jacobian–vector products — never a P×P matrix.
/// </summary>
public static class Fisher
{
    /// <summary>
    /// The empirical Fisher F = (1/N) Σᵢ sᵢ sᵢᵀ of a per-example negative log-likelihood ℓ(θ; xᵢ) = −log p(yᵢ|xᵢ, θ)
    /// (the model's one output; each input row holds an example and its target), with scores sᵢ = ∇θ log p(yᵢ|xᵢ, θ)
    /// = −∇θ ℓ(θ; xᵢ) from <see cref="PerExample.Gradients{TM, T}"/>.
    /// </summary>
    /// <param name="negativeLogLikelihood">ℓ(θ; x), one output.</param>
    /// <param name="parameters">θ ∈ ℝᴾ.</param>
    /// <param name="examples">The N examples (with their targets), one per row.</param>
    /// <exception cref="ArgumentException">As <see cref="PerExample.Gradients{TM, T}"/>.</exception>
    public static EmpiricalFisher<T> Empirical<TM, T>(TM negativeLogLikelihood, ReadOnlySpan<T> parameters, T[,] examples)
        where TM : IModel where T : IFloatingPointIeee754<T>
    {
        PerExample.Check(negativeLogLikelihood, parameters, examples, nameof(negativeLogLikelihood), nameof(examples));
        T[,] scores = PerExample.Gradients(negativeLogLikelihood, parameters, examples);
        // sᵢ = ∇θ log p = −∇θ ℓ: the gradients of the negative log-likelihood, negated (F does not see the sign; the
        // mean loss gradient −(1/N) Σ sᵢ does).
        for (int i = 0; i < scores.GetLength(0); i++)
            for (int j = 0; j < scores.GetLength(1); j++)
                scores[i, j] = -scores[i, j];
        return EmpiricalFisher<T>.FromScores(scores);
    }

    /// <summary>
    /// The Gauss–Newton product Jᵀ(J v) = Σᵢ Jᵢᵀ(Jᵢ v), Jᵢ = ∂f(θ, xᵢ)/∂θ: one JVP (forward) and one VJP (reverse) per
    /// example, no Jacobian stored. For squared loss with a Gaussian likelihood y ~ 𝒩(f(θ, x), σ²I), the Fisher is
    /// JᵀJ/(Nσ²).
    /// </summary>
    /// <param name="model">f(θ, x).</param>
    /// <param name="parameters">θ ∈ ℝᴾ.</param>
    /// <param name="inputs">X ∈ ℝ^{N×d}, one example per row.</param>
    /// <param name="v">The direction v ∈ ℝᴾ.</param>
    /// <exception cref="ArgumentException">As <see cref="PerExample.Jacobians{TM, T}"/>, or v's length differs from θ's.</exception>
    public static T[] GaussNewtonProduct<TM, T>(TM model, ReadOnlySpan<T> parameters, T[,] inputs, ReadOnlySpan<T> v)
        where TM : IModel where T : IFloatingPointIeee754<T>
    {
        (T[] theta, int examples) = PerExample.Check(model, parameters, inputs);
        Require.SameLength(parameters, v, nameof(parameters), nameof(v));
        T[] direction = v.ToArray();
        var result = new T[theta.Length];
        // Stryker disable once Statement : default(T) is T.Zero for every IEEE type in .NET; the fill keeps any other T right.
        Array.Fill(result, T.Zero);
        for (int i = 0; i < examples; i++)
        {
            T[] x = PerExample.Row(inputs, i);
            Dual<T>[] dualInput = PerExample.Lifted<T, Dual<T>>(x);
            Tracked<T>[] trackedInput = PerExample.Lifted<T, Tracked<T>>(x);
            (_, T[] jv) = Forward.Jvp<T>(p => model.F(p, dualInput), theta, direction);
            (_, Pullback<T> pullback) = Reverse.Vjp<T>(p => model.F(p, trackedInput), theta);
            Vectors.AddScaled<T>(result, T.One, pullback.Invoke(jv));
        }
        return result;
    }
}
