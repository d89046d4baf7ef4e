using System.Numerics;

namespace Autodiff;

/// <summary>
/// The empirical Fisher F = (1/N) Σᵢ sᵢ sᵢᵀ held as its N per-example scores S ∈ ℝ^{N×P}: the product
/// F v = Sᵀ(S v)/N costs O(N·P), and F itself (P×P) is never formed. Immutable.
/// </summary>
/// <typeparam name="T">The scalar type.</typeparam>
public sealed class EmpiricalFisher<T> where T : IFloatingPointIeee754<T>
{
    private readonly T[,] _scores;

    private EmpiricalFisher(T[,] scores) => _scores = scores;

    /// <summary>F from the scores sᵢ, one per row (copied).</summary>
    /// <exception cref="ArgumentException">scores is null or empty.</exception>
    public static EmpiricalFisher<T> FromScores(T[,] scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Length == 0)
            throw new ArgumentException("scores is empty; the Fisher needs at least one score of at least one parameter.", nameof(scores));
        return new((T[,])scores.Clone());
    }

    /// <summary>N, the number of examples.</summary>
    public int Examples => _scores.GetLength(0);

    /// <summary>P, the number of parameters.</summary>
    public int Parameters => _scores.GetLength(1);

    /// <summary>F v = (1/N) Σᵢ sᵢ (sᵢᵀ v).</summary>
    /// <exception cref="ArgumentException">v does not have P entries.</exception>
    public T[] Product(ReadOnlySpan<T> v)
    {
        if (v.Length != Parameters)
            throw new ArgumentException($"v has {v.Length} entries but the Fisher has {Parameters} parameters.", nameof(v));
        T[] sv = Vectors.Times(_scores, v);
        T[] result = Vectors.TransposeTimes<T>(_scores, sv);
        T n = T.CreateChecked(Examples);
        for (int j = 0; j < result.Length; j++)
            result[j] /= n;
        return result;
    }

    /// <summary>∇L = (1/N) Σᵢ ∇θ ℓᵢ = −(1/N) Σᵢ sᵢ, the gradient of the mean negative log-likelihood (when the scores
    /// were made from it, as <see cref="Fisher.Empirical{TM, T}"/> does).</summary>
    public T[] MeanLossGradient()
    {
        var ones = new T[Examples];
        Array.Fill(ones, -T.One / T.CreateChecked(Examples));
        return Vectors.TransposeTimes<T>(_scores, ones);
    }

    /// <summary>
    /// The damped natural-gradient step θ⁺ = θ − η (F + λI)⁻¹ ∇Lᵀ, the solve by conjugate gradient on the products
    /// v ↦ F v + λ v (<see cref="ConjugateGradient"/>) to a relative residual of 10⁻¹².
    /// </summary>
    /// <param name="parameters">θ.</param>
    /// <param name="gradient">∇L(θ) (e.g. <see cref="MeanLossGradient"/>).</param>
    /// <param name="learningRate">η (finite).</param>
    /// <param name="damping">λ ≥ 0 (finite); with λ = 0 F must be nonsingular.</param>
    /// <exception cref="ArgumentException">θ or ∇L does not have P entries, or η or λ is not as required.</exception>
    public T[] NaturalGradientStep(ReadOnlySpan<T> parameters, ReadOnlySpan<T> gradient, T learningRate, T damping)
    {
        if (parameters.Length != Parameters)
            throw new ArgumentException($"parameters has {parameters.Length} entries but the Fisher has {Parameters}.", nameof(parameters));
        if (gradient.Length != Parameters)
            throw new ArgumentException($"gradient has {gradient.Length} entries but the Fisher has {Parameters}.", nameof(gradient));
        if (!T.IsFinite(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate η must be finite.");
        if (!(damping >= T.Zero && T.IsFinite(damping)))
            throw new ArgumentOutOfRangeException(nameof(damping), damping, "The damping λ must be finite and non-negative.");
        T[] direction = ConjugateGradient.Solve(v =>
        {
            T[] fv = Product(v);
            Vectors.AddScaled<T>(fv, damping, v);
            return fv;
        }, gradient.ToArray(), 1e-12, 10 * Parameters + 10).Solution;
        T[] next = parameters.ToArray();
        Vectors.AddScaled<T>(next, -learningRate, direction);
        return next;
    }
}
