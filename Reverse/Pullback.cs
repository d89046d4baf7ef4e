using System.Numerics;

namespace Autodiff;

/// <summary>
/// The pullback of f: ℝⁿ → ℝᵐ at a point: the linear map ū ↦ ūᵀ J_f(x), "one row of J" per call (the seeds'
/// vector-Jacobian product). A pure function: it may be called any number of times, with any cotangents, from any
/// number of threads at once, and always gives the same answer; each call is one backward sweep.
/// </summary>
/// <typeparam name="T">The scalar type.</typeparam>
public sealed class Pullback<T> where T : IFloatingPointIeee754<T>
{
    private readonly Tape<T> _tape;
    private readonly int[] _outputs;

    /// <summary>A pullback over a finished record, with respect to the inputs the tape recorded first.</summary>
    internal Pullback(Tape<T> tape, int[] outputs)
    {
        // Stryker disable once Statement : defensive — a pullback handed out is trimmed and one kept internally is
        // released before any recorded value can reach the caller; both freeze the tape.
        tape.Freeze();
        _tape = tape;
        _outputs = outputs;
    }

    /// <summary>n, the number of inputs (the length of every result).</summary>
    public int InputLength => _tape.InputCount;

    /// <summary>m, the number of outputs (the length every cotangent must have).</summary>
    public int OutputLength => _outputs.Length;

    /// <summary>The number of operations recorded by the forward pass, inputs included: the work of one sweep.</summary>
    public int OperationCount => _tape.Count;

    /// <summary>Frees the record once the last call is made: for combinators that do not hand the pullback out.</summary>
    internal void Release() => _tape.Release();

    /// <summary>This pullback with its record cut to size (see <see cref="Tape{T}.Trim"/>): for one handed to the caller.</summary>
    internal Pullback<T> Trimmed()
    {
        _tape.Trim();
        return this;
    }

    /// <summary>The pullback as a function value of its own (pure and thread-safe, like the pullback).</summary>
    public Func<T[], T[]> ToFunc() => cotangent => Invoke(cotangent);

    /// <summary>A pullback is a function: <c>Func&lt;T[], T[]&gt; pb = pullback; pb(u)</c>.</summary>
    public static implicit operator Func<T[], T[]>(Pullback<T> pullback)
    {
        ArgumentNullException.ThrowIfNull(pullback);
        return pullback.ToFunc();
    }

    /// <summary>x̄ = ūᵀ J_f(x) for the cotangent ū ∈ ℝᵐ.</summary>
    /// <exception cref="ArgumentException">ū does not have one entry per output.</exception>
    public T[] Invoke(ReadOnlySpan<T> cotangent)
    {
        RequireCotangent(cotangent);
        return _tape.Pull(_outputs, cotangent);
    }

    /// <summary>x̄ = ūᵀ J_f(x) for the cotangent ū ∈ ℝᵐ, written into <paramref name="inputAdjoint"/> (n entries): no allocation.</summary>
    /// <exception cref="ArgumentException">ū does not have one entry per output, or x̄ one per input.</exception>
    public void Invoke(ReadOnlySpan<T> cotangent, Span<T> inputAdjoint)
    {
        RequireCotangent(cotangent);
        Require.Length(inputAdjoint, InputLength, nameof(inputAdjoint), "one entry per input");
        _tape.Pull(_outputs, cotangent, inputAdjoint);
    }

    /// <summary>x̄ for ū handed to <paramref name="read"/> in the sweep's own memory (valid during the call only).</summary>
    internal void Invoke<TState>(ReadOnlySpan<T> cotangent, TState state, System.Buffers.ReadOnlySpanAction<T, TState> read)
    {
        // Stryker disable once Statement : its one caller (TensorPullback) checked the cotangent's shape; this guards the sweep.
        RequireCotangent(cotangent);
        _tape.Pull(_outputs, cotangent, state, read);
    }

    private void RequireCotangent(ReadOnlySpan<T> cotangent)
    {
        if (cotangent.Length != _outputs.Length)
            throw new ArgumentException(
                $"The cotangent has length {cotangent.Length} but the function has {_outputs.Length} outputs; it needs one entry per output.",
                nameof(cotangent));
    }
}
