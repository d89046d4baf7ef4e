namespace Autodiff;

/// <summary>
/// Tags that tell the perturbations of different forward differentiations apart (Siskind &amp; Pearlmutter,
/// "Perturbation confusion and referential transparency", 2005). Every forward combinator seeds its dual numbers
/// with a fresh tag; a dual number made by hand, or a constant, has tag 0 and combines with any tag. Two different
/// non-zero tags meeting in one operation means a derivative taken inside another captured the outer variable
/// without nesting the types — which would silently answer a wrong number — so it throws instead.
/// </summary>
internal static class Perturbation
{
    private static int s_last;

    /// <summary>A tag no other differentiation has (a counter: it carries no state that could change a result).</summary>
    public static int Fresh() => Interlocked.Increment(ref s_last);

    /// <summary>The tag of a result of operands tagged a and b.</summary>
    /// <exception cref="InvalidOperationException">a and b belong to two different differentiations.</exception>
    public static int Combine(int a, int b) =>
        a == b || b == 0 ? a : a == 0 ? b : throw Confused();

    private static InvalidOperationException Confused() => new(
        "Perturbation confusion: dual numbers of two different forward differentiations met in one operation. A " +
        "derivative taken inside a differentiated function must run on the nested type (e.g. " +
        "Forward.Derivative<Dual<double>>(…) inside Forward.Derivative<double>(…)), not on the same type as the outer one.");
}
