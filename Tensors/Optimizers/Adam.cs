using System.Numerics;
using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>The state of <see cref="Adam"/> after t steps: θ_t and the moment estimates m_t, v_t.</summary>
/// <param name="Parameters">θ_t.</param>
/// <param name="FirstMoment">m_t, the running mean of the gradient (m₀ = 0).</param>
/// <param name="SecondMoment">v_t, the running mean of its entrywise square (v₀ = 0).</param>
/// <param name="Steps">t.</param>
/// <typeparam name="T">The scalar type of the parameters.</typeparam>
public sealed record AdamState<T>(Tensor<T>[] Parameters, Tensor<T>[] FirstMoment, Tensor<T>[] SecondMoment, int Steps)
    : IOptimizerState<T> where T : IFloatingPointIeee754<T>;

/// <summary>
/// Adam (Kingma &amp; Ba, 2015): with g_t = ∇L(θ_{t−1})ᵀ,
/// m_t = β₁ m_{t−1} + (1 − β₁) g_t, v_t = β₂ v_{t−1} + (1 − β₂) g_t ⊙ g_t, the bias-corrected
/// m̂_t = m_t/(1 − β₁ᵗ), v̂_t = v_t/(1 − β₂ᵗ), and θ_t = θ_{t−1} − η m̂_t ⊘ (√v̂_t + ε), entrywise. Each parameter
/// moves by about η whatever the scale of its gradient.
/// </summary>
public sealed class Adam : IOptimizer
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

    /// <summary>The state at t = 0: θ₀ = <paramref name="parameters"/> (copied) and m₀ = v₀ = 0.</summary>
    /// <exception cref="ArgumentException">No parameters, a null one, or one with no entries or more than
    /// <see cref="Array.MaxLength"/>.</exception>
    public AdamState<T> Start<T>(params Tensor<T>[] parameters) where T : IFloatingPointIeee754<T>
    {
        Tensor<T>[] theta = OptimizerArguments.Copy(parameters, nameof(parameters));
        return new(theta, OptimizerArguments.Zeros(theta), OptimizerArguments.Zeros(theta), 0);
    }

    /// <summary>One step from <paramref name="state"/> along ∇L(θ_t)ᵀ, one tensor per parameter and of its shape.</summary>
    /// <exception cref="ArgumentException">The state is null, holds a null tensor or moments that do not fit its
    /// parameters (named <c>state</c>), or the gradient does not have the parameters' count and shapes.</exception>
    public AdamState<T> Step<T>(AdamState<T> state, Tensor<T>[] gradient) where T : IFloatingPointIeee754<T>
    {
        Check(state, gradient);
        Rates<T> rates = RatesAt<T>(state.Steps + 1);
        var parameters = new Tensor<T>[gradient.Length];
        var first = new Tensor<T>[gradient.Length];
        var second = new Tensor<T>[gradient.Length];
        for (int i = 0; i < gradient.Length; i++)
        {
            int length = (int)gradient[i].FlattenedLength;
            T[] theta = new T[length], m = new T[length], v = new T[length];
            Update(rates, state, gradient, i, theta, m, v, new T[length]);
            parameters[i] = OptimizerArguments.Like(gradient[i], theta);
            first[i] = OptimizerArguments.Like(gradient[i], m);
            second[i] = OptimizerArguments.Like(gradient[i], v);
        }
        return new(parameters, first, second, state.Steps + 1);
    }

    /// <summary>
    /// The same step written over the state's own tensors: θ, m and v are updated where they are, so a training loop
    /// allocates no new state per step. The state passed in is consumed — its tensors now hold step t + 1 — and the
    /// returned state (t + 1 steps) shares them; use <see cref="Step{T}"/> to keep the old state.
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="Step{T}"/>, or a tensor of the state is not dense
    /// (a strided view cannot be written as one span).</exception>
    public AdamState<T> StepInPlace<T>(AdamState<T> state, Tensor<T>[] gradient) where T : IFloatingPointIeee754<T>
    {
        Check(state, gradient);
        Rates<T> rates = RatesAt<T>(state.Steps + 1);
        for (int i = 0; i < gradient.Length; i++)
        {
            Span<T> theta = DenseEntries.Writable(state.Parameters[i], nameof(state));
            T[] scratch = System.Buffers.ArrayPool<T>.Shared.Rent(theta.Length);
            Update(rates, state, gradient, i, theta, DenseEntries.Writable(state.FirstMoment[i], nameof(state)),
                DenseEntries.Writable(state.SecondMoment[i], nameof(state)), scratch.AsSpan(0, theta.Length));
            System.Buffers.ArrayPool<T>.Shared.Return(scratch);
        }
        return state with { Steps = state.Steps + 1 };
    }

    private static void Check<T>(AdamState<T> state, Tensor<T>[] gradient) where T : IFloatingPointIeee754<T>
    {
        OptimizerArguments.CheckStep(state, gradient);
        OptimizerArguments.CheckMemory(state.FirstMoment, state.Parameters, nameof(state.FirstMoment));
        OptimizerArguments.CheckMemory(state.SecondMoment, state.Parameters, nameof(state.SecondMoment));
    }

    // β₁, β₂ and ε in T, and the bias corrections of step t: converted once per step, not once per parameter.
    private readonly record struct Rates<T>(T Beta1, T Beta2, T Epsilon, T Correction2, T Step);

    private Rates<T> RatesAt<T>(int t) where T : IFloatingPointIeee754<T> => new(
        T.CreateChecked(Beta1), T.CreateChecked(Beta2), T.CreateChecked(Epsilon),
        T.CreateChecked(1 - Math.Pow(Beta2, t)), -T.CreateChecked(LearningRate / (1 - Math.Pow(Beta1, t))));

    // Parameter i's step from the state into theta, m and v, which may be the state's own memory: every operation is
    // entrywise, so writing over an input entry by entry is safe. next is scratch of the same length.
    private static void Update<T>(Rates<T> rates, AdamState<T> state, Tensor<T>[] gradient, int i, Span<T> theta, Span<T> m,
        Span<T> v, Span<T> next) where T : IFloatingPointIeee754<T>
    {
        (T beta1, T beta2, T epsilon, T correction2, T step) = rates;
        ReadOnlySpan<T> g = DenseEntries.Of(gradient[i]);
        TensorPrimitives.Multiply(DenseEntries.Of(state.FirstMoment[i]), beta1, m);
        TensorPrimitives.MultiplyAdd(g, T.One - beta1, m, m);                  // m_t = β₁ m + (1 − β₁) g
        TensorPrimitives.Multiply(g, g, next);
        TensorPrimitives.Multiply(next, T.One - beta2, next);
        TensorPrimitives.MultiplyAdd(DenseEntries.Of(state.SecondMoment[i]), beta2, next, v);   // v_t = β₂ v + (1 − β₂) g²
        TensorPrimitives.Divide(v, correction2, next);
        TensorPrimitives.Sqrt<T>(next, next);
        TensorPrimitives.Add(next, epsilon, next);                             // √v̂_t + ε
        TensorPrimitives.Divide(m, next, next);
        TensorPrimitives.MultiplyAdd(next, step, DenseEntries.Of(state.Parameters[i]), theta);   // θ − η m̂ ⊘ (√v̂ + ε)
    }

    IOptimizerState<T> IOptimizer.Start<T>(params Tensor<T>[] parameters) => Start(parameters);

    IOptimizerState<T> IOptimizer.Step<T>(IOptimizerState<T> state, Tensor<T>[] gradient) =>
        Step(OptimizerArguments.StateOf<AdamState<T>, T>(state, this), gradient);

    IOptimizerState<T> IOptimizer.StepInPlace<T>(IOptimizerState<T> state, Tensor<T>[] gradient) =>
        StepInPlace(OptimizerArguments.StateOf<AdamState<T>, T>(state, this), gradient);

    /// <summary>"Adam (η = 0.01, β₁ = 0.9, β₂ = 0.999, ε = 1E-08)".</summary>
    public override string ToString() =>
        FormattableString.Invariant($"Adam (η = {LearningRate:G4}, β₁ = {Beta1:G4}, β₂ = {Beta2:G4}, ε = {Epsilon:G4})");
}
