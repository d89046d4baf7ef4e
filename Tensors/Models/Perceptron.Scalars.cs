using System.Numerics;

namespace Autodiff;

// Scalar mode: the same network written with loops over numbers of any type, so reverse mode on Tracked<double>
// (one tape record per multiply and per add) differentiates it, as forward mode would on duals. The reference the
// tensor mode is checked against, and the baseline it is measured against.
public sealed partial class Perceptron
{
    /// <summary>
    /// F_K of a batch, computed one sample and one unit at a time: for each row x⁽ⁱ⁾ of X, f₀ = x⁽ⁱ⁾ and
    /// (f_{k+1})_j = σ_{k+1}(Σ_l (A_k)_jl (f_k)_l + (b_k)_j).
    /// </summary>
    /// <param name="parameters">θ flattened (<see cref="Flatten{T}"/>): A₀, b₀, … each row-major.</param>
    /// <param name="inputs">X ∈ ℝ^{N×n₀} row-major: N·n₀ numbers (data: any floating-point type, lifted into T).</param>
    /// <typeparam name="T">The number type the network computes on (<c>double</c>, <c>float</c>, <see cref="Tracked{T}"/>, …).</typeparam>
    /// <typeparam name="TData">The type of the data X (and Y): <c>double</c>, <c>float</c>, ….</typeparam>
    /// <returns>F_K ∈ ℝ^{N×n_K}, row-major.</returns>
    /// <exception cref="ArgumentException">θ does not have <see cref="ParameterCount"/> entries, X is not N rows of n₀,
    /// or N is so large that a layer's outputs would not fit in an array.</exception>
    public T[] ScalarForward<T, TData>(ReadOnlySpan<T> parameters, ReadOnlySpan<TData> inputs)
        where T : IFloatingPointIeee754<T> where TData : IFloatingPointIeee754<TData>
    {
        CheckCount(parameters.Length, nameof(parameters));
        int samples = BatchSize(inputs.Length, InputSize, nameof(inputs), "inputs");
        CheckBatch(samples, nameof(inputs));
        var lifted = new T[inputs.Length];
        for (int l = 0; l < lifted.Length; l++)
            lifted[l] = T.CreateChecked(inputs[l]);
        return ForwardOnSameType<T>(parameters, lifted, samples);
    }

    // F_K of N samples whose inputs are numbers of the same type as θ (so a derivative may flow into x as well).
    internal T[] ForwardOnSameType<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> inputs, int samples) where T : IFloatingPointIeee754<T>
    {
        var outputs = new T[samples * OutputSize];
        T[] f = new T[Widest], next = new T[Widest];
        for (int i = 0; i < samples; i++)
        {
            inputs.Slice(i * InputSize, InputSize).CopyTo(f);
            int offset = 0;
            for (int k = 0; k < Depth; k++)
            {
                int n = Sizes[k], m = Sizes[k + 1];
                ReadOnlySpan<T> a = parameters.Slice(offset, m * n), b = parameters.Slice(offset + m * n, m);
                offset += (n + 1) * m;
                ActivationFunction sigma = ActivationOf(k + 1);
                for (int j = 0; j < m; j++)
                {
                    T z = a[j * n] * f[0];
                    for (int l = 1; l < n; l++)
                        z += a[j * n + l] * f[l];
                    next[j] = sigma.Apply(z + b[j]);
                }
                (f, next) = (next, f);
            }
            f.AsSpan(0, OutputSize).CopyTo(outputs.AsSpan(i * OutputSize));
        }
        return outputs;
    }

    /// <summary>L(θ) = ‖Y − F_K(θ, X)‖² = Σ_i Σ_j (Y_ij − (F_K)_ij)², scalar by scalar.</summary>
    /// <param name="parameters">θ flattened.</param>
    /// <param name="inputs">X ∈ ℝ^{N×n₀} row-major.</param>
    /// <param name="targets">Y ∈ ℝ^{N×n_K} row-major.</param>
    /// <typeparam name="T">The number type the network computes on.</typeparam>
    /// <typeparam name="TData">The type of the data X and Y.</typeparam>
    /// <exception cref="ArgumentException">A length does not fit the network.</exception>
    public T ScalarSquaredLoss<T, TData>(ReadOnlySpan<T> parameters, ReadOnlySpan<TData> inputs, ReadOnlySpan<TData> targets)
        where T : IFloatingPointIeee754<T> where TData : IFloatingPointIeee754<TData>
    {
        T[] outputs = ScalarForward(parameters, inputs, targets.Length);
        T loss = T.Zero;
        for (int k = 0; k < outputs.Length; k++)
        {
            T e = T.CreateChecked(targets[k]) - outputs[k];
            loss += e * e;
        }
        return loss;
    }

    /// <summary>
    /// L(θ) = −Σ_i Σ_j Y_ij log softmax(f_K⁽ⁱ⁾)_j, scalar by scalar, with log softmax(z)_j = (z_j − m) − log Σ_l e^{z_l − m}
    /// and m = max_l z_l (so no exponential overflows, and logits up to ±1.8e308 keep their log Σ); a term with
    /// Y_ij = 0 is 0. On <c>double</c> it is the plain loss, on <see cref="Tracked{T}"/> scalar reverse mode.
    /// </summary>
    /// <param name="parameters">θ flattened.</param>
    /// <param name="inputs">X ∈ ℝ^{N×n₀} row-major.</param>
    /// <param name="targets">Y ∈ ℝ^{N×n_K} row-major, each row a probability vector.</param>
    /// <typeparam name="T">The number type the network computes on.</typeparam>
    /// <typeparam name="TData">The type of the data X and Y.</typeparam>
    /// <exception cref="ArgumentException">A length does not fit the network.</exception>
    public T ScalarCrossEntropyLoss<T, TData>(ReadOnlySpan<T> parameters, ReadOnlySpan<TData> inputs, ReadOnlySpan<TData> targets)
        where T : IFloatingPointIeee754<T> where TData : IFloatingPointIeee754<TData>
    {
        T[] logits = ScalarForward(parameters, inputs, targets.Length);
        T loss = T.Zero;
        for (int row = 0; row < logits.Length; row += OutputSize)
        {
            ReadOnlySpan<T> z = logits.AsSpan(row, OutputSize);
            T max = z[0];
            foreach (T zj in z)
                // Stryker disable once Equality : replacing the maximum by an equal entry keeps it.
                if (zj > max)
                    max = zj;
            T sum = T.Zero;
            foreach (T zj in z)
                sum += T.Exp(zj - max);
            // (z_j − m) − log Σ, not z_j − (m + log Σ): a large m would round log Σ away. A zero target adds 0
            // even where log softmax is −∞ (0 log 0 = 0), rather than NaN.
            T logSum = T.Log(sum);
            for (int j = 0; j < OutputSize; j++)
                if (!TData.IsZero(targets[row + j]))
                    loss -= T.CreateChecked(targets[row + j]) * ((z[j] - max) - logSum);
        }
        return loss;
    }

    // F_K, checked to have as many entries as Y.
    private T[] ScalarForward<T, TData>(ReadOnlySpan<T> parameters, ReadOnlySpan<TData> inputs, int targets)
        where T : IFloatingPointIeee754<T> where TData : IFloatingPointIeee754<TData>
    {
        T[] outputs = ScalarForward(parameters, inputs);
        if (targets != outputs.Length)
            throw new ArgumentException(
                $"targets has {targets} entries but F_K has {outputs.Length} ({outputs.Length / OutputSize} samples × {OutputSize} outputs); Y needs one per output.",
                nameof(targets));
        return outputs;
    }
}
