using System.Numerics;
using System.Numerics.Tensors;
using static System.FormattableString;

namespace Autodiff;

/// <summary>
/// The pullback of a tensor function F(X₁, …, X_k) at a point: Ū ↦ (X̄₁, …, X̄_k) with X̄_i = Ūᵀ ∂F/∂X_i in the
/// seeds' layout (each X̄_i has the shape of X_i). Pure, like <see cref="Pullback{T}"/> on which it runs: it may be
/// called any number of times, from any number of threads.
/// </summary>
/// <typeparam name="T">The scalar type.</typeparam>
public sealed class TensorPullback<T> where T : IFloatingPointIeee754<T>
{
    private readonly Pullback<T> _pullback;
    private readonly Shape _output;
    private readonly Shape[] _inputs;

    internal TensorPullback(Pullback<T> pullback, Shape output, Shape[] inputs)
    {
        _pullback = pullback;
        _output = output;
        _inputs = inputs;
    }

    /// <summary>The number of records the forward pass made (scalar and tensor entries): the work of one sweep.</summary>
    public int OperationCount => _pullback.OperationCount;

    /// <summary>The pullback as a function value of its own (pure and thread-safe, like the pullback).</summary>
    public Func<Tensor<T>, Tensor<T>[]> ToFunc() => Invoke;

    /// <summary>A pullback is a function: <c>Func&lt;Tensor&lt;T&gt;, Tensor&lt;T&gt;[]&gt; pb = pullback; pb(ū)</c>.</summary>
    public static implicit operator Func<Tensor<T>, Tensor<T>[]>(TensorPullback<T> pullback)
    {
        ArgumentNullException.ThrowIfNull(pullback);
        return pullback.ToFunc();
    }

    /// <summary>X̄_i = Ūᵀ ∂F/∂X_i for each input, shaped as that input.</summary>
    /// <param name="cotangent">Ū, of the value's shape exactly: the same rank and lengths (a scalar value, returned
    /// as a one-entry vector, takes a one-entry vector).</param>
    /// <exception cref="ArgumentNullException"><paramref name="cotangent"/> is null.</exception>
    /// <exception cref="ArgumentException">Ū's shape is not the value's (a 3×2 Ū for a 2×3 value, or its six entries
    /// as a vector); the message names both shapes.</exception>
    public Tensor<T>[] Invoke(Tensor<T> cotangent)
    {
        ArgumentNullException.ThrowIfNull(cotangent);
        if (!HasLengths(_output, cotangent.Lengths))
            throw new ArgumentException(
                $"The cotangent is {Describe(cotangent.Lengths)} but the function's value is {_output}{(_output.Rank == 0 ? " (a one-entry vector)" : "")}; Ū needs the value's shape exactly.",
                nameof(cotangent));
        var u = new T[_output.Length];
        DenseEntries.CopyTo(cotangent, u);
        return Invoke(u);
    }

    // Exactly the shape's lengths; a scalar is the one-entry vector [1]. Compared entry by entry: a transposed or
    // flattened tensor has the right number of entries, and would be read or written silently in the wrong order.
    private static bool HasLengths(Shape shape, ReadOnlySpan<nint> lengths) => shape.Rank switch
    {
        0 => lengths.Length == 1 && lengths[0] == 1,
        1 => lengths.Length == 1 && lengths[0] == shape.Columns,
        _ => lengths.Length == 2 && lengths[0] == shape.Rows && lengths[1] == shape.Columns,
    };

    // "3×2" or "6-vector" as Shape writes them (formatted here: a Shape refuses lengths too large for one), else
    // the lengths themselves.
    private static string Describe(ReadOnlySpan<nint> lengths) =>
        lengths.Length switch
        {
            1 when lengths[0] >= 1 => Invariant($"{lengths[0]}-vector"),
            2 when lengths[0] >= 1 && lengths[1] >= 1 => Invariant($"{lengths[0]}×{lengths[1]}"),
            _ => $"a tensor of lengths [{string.Join(", ", lengths.ToArray())}]",
        };

    /// <summary>Frees the record: for combinators that do not hand the pullback out.</summary>
    internal void Release() => _pullback.Release();

    /// <summary>This pullback with its record cut to size: for one handed to the caller.</summary>
    internal TensorPullback<T> Trimmed()
    {
        // Stryker disable once Statement : trimming only gives back the unused part of the record.
        _pullback.Trimmed();
        return this;
    }

    /// <summary>Ūᵀ ∂F/∂X_i for a flat cotangent, one new tensor per input.</summary>
    internal Tensor<T>[] Invoke(T[] cotangent)
    {
        // One input takes the fresh flat gradient whole; several copy their parts out of the sweep's memory.
        if (_inputs.Length == 1)
            return [Tensors.Create(_pullback.Invoke(cotangent), _inputs[0])];
        var result = new Tensor<T>[_inputs.Length];
        Pull(cotangent, (i, part) => result[i] = Tensors.Create(part.ToArray(), _inputs[i]));
        return result;
    }

    /// <summary>Ūᵀ ∂F/∂X_i for a flat cotangent, written into the dense tensors <paramref name="gradient"/> (one per input, of its shape).</summary>
    internal void InvokeInto(T[] cotangent, Tensor<T>[] gradient) =>
        Pull(cotangent, (i, part) => part.CopyTo(DenseEntries.Writable(gradient[i], nameof(gradient))));

    /// <summary>Checks that <paramref name="gradient"/> holds one tensor per input, each of the input's lengths.</summary>
    internal void RequireGradientDestination(Tensor<T>[] gradient)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        if (gradient.Length != _inputs.Length)
            throw new ArgumentException(
                $"gradient holds {gradient.Length} tensors but the function has {_inputs.Length} inputs; it needs one per input.", nameof(gradient));
        for (int i = 0; i < gradient.Length; i++)
            if (gradient[i] is null || !HasLengths(_inputs[i], gradient[i].Lengths))
                throw new ArgumentException(
                    $"gradient[{i}] is {(gradient[i] is null ? "null" : Describe(gradient[i].Lengths))} but input {i} is {_inputs[i]}; each gradient tensor needs its input's lengths.",
                    nameof(gradient));
    }

    // The flat gradient, handed out input by input in the sweep's own memory.
    private void Pull(T[] cotangent, Action<int, ReadOnlySpan<T>> part) =>
        _pullback.Invoke(cotangent, (Inputs: _inputs, Part: part), static (flat, state) =>
        {
            int offset = 0;
            for (int i = 0; i < state.Inputs.Length; i++)
            {
                state.Part(i, flat.Slice(offset, state.Inputs[i].Length));
                offset += state.Inputs[i].Length;
            }
        });
}
