using System.Numerics;
using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>The argument checks and per-tensor plumbing the optimisers share.</summary>
internal static class OptimizerArguments
{
    /// <summary>A positive, finite hyperparameter (a learning rate, ε).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and finite.</exception>
    public static double Positive(double value, string name, string meaning) =>
        value > 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{meaning} must be positive and finite.");

    /// <summary>A decay rate in [0, 1) (a momentum, β₁, β₂).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1).</exception>
    public static double Fraction(double value, string name, string meaning) =>
        value is >= 0 and < 1
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{meaning} must lie in [0, 1).");

    /// <summary>θ₀ copied (so the caller's tensors stay theirs), checked to be non-empty and non-null.</summary>
    /// <exception cref="ArgumentException">No parameters, a null one, or one with no entries or more than an array holds.</exception>
    public static Tensor<T>[] Copy<T>(Tensor<T>[] parameters, string name) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters, name);
        if (parameters.Length == 0)
            throw new ArgumentException($"{name} is empty; an optimiser needs at least one parameter tensor.", name);
        var copies = new Tensor<T>[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            Tensor<T> p = parameters[i] ?? throw new ArgumentNullException(name, $"{name}[{i}] is null.");
            // A zero-stride view may report more entries than any array holds; a rank-0 tensor holds none.
            // Stryker disable once Equality : the boundary, a parameter of exactly Array.MaxLength entries, needs 16 GiB to copy.
            if (p.FlattenedLength == 0 || p.FlattenedLength > Array.MaxLength)
                throw new ArgumentException(
                    $"{name}[{i}] has lengths [{Lengths(p)}], {p.FlattenedLength} entries; a parameter tensor has 1 to {Array.MaxLength}.", name);
            copies[i] = Like(p, DenseEntries.Of(p).ToArray());
        }
        return copies;
    }

    /// <summary>Zero tensors shaped as the parameters (the initial momentum or moments).</summary>
    public static Tensor<T>[] Zeros<T>(Tensor<T>[] parameters) where T : IFloatingPointIeee754<T> =>
        // Stryker disable once Checked : the parameters were checked by Copy to hold at most Array.MaxLength entries.
        Array.ConvertAll(parameters, p => Like(p, RowMajor.Filled(checked((int)p.FlattenedLength), T.Zero)));

    /// <summary>Checks the state and that the gradient has one tensor per parameter, of the parameter's shape.</summary>
    /// <exception cref="ArgumentException">A missing state or a null tensor in it, or a gradient that does not fit the
    /// parameters.</exception>
    public static void CheckStep<T>(IOptimizerState<T> state, Tensor<T>[] gradient) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(gradient);
        Tensor<T>[] parameters = state.Parameters
            ?? throw new ArgumentException("state has no parameters; make the first state with Start.", nameof(state));
        if (state.Steps < 0)
            throw new ArgumentException($"state has taken {state.Steps} steps; a step count is never negative.", nameof(state));
        if (gradient.Length != parameters.Length)
            throw new ArgumentException(
                $"gradient has {gradient.Length} tensors but there are {parameters.Length} parameters; it needs one per parameter.",
                nameof(gradient));
        for (int i = 0; i < parameters.Length; i++)
            if (parameters[i] is null)
                throw new ArgumentException($"state.Parameters[{i}] is null; make the first state with Start.", nameof(state));
        for (int i = 0; i < gradient.Length; i++)
            if (gradient[i] is null || !gradient[i].Lengths.SequenceEqual(parameters[i].Lengths))
                throw new ArgumentException(
                    $"gradient[{i}] has lengths [{Lengths(gradient[i])}] but parameter {i} has [{Lengths(parameters[i])}]; ∂L/∂θ_i has θ_i's shape.",
                    nameof(gradient));
    }

    /// <summary>Checks that a state's memory (a velocity, a moment) has one tensor per parameter, of its length.</summary>
    /// <exception cref="ArgumentException">The memory does not fit the parameters.</exception>
    public static void CheckMemory<T>(Tensor<T>[]? memory, Tensor<T>[] parameters, string what)
    {
        if (memory is null || memory.Length != parameters.Length
            || memory.Where((m, i) => m is null || m.FlattenedLength != parameters[i].FlattenedLength).Any())
            throw new ArgumentException(
                $"state.{what} does not have one tensor per parameter, each as long as its parameter; make the first state with Start.",
                "state");
    }

    /// <summary>A tensor of <paramref name="shape"/>'s lengths over <paramref name="values"/> (taken, not copied).</summary>
    public static Tensor<T> Like<T>(Tensor<T> shape, T[] values) => Tensor.Create(values, shape.Lengths);

    /// <summary>A state handed to <see cref="IOptimizer.Step{T}"/> as the optimiser's own kind of state (null passes
    /// through, for the step's own null check).</summary>
    /// <exception cref="ArgumentException">The state was made by another kind of optimiser.</exception>
    public static TState StateOf<TState, T>(IOptimizerState<T> state, IOptimizer optimizer)
        where TState : class, IOptimizerState<T> where T : IFloatingPointIeee754<T> =>
        state is null or TState
            ? (TState)state!
            : throw new ArgumentException(
                $"state is a {state.GetType().Name}; {optimizer} steps a {typeof(TState).Name} made by its Start.", nameof(state));

    private static string Lengths<T>(Tensor<T>? t) => t is null ? "null" : string.Join(", ", t.Lengths.ToArray());
}
