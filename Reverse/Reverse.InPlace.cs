using System.Buffers;
using System.Numerics;

namespace Autodiff;

/// <summary>Reverse mode for in-place functions f!(y, x): values and Jacobians go into the caller's spans.</summary>
public static partial class Reverse
{
    /// <summary>
    /// The pullback ū ↦ ūᵀ J_f(x) of an in-place f: ℝⁿ → ℝᵐ, from one forward evaluation, which writes f(x) into
    /// <paramref name="value"/> (length m, which fixes m). <see cref="Pullback{T}.Invoke(ReadOnlySpan{T}, Span{T})"/>
    /// then writes each x̄ into the caller's span.
    /// </summary>
    /// <exception cref="ArgumentException">x or value is empty.</exception>
    public static Pullback<T> Vjp<T>(InPlaceFunction<Tracked<T>> f, ReadOnlySpan<T> x, Span<T> value)
        where T : IFloatingPointIeee754<T>
    {
        RequireInPlace(f, x, value);
        (Tape<T> tape, int[] outputs) = RecordInPlace(f, x, value);
        return new Pullback<T>(tape, outputs).Trimmed();
    }

    /// <summary>
    /// The m×n Jacobian of an in-place f: ℝⁿ → ℝᵐ by reverse mode, one evaluation and m sweeps (one row each):
    /// f(x) into <paramref name="value"/> (length m, which fixes m) and J into <paramref name="jacobian"/>, row-major
    /// (m·n). Beyond the tape, which goes back to the pool, nothing is allocated per row.
    /// </summary>
    /// <exception cref="ArgumentException">x or value is empty, or jacobian does not have m·n entries.</exception>
    public static void Jacobian<T>(InPlaceFunction<Tracked<T>> f, ReadOnlySpan<T> x, Span<T> value, Span<T> jacobian)
        where T : IFloatingPointIeee754<T>
    {
        RequireInPlace(f, x, value);
        int n = x.Length, m = value.Length;
        Require.JacobianDestination(jacobian, m, n, nameof(jacobian));
        (Tape<T> tape, int[] outputs) = RecordInPlace(f, x, value);
        // Frozen before the sweeps: a custom rule computing with a value f kept is refused, as in a pullback.
        tape.Freeze();
        T[] cotangent = ArrayPool<T>.Shared.Rent(m);
        try
        {
            cotangent.AsSpan(0, m).Fill(T.Zero);
            for (int i = 0; i < m; i++)
            {
                cotangent[i] = T.One;
                tape.Pull(outputs, cotangent.AsSpan(0, m), jacobian.Slice(i * n, n));
                cotangent[i] = T.Zero;
            }
        }
        // Stryker disable once Block,Statement : returning memory to the pool is invisible to results.
        finally
        {
            // Stryker disable Statement : returning memory to the pool is invisible to results; the tape was already frozen.
            ArrayPool<T>.Shared.Return(cotangent);
            tape.Release();
            // Stryker restore Statement
        }
    }

    /// <summary>The m×n Jacobian of an in-place f: ℝⁿ → ℝᵐ with m = <paramref name="outputs"/>, by reverse mode, as a new matrix.</summary>
    /// <exception cref="ArgumentException">x is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">outputs is not positive.</exception>
    public static T[,] Jacobian<T>(InPlaceFunction<Tracked<T>> f, ReadOnlySpan<T> x, int outputs) where T : IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        var jacobian = new T[outputs * x.Length];
        Jacobian(f, x, new T[outputs], jacobian);
        return jacobian.ToMatrix(x.Length);
    }

    /// <summary>
    /// The Jacobian of an in-place f: ℝⁿ → ℝᵐ as a row-major array: one evaluation and m sweeps, over the cores when
    /// <paramref name="parallel"/> and m is large enough; bit-identical either way. The caller (the in-place
    /// transforms) has checked that x has entries and m is positive.
    /// </summary>
    internal static T[] JacobianRowMajor<T>(InPlaceFunction<Tracked<T>> f, ReadOnlySpan<T> x, int m, bool parallel)
        where T : IFloatingPointIeee754<T>
    {
        Pullback<T> pullback = InPlacePullback(f, x, m);
        T[] jacobian = Rows(pullback, parallel);
        // Stryker disable once Statement : releasing only recycles memory; the pullback was already frozen.
        pullback.Release();
        return jacobian;
    }

    /// <summary>
    /// The same Jacobian written into <paramref name="jacobian"/> (m·n entries, row-major): the rows go to pooled
    /// memory the workers share (a span cannot be), then one copy, so repeated calls allocate no result.
    /// </summary>
    /// <exception cref="ArgumentException">jacobian does not have m·n entries.</exception>
    internal static void JacobianRowMajor<T>(InPlaceFunction<Tracked<T>> f, ReadOnlySpan<T> x, int m, Span<T> jacobian, bool parallel)
        where T : IFloatingPointIeee754<T>
    {
        Require.JacobianDestination(jacobian, m, x.Length, nameof(jacobian));
        Pullback<T> pullback = InPlacePullback(f, x, m);
        try
        {
            PooledResult.Into(jacobian, pooled => Rows(pullback, parallel, pooled));
        }
        // Stryker disable once Block,Statement : releasing only recycles memory; the pullback was already frozen.
        finally
        {
            // Stryker disable once Statement : releasing only recycles memory; the pullback was already frozen.
            pullback.Release();
        }
    }

    // f!(y, x) recorded once (x has entries, m > 0: the callers check them), its pullback ready for m sweeps.
    private static Pullback<T> InPlacePullback<T>(InPlaceFunction<Tracked<T>> f, ReadOnlySpan<T> x, int m)
        where T : IFloatingPointIeee754<T>
    {
        (Tape<T> tape, int[] outputs) = RecordInPlace(f, x, new T[m]);
        return new Pullback<T>(tape, outputs);
    }

    private static void RequireInPlace<T>(InPlaceFunction<Tracked<T>> f, ReadOnlySpan<T> x, Span<T> value)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Require.NotEmpty(x, nameof(x));
        Require.OutputDestination(value, nameof(value));
    }

    // f!(y, x) once on a new tape, y starting at the constant 0: the values into value, and y's record indices.
    private static (Tape<T> Tape, int[] Outputs) RecordInPlace<T>(InPlaceFunction<Tracked<T>> f, ReadOnlySpan<T> x, Span<T> value)
        where T : IFloatingPointIeee754<T>
    {
        int m = value.Length;
        var tape = new Tape<T>();
        Tracked<T>[] input = Variables(tape, x);
        Tracked<T>[] output = ArrayPool<Tracked<T>>.Shared.Rent(m);
        try
        {
            output.AsSpan(0, m).Fill(Tracked<T>.Constant(T.Zero));
            f(input.AsSpan(0, x.Length), output.AsSpan(0, m));
            for (int i = 0; i < m; i++)
                value[i] = output[i].Value;
            return (tape, Indices<T>(output.AsSpan(0, m), tape));
        }
        // Stryker disable once Block,Statement : returning memory to the pool is invisible to results.
        finally
        {
            // Stryker disable Statement : returning memory to the pool is invisible to results.
            ReturnVariables(input);
            ReturnVariables(output);
            // Stryker restore Statement
        }
    }
}
