using System.Numerics;
using LanguageExt;

namespace Autodiff;

/// <summary>The iterates x₀, x₁, … of an optimiser and the loss at each.</summary>
/// <param name="Points">x_k for k = 0 … K.</param>
/// <param name="Losses">f(x_k) for k = 0 … K.</param>
public sealed record Trajectory<T>(Arr<T[]> Points, Arr<T> Losses)
{
    /// <summary>The last iterate.</summary>
    public T[] Final => Points[^1];
}

/// <summary>
/// Gradient descent with heavy-ball momentum, the seeds' first-order method: v ← μ v − η ∇f(x)ᵀ, x ← x + v
/// (μ = 0 is plain steepest descent x_{t+1} = x_t − η ∇f(x_t)ᵀ). Gradients by reverse mode.
/// </summary>
public static class GradientDescent
{
    /// <summary>Runs <paramref name="iterations"/> steps from x₀ and returns every iterate with its loss.</summary>
    /// <exception cref="ArgumentException">f is null, x₀ is empty or has a NaN or infinite entry, the learning rate is
    /// not positive and finite, the momentum is not in [0, 1), or iterations is negative.</exception>
    public static Trajectory<T> Run<T>(ScalarFunction<Tracked<T>> f, ReadOnlySpan<T> x0, T learningRate, T momentum, int iterations)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        RequireFiniteStart(x0, nameof(x0));
        // Written so that NaN fails too (every comparison with NaN is false); +∞ would make every step NaN.
        if (!(learningRate > T.Zero && T.IsFinite(learningRate)))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate η must be positive and finite.");
        if (!(momentum >= T.Zero && momentum < T.One))
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "The momentum μ must lie in [0, 1).");
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        T[] x = x0.ToArray();
        var velocity = new T[x.Length];
        velocity.AsSpan().Fill(T.Zero);
        var points = new T[iterations + 1][];
        var losses = new T[iterations + 1];
        for (int k = 0; ; k++)
        {
            (T loss, T[] gradient) = Reverse.ValueAndGrad(f, x);
            points[k] = (T[])x.Clone();
            losses[k] = loss;
            if (k == iterations)
                break;
            for (int i = 0; i < x.Length; i++)
            {
                velocity[i] = momentum * velocity[i] - learningRate * gradient[i];
                x[i] += velocity[i];
            }
        }
        return new Trajectory<T>(new Arr<T[]>(points), new Arr<T>(losses));
    }

    /// <summary>The starting point of an iteration: non-empty and finite, or an error naming it.</summary>
    internal static void RequireFiniteStart<T>(ReadOnlySpan<T> start, string name) where T : IFloatingPointIeee754<T>
    {
        Require.NotEmpty(start, name);
        foreach (T entry in start)
            if (!T.IsFinite(entry))
                throw new ArgumentException($"{name} has the entry {entry}; the starting point must be finite.", name);
    }
}
