using System.Numerics;

namespace Autodiff;

/// <summary>
/// Training in function space under a fixed kernel (the seeds' PhD 7). With K = UΛUᵀ (<see cref="SymmetricEigen"/>),
/// gradient descent with learning rate η on L = ½ ‖ŷ − y‖² moves the predictions by ŷ_{k+1} = ŷ_k − ηK(ŷ_k − y) —
/// exactly for a model linear in θ, to first order otherwise — so
/// ŷ_k = y − (I − ηK)ᵏ (y − ŷ(0)), and its continuous-time limit, gradient flow, is ŷ(t) = y − e^{−ηKt}(y − ŷ(0)):
/// mode k of the residual, uₖᵀ(y − ŷ), decays at rate e^{−ηλₖt}.
/// </summary>
/// <typeparam name="T">The scalar type.</typeparam>
public sealed class KernelDynamics<T> where T : IFloatingPointIeee754<T>
{
    private readonly T[,] _vectors;
    private readonly T[] _targets;
    private readonly T[] _initialModes;

    internal KernelDynamics(T[,] kernel, T learningRate, T[] targets, T[] initialPredictions)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(initialPredictions);
        if (!(learningRate > T.Zero && T.IsFinite(learningRate)))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate η must be positive and finite.");
        int n = MatrixArguments.Square(kernel, nameof(kernel));
        MatrixArguments.Symmetric<T>(RowMajor.Of(kernel, n), n, nameof(kernel));
        (T[] values, T[,] vectors) = SymmetricEigen.Decompose(kernel);
        if (targets.Length != n)
            throw new ArgumentException($"targets has {targets.Length} entries but K is {n}×{n}; y needs one per row of K.", nameof(targets));
        if (initialPredictions.Length != n)
            throw new ArgumentException(
                $"initialPredictions has {initialPredictions.Length} entries but K is {n}×{n}; ŷ(0) needs one per row of K.", nameof(initialPredictions));
        // Descending: mode 0 is the fastest.
        Array.Reverse(values);
        _vectors = new T[n, n];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++)
                _vectors[i, k] = vectors[i, n - 1 - k];
        Eigenvalues = values;
        LearningRate = learningRate;
        _targets = (T[])targets.Clone();
        _initialModes = new T[n];
        for (int k = 0; k < n; k++)
            for (int i = 0; i < n; i++)
                _initialModes[k] += _vectors[i, k] * (targets[i] - initialPredictions[i]);
    }

    /// <summary>η.</summary>
    public T LearningRate { get; }

    /// <summary>λ₁ ≥ λ₂ ≥ … of K, descending.</summary>
    public IReadOnlyList<T> Eigenvalues { get; }

    /// <summary>The modewise rates ηλₖ, descending: mode k of the residual decays as e^{−ηλₖt}.</summary>
    public T[] Rates() => [.. Eigenvalues.Select(l => LearningRate * l)];

    /// <summary>uₖ, the eigenvector of K for λₖ (unit length).</summary>
    /// <exception cref="ArgumentOutOfRangeException">k is not the index of a mode.</exception>
    public T[] Mode(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, _targets.Length);
        return PerExample.Row(Transposed(), k);
    }

    /// <summary>ŷ(t) = y − U e^{−ηΛt} Uᵀ(y − ŷ(0)): gradient flow at time t (in units of steps).</summary>
    /// <exception cref="ArgumentOutOfRangeException">t is negative or not finite.</exception>
    public T[] Flow(T t)
    {
        if (!(t >= T.Zero && T.IsFinite(t)))
            throw new ArgumentOutOfRangeException(nameof(t), t, "The time t must be finite and non-negative.");
        return Predictions(l => T.Exp(-LearningRate * l * t));
    }

    /// <summary>ŷ_k = y − U (I − ηΛ)ᵏ Uᵀ(y − ŷ(0)): the predictions after k steps of gradient descent, exact for a
    /// model linear in θ.</summary>
    /// <exception cref="ArgumentOutOfRangeException">steps is negative.</exception>
    public T[] Descent(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        return Predictions(l => Power(T.One - LearningRate * l, steps));
    }

    // y − U diag(decay(λ)) Uᵀ(y − ŷ(0)).
    private T[] Predictions(Func<T, T> decay)
    {
        int n = _targets.Length;
        var prediction = (T[])_targets.Clone();
        for (int k = 0; k < n; k++)
        {
            T mode = decay(Eigenvalues[k]) * _initialModes[k];
            for (int i = 0; i < n; i++)
                prediction[i] -= _vectors[i, k] * mode;
        }
        return prediction;
    }

    private T[,] Transposed()
    {
        int n = _targets.Length;
        var t = new T[n, n];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++)
                t[k, i] = _vectors[i, k];
        return t;
    }

    private static T Power(T x, int k)
    {
        T result = T.One;
        for (; k > 0; k >>= 1, x *= x)
            if ((k & 1) == 1)
                result *= x;
        return result;
    }
}
