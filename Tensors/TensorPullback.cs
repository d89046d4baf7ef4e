using System.Numerics;
using System.Numerics.Tensors;

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
    /// <exception cref="ArgumentException">Ū does not have the output's number of entries.</exception>
    public Tensor<T>[] Invoke(Tensor<T> cotangent)
    {
        ArgumentNullException.ThrowIfNull(cotangent);
        if (cotangent.FlattenedLength != _output.Length)
            throw new ArgumentException(
                $"The cotangent has {cotangent.FlattenedLength} entries but the function's value is {_output} ({_output.Length} entries); it needs one per entry.",
                nameof(cotangent));
        var u = new T[_output.Length];
        DenseEntries.CopyTo(cotangent, u);
        return Split(_pullback.Invoke(u));
    }

    /// <summary>Frees the record: for combinators that do not hand the pullback out.</summary>
    internal void Release() => _pullback.Release();

    internal Tensor<T>[] Split(T[] flat)
    {
        // The flat gradient is a fresh array: one input takes it whole, several take copies of their parts.
        if (_inputs.Length == 1)
            return [Tensors.Create(flat, _inputs[0])];
        var result = new Tensor<T>[_inputs.Length];
        int offset = 0;
        for (int i = 0; i < _inputs.Length; i++)
        {
            result[i] = Tensors.Create(flat[offset..(offset + _inputs[i].Length)], _inputs[i]);
            offset += _inputs[i].Length;
        }
        return result;
    }
}
