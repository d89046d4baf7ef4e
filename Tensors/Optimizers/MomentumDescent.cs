using System.Numerics;
using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>The state of <see cref="MomentumDescent"/> after t steps: θ_t and the velocity v_t.</summary>
/// <param name="Parameters">θ_t.</param>
/// <param name="Velocity">v_t, shaped as θ_t (v₀ = 0).</param>
/// <param name="Steps">t.</param>
/// <typeparam name="T">The scalar type of the parameters.</typeparam>
public sealed record MomentumState<T>(Tensor<T>[] Parameters, Tensor<T>[] Velocity, int Steps) : IOptimizerState<T>
    where T : IFloatingPointIeee754<T>;

/// <summary>
/// Gradient descent with heavy-ball momentum, the seeds' first-order method on tensors:
/// v_{t+1} = μ v_t − η ∇L(θ_t)ᵀ, θ_{t+1} = θ_t + v_{t+1}. With μ = 0 it is plain steepest descent
/// θ_{t+1} = θ_t − η ∇L(θ_t)ᵀ. (The same rule as <see cref="GradientDescent"/>, on a model's tensors.)
/// </summary>
public sealed class MomentumDescent : IOptimizer
{
    /// <summary>A descent with learning rate η and momentum μ.</summary>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="momentum">μ ∈ [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">η not positive and finite, or μ outside [0, 1).</exception>
    public MomentumDescent(double learningRate, double momentum = 0.9)
    {
        LearningRate = OptimizerArguments.Positive(learningRate, nameof(learningRate), "The learning rate η");
        Momentum = OptimizerArguments.Fraction(momentum, nameof(momentum), "The momentum μ");
    }

    /// <summary>η, the step size.</summary>
    public double LearningRate { get; }

    /// <summary>μ, the fraction of the previous step kept.</summary>
    public double Momentum { get; }

    /// <summary>The state at t = 0: θ₀ = <paramref name="parameters"/> (copied) and v₀ = 0.</summary>
    /// <exception cref="ArgumentException">No parameters, a null one, or one with no entries or more than
    /// <see cref="Array.MaxLength"/>.</exception>
    public MomentumState<T> Start<T>(params Tensor<T>[] parameters) where T : IFloatingPointIeee754<T>
    {
        Tensor<T>[] theta = OptimizerArguments.Copy(parameters, nameof(parameters));
        return new(theta, OptimizerArguments.Zeros(theta), 0);
    }

    /// <summary>One step from <paramref name="state"/> along ∇L(θ_t)ᵀ, one tensor per parameter and of its shape.</summary>
    /// <exception cref="ArgumentException">The state is null, holds a null tensor or a velocity that does not fit its
    /// parameters (named <c>state</c>), or the gradient does not have the parameters' count and shapes.</exception>
    public MomentumState<T> Step<T>(MomentumState<T> state, Tensor<T>[] gradient) where T : IFloatingPointIeee754<T>
    {
        Check(state, gradient);
        var parameters = new Tensor<T>[gradient.Length];
        var velocity = new Tensor<T>[gradient.Length];
        for (int i = 0; i < gradient.Length; i++)
        {
            int length = (int)gradient[i].FlattenedLength;
            T[] theta = new T[length], v = new T[length];
            Update(state, gradient, i, theta, v);
            velocity[i] = OptimizerArguments.Like(gradient[i], v);
            parameters[i] = OptimizerArguments.Like(gradient[i], theta);
        }
        return new(parameters, velocity, state.Steps + 1);
    }

    /// <summary>
    /// The same step written over the state's own tensors (θ and v updated where they are), so a training loop
    /// allocates no new state per step. The state passed in is consumed — its tensors now hold step t + 1 — and the
    /// returned state shares them; use <see cref="Step{T}"/> to keep the old state.
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="Step{T}"/>, or a tensor of the state is not dense.</exception>
    public MomentumState<T> StepInPlace<T>(MomentumState<T> state, Tensor<T>[] gradient) where T : IFloatingPointIeee754<T>
    {
        Check(state, gradient);
        for (int i = 0; i < gradient.Length; i++)
            Update(state, gradient, i, DenseEntries.Writable(state.Parameters[i], nameof(state)),
                DenseEntries.Writable(state.Velocity[i], nameof(state)));
        return state with { Steps = state.Steps + 1 };
    }

    private static void Check<T>(MomentumState<T> state, Tensor<T>[] gradient) where T : IFloatingPointIeee754<T>
    {
        OptimizerArguments.CheckStep(state, gradient);
        OptimizerArguments.CheckMemory(state.Velocity, state.Parameters, nameof(state.Velocity));
    }

    // Parameter i's step from the state into theta and v, which may be the state's own memory (entrywise operations).
    private void Update<T>(MomentumState<T> state, Tensor<T>[] gradient, int i, Span<T> theta, Span<T> v)
        where T : IFloatingPointIeee754<T>
    {
        T mu = T.CreateChecked(Momentum), minusEta = -T.CreateChecked(LearningRate);
        TensorPrimitives.Multiply(DenseEntries.Of(state.Velocity[i]), mu, v);   // μ v_t
        TensorPrimitives.MultiplyAdd(DenseEntries.Of(gradient[i]), minusEta, v, v);   // − η g
        TensorPrimitives.Add(DenseEntries.Of(state.Parameters[i]), v, theta);   // θ_t + v_{t+1}
    }

    IOptimizerState<T> IOptimizer.Start<T>(params Tensor<T>[] parameters) => Start(parameters);

    IOptimizerState<T> IOptimizer.Step<T>(IOptimizerState<T> state, Tensor<T>[] gradient) =>
        Step(OptimizerArguments.StateOf<MomentumState<T>, T>(state, this), gradient);

    IOptimizerState<T> IOptimizer.StepInPlace<T>(IOptimizerState<T> state, Tensor<T>[] gradient) =>
        StepInPlace(OptimizerArguments.StateOf<MomentumState<T>, T>(state, this), gradient);

    /// <summary>"momentum descent (η = 0.01, μ = 0.9)".</summary>
    public override string ToString() => FormattableString.Invariant($"momentum descent (η = {LearningRate:G4}, μ = {Momentum:G4})");
}
