using System.Numerics;

namespace Autodiff;

/// <summary>
/// f(a, b) with two arguments (vectors, or matrices as row-major spans), returning a number: a generic method
/// <c>static T F&lt;T&gt;(ReadOnlySpan&lt;T&gt; a, ReadOnlySpan&lt;T&gt; b) where T : IFloatingPointIeee754&lt;T&gt;</c>
/// converts to it.
/// </summary>
public delegate T ScalarFunction2<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b);

/// <summary>f(a, b, c) with three arguments, returning a number (see <see cref="ScalarFunction2{T}"/>).</summary>
public delegate T ScalarFunction3<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> c);

/// <summary>
/// Which arguments of a multi-argument function to differentiate with respect to (JAX's <c>argnums</c>): the others
/// are held constant — not recorded, and their gradients are returned empty.
/// </summary>
[Flags]
public enum Wrt
{
    /// <summary>The first argument.</summary>
    First = 1,

    /// <summary>The second argument.</summary>
    Second = 2,

    /// <summary>The third argument.</summary>
    Third = 4,
}

public static partial class Reverse
{
    /// <summary>
    /// ∂f/∂a and ∂f/∂b of f(a, b), each shaped like its argument (same length and layout), from one evaluation
    /// and one sweep; an argument not in <paramref name="wrt"/> is held constant and its gradient is empty.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">wrt selects no argument, or one f does not have.</exception>
    public static (T[] A, T[] B) Grad<T>(ScalarFunction2<Tracked<T>> f, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Wrt wrt = Wrt.First | Wrt.Second)
        where T : IFloatingPointIeee754<T>
    {
        (T _, T[] gradA, T[] gradB) = ValueAndGrad(f, a, b, wrt);
        return (gradA, gradB);
    }

    /// <summary>f(a, b) and its gradients with respect to the arguments in <paramref name="wrt"/> (see <see cref="Grad{T}(ScalarFunction2{Tracked{T}}, ReadOnlySpan{T}, ReadOnlySpan{T}, Wrt)"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">wrt selects no argument, or one f does not have.</exception>
    public static (T Value, T[] A, T[] B) ValueAndGrad<T>(ScalarFunction2<Tracked<T>> f, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Wrt wrt = Wrt.First | Wrt.Second)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        RequireWrt(wrt, Wrt.First | Wrt.Second);
        (T value, T[][] gradients) = ValueAndGradOfArguments(arguments => f(arguments[0], arguments[1]), [a.ToArray(), b.ToArray()], wrt);
        return (value, gradients[0], gradients[1]);
    }

    /// <summary>
    /// ∂f/∂a, ∂f/∂b and ∂f/∂c of f(a, b, c), each shaped like its argument, from one evaluation and one sweep; an
    /// argument not in <paramref name="wrt"/> is held constant and its gradient is empty.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">wrt selects no argument.</exception>
    public static (T[] A, T[] B, T[] C) Grad<T>(ScalarFunction3<Tracked<T>> f, ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> c,
        Wrt wrt = Wrt.First | Wrt.Second | Wrt.Third) where T : IFloatingPointIeee754<T>
    {
        (T _, T[] gradA, T[] gradB, T[] gradC) = ValueAndGrad(f, a, b, c, wrt);
        return (gradA, gradB, gradC);
    }

    /// <summary>f(a, b, c) and its gradients with respect to the arguments in <paramref name="wrt"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">wrt selects no argument.</exception>
    public static (T Value, T[] A, T[] B, T[] C) ValueAndGrad<T>(ScalarFunction3<Tracked<T>> f, ReadOnlySpan<T> a, ReadOnlySpan<T> b,
        ReadOnlySpan<T> c, Wrt wrt = Wrt.First | Wrt.Second | Wrt.Third) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        RequireWrt(wrt, Wrt.First | Wrt.Second | Wrt.Third);
        (T value, T[][] gradients) = ValueAndGradOfArguments(
            arguments => f(arguments[0], arguments[1], arguments[2]), [a.ToArray(), b.ToArray(), c.ToArray()], wrt);
        return (value, gradients[0], gradients[1], gradients[2]);
    }

    private static void RequireWrt(Wrt wrt, Wrt arguments)
    {
        if (wrt == 0 || (wrt & ~arguments) != 0)
            throw new ArgumentOutOfRangeException(nameof(wrt), wrt,
                $"wrt must select at least one of the function's arguments ({arguments}) and no other.");
    }

    // The selected arguments' entries are the tape's inputs, in argument order; the others are constants.
    private static (T Value, T[][] Gradients) ValueAndGradOfArguments<T>(Func<Tracked<T>[][], Tracked<T>> f, T[][] arguments, Wrt wrt)
        where T : IFloatingPointIeee754<T>
    {
        var tape = new Tape<T>();
        int n = 0;
        // Stryker disable once Equality,Conditional : wrt selects arguments f has (RequireWrt), and counting an unselected
        // one only reserves inputs no value uses: the gradients below are read from the start.
        for (int k = 0; k < arguments.Length; k++)
            n += Selected(wrt, k) ? arguments[k].Length : 0;
        int next = tape.Variables(n);
        var tracked = new Tracked<T>[arguments.Length][];
        for (int k = 0; k < arguments.Length; k++)
        {
            tracked[k] = new Tracked<T>[arguments[k].Length];
            for (int i = 0; i < arguments[k].Length; i++)
                tracked[k][i] = Selected(wrt, k) ? new Tracked<T>(arguments[k][i], tape, next++) : Tracked<T>.Constant(arguments[k][i]);
        }
        try
        {
            Tracked<T> y = f(tracked);
            // Frozen before the sweep: a custom rule computing with a value f kept is refused, as in a pullback.
            tape.Freeze();
            T[] gradient = tape.Pull(Indices<T>([y], tape), [T.One]);
            var gradients = new T[arguments.Length][];
            int offset = 0;
            for (int k = 0; k < arguments.Length; k++)
            {
                int length = Selected(wrt, k) ? arguments[k].Length : 0;
                gradients[k] = gradient[offset..(offset + length)];
                offset += length;
            }
            return (y.Value, gradients);
        }
        // Stryker disable once Block,Statement : releasing only recycles memory; the tape was already frozen.
        finally
        {
            // Stryker disable once Statement : releasing only recycles memory; the tape was already frozen.
            tape.Release();
        }
    }

    private static bool Selected(Wrt wrt, int argument) => ((int)wrt & (1 << argument)) != 0;
}
