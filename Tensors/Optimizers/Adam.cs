using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>The state of <see cref="Adam"/> after t steps: θ_t and the moment estimates m_t, v_t.</summary>
/// <param name="Parameters">θ_t.</param>
/// <param name="FirstMoment">m_t, the running mean of the gradient (m₀ = 0).</param>
/// <param name="SecondMoment">v_t, the running mean of its entrywise square (v₀ = 0).</param>
/// <param name="Steps">t.</param>
public sealed record AdamState(Tensor<double>[] Parameters, Tensor<double>[] FirstMoment, Tensor<double>[] SecondMoment, int Steps)
    : IOptimizerState;

/// <summary>
/// Adam (Kingma &amp; Ba, 2015): with g_t = ∇L(θ_{t−1})ᵀ,
/// m_t = β₁ m_{t−1} + (1 − β₁) g_t, v_t = β₂ v_{t−1} + (1 − β₂) g_t ⊙ g_t, the bias-corrected
/// m̂_t = m_t/(1 − β₁ᵗ), v̂_t = v_t/(1 − β₂ᵗ), and θ_t = θ_{t−1} − η m̂_t ⊘ (√v̂_t + ε), entrywise. Each parameter
/// moves by about η whatever the scale of its gradient.
/// </summary>
public sealed class Adam : IOptimizer<AdamState>
{
    /// <summary>Adam with the given hyperparameters (the defaults are the paper's).</summary>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="beta1">β₁ ∈ [0, 1), the decay of the first moment.</param>
    /// <param name="beta2">β₂ ∈ [0, 1), the decay of the second moment.</param>
    /// <param name="epsilon">ε &gt; 0, keeping the division finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">η or ε not positive and finite, or β₁ or β₂ outside [0, 1).</exception>
    public Adam(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        LearningRate = OptimizerArguments.Positive(learningRate, nameof(learningRate), "The learning rate η");
        Beta1 = OptimizerArguments.Fraction(beta1, nameof(beta1), "The first-moment decay β₁");
        Beta2 = OptimizerArguments.Fraction(beta2, nameof(beta2), "The second-moment decay β₂");
        Epsilon = OptimizerArguments.Positive(epsilon, nameof(epsilon), "ε");
    }

    /// <summary>η, the step size.</summary>
    public double LearningRate { get; }

    /// <summary>β₁, the decay of the first-moment estimate.</summary>
    public double Beta1 { get; }

    /// <summary>β₂, the decay of the second-moment estimate.</summary>
    public double Beta2 { get; }

    /// <summary>ε, added to √v̂ in the denominator.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    public AdamState Start(params Tensor<double>[] parameters)
    {
        Tensor<double>[] theta = OptimizerArguments.Copy(parameters, nameof(parameters));
        return new(theta, OptimizerArguments.Zeros(theta), OptimizerArguments.Zeros(theta), 0);
    }

    /// <inheritdoc/>
    public AdamState Step(AdamState state, Tensor<double>[] gradient)
    {
        OptimizerArguments.CheckStep(state, gradient);
        OptimizerArguments.CheckMemory(state.FirstMoment, state.Parameters, nameof(state.FirstMoment));
        OptimizerArguments.CheckMemory(state.SecondMoment, state.Parameters, nameof(state.SecondMoment));
        int t = state.Steps + 1;
        double correction1 = 1 - Math.Pow(Beta1, t), correction2 = 1 - Math.Pow(Beta2, t);
        var parameters = new Tensor<double>[gradient.Length];
        var first = new Tensor<double>[gradient.Length];
        var second = new Tensor<double>[gradient.Length];
        for (int i = 0; i < gradient.Length; i++)
        {
            ReadOnlySpan<double> theta = DenseEntries.Of(state.Parameters[i]), g = DenseEntries.Of(gradient[i]);
            var m = new double[g.Length];
            var v = new double[g.Length];
            var next = new double[g.Length];
            TensorPrimitives.Multiply(DenseEntries.Of(state.FirstMoment[i]), Beta1, m);
            TensorPrimitives.MultiplyAdd(g, 1 - Beta1, m, m);                  // m_t = β₁ m + (1 − β₁) g
            TensorPrimitives.Multiply(g, g, next);
            TensorPrimitives.Multiply(next, 1 - Beta2, next);
            TensorPrimitives.MultiplyAdd(DenseEntries.Of(state.SecondMoment[i]), Beta2, next, v);   // v_t = β₂ v + (1 − β₂) g²
            TensorPrimitives.Divide(v, correction2, next);
            TensorPrimitives.Sqrt<double>(next, next);
            TensorPrimitives.Add(next, Epsilon, next);                         // √v̂_t + ε
            TensorPrimitives.Divide(m, next, next);
            TensorPrimitives.MultiplyAdd(next, -LearningRate / correction1, theta, next);   // θ − η m̂ ⊘ (√v̂ + ε)
            parameters[i] = OptimizerArguments.Like(gradient[i], next);
            first[i] = OptimizerArguments.Like(gradient[i], m);
            second[i] = OptimizerArguments.Like(gradient[i], v);
        }
        return new(parameters, first, second, t);
    }

    /// <summary>"Adam (η = 0.01, β₁ = 0.9, β₂ = 0.999, ε = 1E-08)".</summary>
    public override string ToString() =>
        FormattableString.Invariant($"Adam (η = {LearningRate:G4}, β₁ = {Beta1:G4}, β₂ = {Beta2:G4}, ε = {Epsilon:G4})");
}
