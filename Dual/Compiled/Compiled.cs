using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Autodiff;

/// <summary>
/// A gradient the Dual source generator wrote for a <see cref="DifferentiableAttribute"/> method
/// <c>T F&lt;T&gt;(ReadOnlySpan&lt;T&gt; x)</c>: plain code on any floating-point type, no tape.
/// </summary>
public interface ICompiledGradient
{
    /// <summary>f(x), with ∇f(x) written into <paramref name="gradient"/> (of x's length).</summary>
    T ValueAndGrad<T>(ReadOnlySpan<T> x, Span<T> gradient) where T : IFloatingPointIeee754<T>;
}

/// <summary>
/// Gradients compiled by the Dual source generator: methods marked <see cref="DifferentiableAttribute"/> register
/// their generated adjoint here when their assembly loads, and <c>Reverse.Grad</c> / <c>Reverse.ValueAndGrad</c>
/// run it instead of recording a tape when handed such a method group (see docs/compiled-adjoints.md).
/// </summary>
public static class Compiled
{
    private static readonly ConcurrentDictionary<MethodInfo, ICompiledGradient> Registered = new();
    private static readonly ConcurrentDictionary<MethodInfo, ICompiledGradient?> Resolved = new();

    /// <summary>
    /// Registers the generated gradient of a generic method; called by generated module initializers.
    /// </summary>
    /// <param name="method">The method, open (<c>F&lt;&gt;</c>) or closed over any type argument.</param>
    /// <param name="gradient">Its generated gradient.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">method is not generic.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Register(MethodInfo method, ICompiledGradient gradient)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(gradient);
        if (!method.IsGenericMethod)
            throw new ArgumentException($"{method.Name} is not a generic method.", nameof(method));
        Registered[method.GetGenericMethodDefinition()] = gradient;
        Resolved.Clear();
    }

    /// <summary>
    /// Throws the <see cref="ArgumentException"/> a generated method raises when a span argument's length does not
    /// match the span it must match; called by generated code. Out of line, so the check costs the generated gradient
    /// one comparison: inlined, its message builder grew the frame and prologue by a fifth of a gradient at n = 10.
    /// </summary>
    /// <param name="parameter">The name of the span with the wrong length (the exception's parameter name).</param>
    /// <param name="length">Its length.</param>
    /// <param name="like">The name of the span whose length it must have.</param>
    /// <param name="expected">That span's length.</param>
    /// <exception cref="ArgumentException">Always.</exception>
    [EditorBrowsable(EditorBrowsableState.Never), DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowLengthMismatch(string parameter, int length, string like, int expected) =>
        throw new ArgumentException($"{parameter} has length {length}; it must have {like}'s length {expected}.", parameter);

    /// <summary>
    /// The generated gradient of the method a delegate calls, if that is a static generic method marked
    /// <see cref="DifferentiableAttribute"/> whose assembly has been loaded; else null.
    /// </summary>
    /// <exception cref="ArgumentNullException">f is null.</exception>
    public static ICompiledGradient? Find(Delegate f)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (f.Target is not null || !f.Method.IsGenericMethod || Registered.IsEmpty)
            return null;
        return Resolved.GetOrAdd(f.Method, static m =>
            Registered.TryGetValue(m.GetGenericMethodDefinition(), out ICompiledGradient? g) ? g : null);
    }

    /// <summary>f(x) and ∇f(x) by the adjoint generated for f (no tape).</summary>
    /// <param name="f">A method group of a <see cref="DifferentiableAttribute"/> method.</param>
    /// <param name="x">The point; not empty.</param>
    /// <exception cref="ArgumentNullException">f is null.</exception>
    /// <exception cref="ArgumentException">x is empty, or f has no generated adjoint (not marked, or not a method group).</exception>
    public static (T Value, T[] Gradient) ValueAndGrad<T>(ScalarFunction<T> f, ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Require.NotEmpty(x, nameof(x));
        ICompiledGradient gradient = Find(f) ?? throw new ArgumentException(
            $"{f.Method.Name} has no compiled adjoint: mark it [Differentiable] (in a partial class) and pass it as a method group.", nameof(f));
        var result = new T[x.Length];
        T value = gradient.ValueAndGrad(x, result);
        return (value, result);
    }

    /// <summary>∇f(x) by the adjoint generated for f (no tape).</summary>
    /// <param name="f">A method group of a <see cref="DifferentiableAttribute"/> method.</param>
    /// <param name="x">The point; not empty.</param>
    /// <exception cref="ArgumentNullException">f is null.</exception>
    /// <exception cref="ArgumentException">x is empty, or f has no generated adjoint (not marked, or not a method group).</exception>
    public static T[] Grad<T>(ScalarFunction<T> f, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        ValueAndGrad(f, x).Gradient;
}
