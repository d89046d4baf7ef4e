using System.Numerics;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Theory;

/// <summary>Section 21 (PhD 10): invariance by differentiation, the Lie derivative along rotations by one JVP.</summary>
internal static class LieDerivative
{
    // f(x) = exp(−‖x‖²/2): rotation-invariant.  h(x) = f(x) · (1 + x₁/2): not.
    private static T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => T.Exp(-(x[0] * x[0] + x[1] * x[1]) / T.CreateChecked(2));

    private static T H<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => F(x) * (T.One + x[0] / T.CreateChecked(2));

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("21. Invariance by differentiation: the Lie derivative (PhD 10)",
            "d/dα f(g(α)·x) at α = 0 = ∇f(x) T(x), T(x) = G x with G = [[0, −1], [1, 0]] generating rotations; Invariance.LieDerivative is one JVP.",
            "Closed forms: 0 for the invariant f = exp(−‖x‖²/2); for h = f · (1 + x₁/2) it is f(x) · (−x₂/2).");
        double[,] g = { { 0, -1 }, { 1, 0 } };
        var table = new Table(2, "x", "function", "∇·Gx by JVP", "closed form", "rel. diff");
        foreach (double[] x in new[] { new[] { 0.6, -0.8 }, [1.2, 0.5] })
        {
            table.Row([Point(x), "f (invariant)", Num(Invariance.LieDerivative<double>(F, x, g)), Num(0.0),
                Sci(log.Record(Math.Abs(Invariance.LieDerivative<double>(F, x, g)), Comparison.Exact))]);
            table.Row(["", "h (not invariant)", .. log.Compare(Invariance.LieDerivative<double>(H, x, g), F<double>(x) * -x[1] / 2)]);
        }
        table.Print();
        return log.Comparisons;
    }
}
