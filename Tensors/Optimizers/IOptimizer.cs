using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>
/// What a first-order optimiser has after t steps: the parameters θ_t (the tensors of a model, e.g. a
/// <see cref="Perceptron"/>'s A₀, b₀, …) and whatever its rule carries from step to step.
/// </summary>
public interface IOptimizerState
{
    /// <summary>θ_t, one tensor per parameter. Never written: a step makes new tensors.</summary>
    Tensor<double>[] Parameters { get; }

    /// <summary>t, the number of steps taken.</summary>
    int Steps { get; }
}

/// <summary>
/// A first-order optimiser as a pure function of its state and a gradient: θ_{t+1} = step(θ_t, ∇L(θ_t)ᵀ, state).
/// Immutable (its hyperparameters are fixed at construction), and <see cref="Step"/> never writes its arguments,
/// so a state may be kept, compared or stepped again from.
/// </summary>
/// <typeparam name="TState">The state the rule carries.</typeparam>
public interface IOptimizer<TState> where TState : IOptimizerState
{
    /// <summary>The state at t = 0: θ₀ = <paramref name="parameters"/> (copied) and the rule's initial memory.</summary>
    /// <exception cref="ArgumentException">No parameters, a null one, or one with no entries or more than
    /// <see cref="Array.MaxLength"/>.</exception>
    TState Start(params Tensor<double>[] parameters);

    /// <summary>One step from <paramref name="state"/> along ∇L(θ_t)ᵀ, one tensor per parameter and of its shape.</summary>
    /// <exception cref="ArgumentException">The state is null, holds a null tensor or memory that does not fit its
    /// parameters (named <c>state</c>), or the gradient does not have the parameters' count and shapes.</exception>
    TState Step(TState state, Tensor<double>[] gradient);
}
