using System.Numerics;

namespace Autodiff.Testing;

/// <summary>
/// One case of the differential tests: a program (one tree per output), the point it is differentiated at, a
/// direction v in input space and, for a vector program, a cotangent ū in output space (a scalar program has
/// none). Prints as <c>f(x) = sin(x0 * 1.5) + log(x1) at x = [0.25, 1.5], v = [1, -0.5]</c> — a bug report's
/// reproduction.
/// </summary>
/// <remarks>The arrays are never written after construction; the shrinker builds new cases.</remarks>
public sealed record ProgramCase(Expr[] Outputs, double[] Point, double[] Direction, double[] Cotangent)
{
    /// <summary>The program of a scalar case, f: ℝⁿ → ℝ.</summary>
    public Expr F => Outputs[0];

    /// <summary>The number of inputs n.</summary>
    public int Inputs => Point.Length;

    /// <summary>A vector program, f: ℝⁿ → ℝᵐ, with a cotangent (m may have shrunk to 1).</summary>
    public bool IsVector => Cotangent.Length > 0;

    /// <summary>The scalar program on any number type.</summary>
    public T Scalar<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => Expr.Evaluate(F, x);

    /// <summary>The vector program on any number type.</summary>
    public T[] Vector<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => Expr.Evaluate(Outputs, x);

    /// <summary>
    /// The vector program in the in-place style f!(y, x), accumulating into y (y += f(x)): right only if the
    /// combinator hands f a zeroed y on every call.
    /// </summary>
    public void InPlace<T>(ReadOnlySpan<T> x, Span<T> y) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < Outputs.Length; i++)
            y[i] += Expr.Evaluate(Outputs[i], x);
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        string at = $"at x = {Printer.Vector(Point)}, v = {Printer.Vector(Direction)}";
        return IsVector
            ? $"f(x) = [{string.Join(", ", Outputs.Select(o => o.ToString()))}] {at}, ū = {Printer.Vector(Cotangent)}"
            : $"f(x) = {F} {at}";
    }
}
