using System.Numerics;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Forward;

/// <summary>Section 1: the partial derivatives of f(x, y) = (x + 2y³)², as directional derivatives.</summary>
internal static class PartialDerivatives
{
    private static T F<T>(ReadOnlySpan<T> v) where T : IFloatingPointIeee754<T>
    {
        T x = v[0], y = v[1];
        T inner = x + T.CreateChecked(2) * y * y * y;
        return inner * inner;
    }

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("1. Partial derivatives",
            "f(x, y) = (x + 2y³)²",
            "∂f(x, y)/∂x = 2(x + 2y³),   ∂f(x, y)/∂y = 12(x + 2y³)y²",
            "AD: Forward.DirectionalDerivative along (1, 0) and (0, 1): vary one variable, keep the other fixed.");
        var table = new Table(2, "(x, y)", "", "AD", "closed form", "rel. diff");
        foreach (double[] p in new[] { new[] { 1.0, 2.0 }, [-0.5, 0.3], [2.0, -0.5] })
        {
            double x = p[0], y = p[1], inner = x + 2 * y * y * y;
            double dx = Autodiff.Forward.DirectionalDerivative(F, p, [1.0, 0.0]);
            double dy = Autodiff.Forward.DirectionalDerivative(F, p, [0.0, 1.0]);
            table.Row([Point(p), "∂f/∂x", .. log.Compare(dx, 2 * inner)]);
            table.Row(["", "∂f/∂y", .. log.Compare(dy, 12 * inner * y * y)]);
        }
        table.Print();
        return log.Comparisons;
    }
}
