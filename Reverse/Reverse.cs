using System.Buffers;
using System.Numerics;

namespace Autodiff;

/// <summary>
/// Reverse-mode combinators: vector-Jacobian products with reusable pure pullbacks, gradients, reverse Jacobians,
/// custom primitives and gradient checkpointing, computed by evaluating the user's generic function once on
/// <see cref="Tracked{T}"/> numbers and sweeping its record backward.
/// </summary>
/// <remarks>
/// One sweep gives a whole row of J, so the gradient of f: ℝⁿ → ℝ costs a small multiple of one evaluation
/// whatever n is (the seeds' "why backward"). Each call records on its own tape: no global state, so
/// differentiations may run concurrently on different threads, and nest (with nested number types).
/// An output that does not depend on an input has derivative zero with respect to it (an output that is a
/// constant has a zero gradient).
/// </remarks>
public static partial class Reverse
{
    /// <summary>f(x) and the pullback ū ↦ ūᵀ J_f(x) of f: ℝⁿ → ℝᵐ, from one forward evaluation.</summary>
    /// <exception cref="ArgumentException">x is empty or f returns no outputs.</exception>
    public static (T[] Value, Pullback<T> Pullback) Vjp<T>(VectorFunction<Tracked<T>> f, ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        (T[] value, Pullback<T> pullback) = Record(f, x);
        return (value, pullback.Trimmed());
    }

    // f(x) and its pullback, for the combinators that use it and release it (a pullback handed out is trimmed).
    private static (T[] Value, Pullback<T> Pullback) Record<T>(VectorFunction<Tracked<T>> f, ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Require.NotEmpty(x, nameof(x));
        (Tape<T> tape, Tracked<T>[] output) = Evaluate(f, x, null, nameof(f));
        return (Array.ConvertAll(output, y => y.Value), new Pullback<T>(tape, Indices(output, tape)));
    }

    // One forward evaluation of f on a new tape whose first records are the inputs x; the outputs are checked to be
    // present and of the expected arity (reported under the given parameter name).
    private static (Tape<T> Tape, Tracked<T>[] Output) Evaluate<T>(VectorFunction<Tracked<T>> f, ReadOnlySpan<T> x, int? arity, string name)
        where T : IFloatingPointIeee754<T>
    {
        var tape = new Tape<T>();
        Tracked<T>[] input = Variables(tape, x);
        try
        {
            return (tape, Require.Arity(f(input.AsSpan(0, x.Length)), arity, name));
        }
        // Stryker disable once Block,Statement : returning memory to the pool is invisible to results.
        finally
        {
            // Stryker disable once Statement : returning memory to the pool is invisible to results.
            ReturnVariables(input);
        }
    }

    /// <summary>f(x) and the pullback ȳ ↦ ȳ ∇f(x) of f: ℝⁿ → ℝ, from one forward evaluation.</summary>
    /// <exception cref="ArgumentException">x is empty.</exception>
    public static (T Value, Pullback<T> Pullback) Vjp<T>(ScalarFunction<Tracked<T>> f, ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        (T[] value, Pullback<T> pullback) = Vjp(v => [f(v)], x);
        return (value[0], pullback);
    }

    /// <summary>
    /// The gradient ∇f(x) = [∂f/∂x₁ … ∂f/∂xₙ] of f: ℝⁿ → ℝ: one evaluation and one backward sweep. When f is a method
    /// group of a <see cref="DifferentiableAttribute"/> method, the adjoint generated for it at compile time runs
    /// instead (no tape; see <see cref="Compiled"/>).
    /// </summary>
    /// <exception cref="ArgumentException">x is empty.</exception>
    public static T[] Grad<T>(ScalarFunction<Tracked<T>> f, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        ValueAndGrad(f, x).Gradient;

    /// <summary>f(x) and ∇f(x) of f: ℝⁿ → ℝ: one evaluation and one backward sweep.</summary>
    /// <exception cref="ArgumentException">x is empty.</exception>
    public static (T Value, T[] Gradient) ValueAndGrad<T>(ScalarFunction<Tracked<T>> f, ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        var gradient = new T[x.Length];
        T value = ValueAndGrad(f, x, gradient);
        return (value, gradient);
    }

    /// <summary>
    /// f(x), with ∇f(x) written into <paramref name="gradient"/> (length n): one evaluation and one backward sweep,
    /// and nothing allocated beyond the tape's pooled memory, so that a loop of gradients (an optimiser's steps, the
    /// columns of a Hessian by forward-over-reverse) makes no garbage per call. A
    /// <see cref="DifferentiableAttribute"/> method group runs its generated adjoint, as in
    /// <see cref="ValueAndGrad{T}(ScalarFunction{Tracked{T}}, ReadOnlySpan{T})"/>.
    /// </summary>
    /// <exception cref="ArgumentException">x is empty, or gradient's length is not x's.</exception>
    public static T ValueAndGrad<T>(ScalarFunction<Tracked<T>> f, ReadOnlySpan<T> x, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Require.NotEmpty(x, nameof(x));
        Require.Length(gradient, x.Length, nameof(gradient), "the gradient of a function of x.Length inputs");
        // A [Differentiable] method group runs the adjoint the source generator wrote for it: no tape.
        if (Compiled.Find(f) is { } compiled)
            return compiled.ValueAndGrad(x, gradient);
        var tape = new Tape<T>();
        Tracked<T>[] input = Variables(tape, x);
        Tracked<T> y;
        try
        {
            y = f(input.AsSpan(0, x.Length));
        }
        // Stryker disable once Block,Statement : returning memory to the pool is invisible to results.
        finally
        {
            // Stryker disable once Statement : returning memory to the pool is invisible to results.
            ReturnVariables(input);
        }
        // Frozen before the sweep: a custom rule computing with a value f kept is refused, as in a pullback.
        tape.Freeze();
        tape.Pull([IndexOn(y, tape)], [T.One], gradient);
        // Stryker disable once Statement : releasing only recycles memory; the tape was already frozen.
        tape.Release();
        return y.Value;
    }

    /// <summary>The m×n Jacobian of f: ℝⁿ → ℝᵐ by reverse mode: one evaluation and m pullback calls (one row each).</summary>
    /// <exception cref="ArgumentException">x is empty or f returns no outputs.</exception>
    public static T[,] Jacobian<T>(VectorFunction<Tracked<T>> f, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        // Stryker disable once Boolean : the parallel result is bit-identical (a property checks it); only the cores differ.
        JacobianRowMajor(f, x, parallel: false).ToMatrix(x.Length);

    /// <summary>
    /// The Jacobian as a row-major array (see <see cref="Shaped"/>): one evaluation and m pullback calls, which run
    /// over the cores when <paramref name="parallel"/> and m is large enough (a pullback is pure and thread-safe);
    /// the result is bit-identical either way.
    /// </summary>
    internal static T[] JacobianRowMajor<T>(VectorFunction<Tracked<T>> f, ReadOnlySpan<T> x, bool parallel)
        where T : IFloatingPointIeee754<T>
    {
        (T[] _, Pullback<T> pullback) = Record(f, x);
        T[] jacobian = Rows(pullback, parallel);
        // Stryker disable once Statement : releasing only recycles memory; the pullback was already frozen.
        pullback.Release();
        return jacobian;
    }

    /// <summary>
    /// J, row-major, read from a pullback by m sweeps: row i is e_iᵀJ. The sweeps run over the cores when
    /// <paramref name="parallel"/> and m is large enough (a pullback is pure and thread-safe); bit-identical either way.
    /// </summary>
    internal static T[] Rows<T>(Pullback<T> pullback, bool parallel) where T : IFloatingPointIeee754<T>
    {
        // Every row is written whole by its sweep, so the result is not zeroed first (a serial pass over fresh pages).
        T[] jacobian = GC.AllocateUninitializedArray<T>(pullback.OutputLength * pullback.InputLength);
        Rows(pullback, parallel, jacobian);
        return jacobian;
    }

    /// <summary>J, row-major, into the first m·n entries of <paramref name="jacobian"/> (see <see cref="Rows{T}(Pullback{T}, bool)"/>).</summary>
    internal static void Rows<T>(Pullback<T> pullback, bool parallel, T[] jacobian) where T : IFloatingPointIeee754<T>
    {
        int m = pullback.OutputLength, n = pullback.InputLength;
        Parallelism.For(0, m, parallel, () => Zeros<T>(m), (i, cotangent) =>
        {
            cotangent[i] = T.One;
            pullback.Invoke(cotangent, jacobian.AsSpan(i * n, n));
            cotangent[i] = T.Zero;
        });
    }

    private static T[] Zeros<T>(int length) where T : IFloatingPointIeee754<T>
    {
        var zeros = new T[length];
        // Stryker disable once Statement : default(T) is T.Zero for every IEEE type in .NET; the fill keeps any other T right.
        zeros.AsSpan().Fill(T.Zero);
        return zeros;
    }

    // The inputs as records 0 … n−1 of the tape, in an array rented from the pool: f sees them as a span it cannot
    // keep, so the array goes back when f returns (a fresh n-entry array per gradient costs more than the sweep
    // for large n on a machine where first-touch memory is slow).
    private static Tracked<T>[] Variables<T>(Tape<T> tape, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        Tracked<T>[] input = ArrayPool<Tracked<T>>.Shared.Rent(x.Length);
        int first = tape.Variables(x.Length);
        for (int j = 0; j < x.Length; j++)
            input[j] = new Tracked<T>(x[j], tape, first + j);
        return input;
    }

    // Cleared, so the pool does not keep the tape alive.
    private static void ReturnVariables<T>(Tracked<T>[] input) where T : IFloatingPointIeee754<T> =>
        // Stryker disable once Boolean : clearing only lets the tape be collected sooner; results are the same.
        ArrayPool<Tracked<T>>.Shared.Return(input, clearArray: true);

    // The tape indices of values (−1 for a constant); a value recorded elsewhere is an error.
    private static int[] Indices<T>(ReadOnlySpan<Tracked<T>> values, Tape<T> tape) where T : IFloatingPointIeee754<T>
    {
        var indices = new int[values.Length];
        for (int k = 0; k < values.Length; k++)
            indices[k] = IndexOn(values[k], tape);
        return indices;
    }

    // The tape index of a value (−1 for a constant); a value recorded elsewhere is an error.
    private static int IndexOn<T>(Tracked<T> value, Tape<T> tape) where T : IFloatingPointIeee754<T> =>
        value.Tape is null || ReferenceEquals(value.Tape, tape)
            ? value.Index
            : throw new InvalidOperationException("The function returned a value recorded by a different differentiation.");
}
