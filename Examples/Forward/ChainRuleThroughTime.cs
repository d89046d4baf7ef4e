using System.Numerics;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Forward;

/// <summary>Section 3: the chain rule for f(x₁, x₂) = x₁² + 2x₂ along x₁(t) = sin(t), x₂(t) = cos(t).</summary>
internal static class ChainRuleThroughTime
{
    private static T F<T>(T t) where T : IFloatingPointIeee754<T>
    {
        T x1 = T.Sin(t), x2 = T.Cos(t);
        return x1 * x1 + T.CreateChecked(2) * x2;
    }

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("3. Chain rule",
            "f(x₁, x₂) = x₁² + 2x₂,  x₁(t) = sin(t),  x₂(t) = cos(t)",
            "df/dt = ∂f/∂x₁ ∂x₁/∂t + ∂f/∂x₂ ∂x₂/∂t = 2 sin(t) cos(t) − 2 sin(t) = 2 sin(t)(cos(t) − 1)",
            "AD: Forward.Derivative of t ↦ f(x₁(t), x₂(t)).");
        var table = new Table(1, "t", "AD", "closed form", "rel. diff");
        foreach (double t in new[] { 0.5, 1.0, 2.5 })
        {
            double closedForm = 2 * Math.Sin(t) * (Math.Cos(t) - 1);
            table.Row([Short(t), .. log.Compare(Autodiff.Forward.Derivative(F, t), closedForm)]);
        }
        table.Print();
        return log.Comparisons;
    }
}
