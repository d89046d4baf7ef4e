using static Autodiff.Examples.Functions;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Forward;

/// <summary>Section 2: the gradient of f(x₁, x₂) = x₁²x₂ + x₁x₂³, a row vector of partial derivatives.</summary>
internal static class Gradient
{
    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("2. Gradient",
            "f(x₁, x₂) = x₁²x₂ + x₁x₂³",
            "∇f = df/dx = (2x₁x₂ + x₂³   x₁² + 3x₁x₂²) ∈ ℝ^{1×2}",
            "AD: Forward.Gradient (one dual evaluation per input).");
        var table = new Table(2, "(x₁, x₂)", "", "AD", "closed form", "rel. diff");
        foreach (double[] x in new[] { new[] { 1.0, 2.0 }, [-1.5, 0.5], [0.3, -2.0] })
        {
            double[] gradient = Autodiff.Forward.Gradient(Polynomial, x);
            double x1 = x[0], x2 = x[1];
            table.Row([Point(x), "∂f/∂x₁", .. log.Compare(gradient[0], 2 * x1 * x2 + x2 * x2 * x2)]);
            table.Row(["", "∂f/∂x₂", .. log.Compare(gradient[1], x1 * x1 + 3 * x1 * x2 * x2)]);
        }
        table.Print();
        return log.Comparisons;
    }
}
