using System.Numerics;
using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>
/// What a first-order optimiser has after t steps: the parameters θ_t (the tensors of a model, e.g. a
/// <see cref="Perceptron"/>'s A₀, b₀, …) and whatever its rule carries from step to step.
/// </summary>
/// <typeparam name="T">The scalar type of the parameters (<c>double</c>, <c>float</c>, …).</typeparam>
public interface IOptimizerState<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>θ_t, one tensor per parameter. Never written: a step makes new tensors.</summary>
    Tensor<T>[] Parameters { get; }

    /// <summary>t, the number of steps taken.</summary>
    int Steps { get; }
}

/// <summary>
/// A first-order optimiser as a pure function of its state and a gradient: θ_{t+1} = step(θ_t, ∇L(θ_t)ᵀ, state).
/// Immutable (its hyperparameters are fixed at construction), and <see cref="Step"/> never writes its arguments,
/// so a state may be kept, compared or stepped again from. One optimiser steps parameters of any floating-point
/// type: its hyperparameters are converted to that type once per step.
/// </summary>
public interface IOptimizer
{
    /// <summary>The state at t = 0: θ₀ = <paramref name="parameters"/> (copied) and the rule's initial memory.</summary>
    /// <exception cref="ArgumentException">No parameters, a null one, or one with no entries or more than
    /// <see cref="Array.MaxLength"/>.</exception>
    IOptimizerState<T> Start<T>(params Tensor<T>[] parameters) where T : IFloatingPointIeee754<T>;

    /// <summary>One step from <paramref name="state"/> along ∇L(θ_t)ᵀ, one tensor per parameter and of its shape.</summary>
    /// <exception cref="ArgumentException">The state is null, was made by another kind of optimiser, holds a null
    /// tensor or memory that does not fit its parameters (named <c>state</c>), or the gradient does not have the
    /// parameters' count and shapes.</exception>
    IOptimizerState<T> Step<T>(IOptimizerState<T> state, Tensor<T>[] gradient) where T : IFloatingPointIeee754<T>;

    /// <summary>
    /// The same step written over the state's own tensors where the optimiser can (no new state per step); the state
    /// passed in is then consumed. An optimiser that cannot step in place returns <see cref="Step{T}"/>'s new state.
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="Step{T}"/>.</exception>
    IOptimizerState<T> StepInPlace<T>(IOptimizerState<T> state, Tensor<T>[] gradient) where T : IFloatingPointIeee754<T> =>
        Step(state, gradient);
}
