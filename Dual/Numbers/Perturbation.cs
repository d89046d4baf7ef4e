using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Autodiff;

/// <summary>
/// Tags that tell the perturbations of different forward differentiations apart (Siskind &amp; Pearlmutter,
/// "Perturbation confusion and referential transparency", 2005). Every differentiation that seeds forward numbers
/// (<see cref="Dual{T}"/>, <see cref="HyperDual{T}"/>, <see cref="Taylor{T}"/>) — the forward combinators and every
/// combinator that seeds them internally (Hessian-vector products, Newton, curvature) — takes a fresh tag; a
/// number made by hand, or a constant, has tag 0 and combines with any tag.
/// </summary>
/// <remarks>
/// Two guards together make confusion throw instead of answering a wrong number:
/// <list type="number">
/// <item><see cref="Combine"/>: two different non-zero tags meeting in one operation (an inner derivative on the
/// same type as the outer one, with the outer variable captured) throw.</item>
/// <item><see cref="Own"/>: a combinator reads a tangent only from a result tagged with its own tag or 0; a result
/// carrying another tag depends on a captured outer variable or on a value kept from a finished differentiation,
/// whose tangent is not this differentiation's derivative.</item>
/// </list>
/// Tags are 64-bit and never reused: at 10⁹ differentiations a second the counter lasts ~292 years, so no tag of a
/// finished differentiation can come back as a live one.
/// </remarks>
internal static class Perturbation
{
    private static long s_last;

    /// <summary>A tag no other differentiation has had or will have in this process.</summary>
    public static long Fresh() => Interlocked.Increment(ref s_last);

    /// <summary>The tag of a result of operands tagged a and b.</summary>
    /// <exception cref="InvalidOperationException">a and b belong to two different differentiations.</exception>
    // Inlined into every operation of every number type: the throw lives in a helper, since a method that throws is
    // not inlined, and a call per operation cost as much as the operation.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Combine(long a, long b) =>
        a == b || b == 0 ? a : a == 0 ? b : ThrowConfused();

    /// <summary>Checks that a result's tag is the reading differentiation's own (or 0, a constant) before its tangent is read.</summary>
    /// <exception cref="InvalidOperationException">The result carries the perturbation of another differentiation.</exception>
    public static void Own(long result, long own)
    {
        if (result != own && result != 0)
            throw Escaped();
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static long ThrowConfused() => throw Confused();

    private static InvalidOperationException Confused() => new(
        "Perturbation confusion: numbers of two different forward differentiations met in one operation. A derivative " +
        "taken inside a differentiated function must run on the nested type (e.g. Forward.Derivative<Dual<double>>(…) " +
        "inside Forward.Derivative<double>(…)), or be written with the composable transforms (Transforms.Derivative(f)), " +
        "which pick the nested types themselves.");

    private static InvalidOperationException Escaped() => new(
        "Perturbation confusion: the differentiated function returned a number carrying another differentiation's " +
        "perturbation — it captured the variable of an outer differentiation of the same number type, or kept a value " +
        "from a differentiation that has finished — so its tangent is not this derivative. Run the inner derivative on " +
        "the nested type (e.g. Forward.Derivative<Dual<double>>(…) inside Forward.Derivative<double>(…)), and do not " +
        "keep numbers of one differentiation for another.");
}
