using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>The state of <see cref="MomentumDescent"/> after t steps: θ_t and the velocity v_t.</summary>
/// <param name="Parameters">θ_t.</param>
/// <param name="Velocity">v_t, shaped as θ_t (v₀ = 0).</param>
/// <param name="Steps">t.</param>
public sealed record MomentumState(Tensor<double>[] Parameters, Tensor<double>[] Velocity, int Steps) : IOptimizerState;

/// <summary>
/// Gradient descent with heavy-ball momentum, the seeds' first-order method on tensors:
/// v_{t+1} = μ v_t − η ∇L(θ_t)ᵀ, θ_{t+1} = θ_t + v_{t+1}. With μ = 0 it is plain steepest descent
/// θ_{t+1} = θ_t − η ∇L(θ_t)ᵀ. (The same rule as <see cref="GradientDescent"/>, on a model's tensors.)
/// </summary>
public sealed class MomentumDescent : IOptimizer<MomentumState>
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

    /// <inheritdoc/>
    public MomentumState Start(params Tensor<double>[] parameters)
    {
        Tensor<double>[] theta = OptimizerArguments.Copy(parameters, nameof(parameters));
        return new(theta, OptimizerArguments.Zeros(theta), 0);
    }

    /// <inheritdoc/>
    public MomentumState Step(MomentumState state, Tensor<double>[] gradient)
    {
        OptimizerArguments.CheckStep(state, gradient);
        OptimizerArguments.CheckMemory(state.Velocity, state.Parameters, nameof(state.Velocity));
        var parameters = new Tensor<double>[gradient.Length];
        var velocity = new Tensor<double>[gradient.Length];
        for (int i = 0; i < gradient.Length; i++)
        {
            ReadOnlySpan<double> theta = DenseEntries.Of(state.Parameters[i]), g = DenseEntries.Of(gradient[i]);
            var v = new double[theta.Length];
            var next = new double[theta.Length];
            TensorPrimitives.Multiply(DenseEntries.Of(state.Velocity[i]), Momentum, v);   // μ v_t
            TensorPrimitives.MultiplyAdd(g, -LearningRate, v, v);                           // − η g
            TensorPrimitives.Add(theta, v, next);                                           // θ_t + v_{t+1}
            velocity[i] = OptimizerArguments.Like(gradient[i], v);
            parameters[i] = OptimizerArguments.Like(gradient[i], next);
        }
        return new(parameters, velocity, state.Steps + 1);
    }

    /// <summary>"momentum descent (η = 0.01, μ = 0.9)".</summary>
    public override string ToString() => FormattableString.Invariant($"momentum descent (η = {LearningRate:G4}, μ = {Momentum:G4})");
}
