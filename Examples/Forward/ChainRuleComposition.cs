using System.Numerics;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Forward;

/// <summary>Section 4: the chain rule for h = f ∘ g, directly and as a gradient times a Jacobian.</summary>
internal static class ChainRuleComposition
{
    private static T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => T.Exp(x[0] * x[1] * x[1]);

    private static T[] G<T>(ReadOnlySpan<T> t) where T : IFloatingPointIeee754<T> =>
        [t[0] * T.Cos(t[0]), t[0] * T.Sin(t[0])];

    private static T H<T>(T t) where T : IFloatingPointIeee754<T> => F<T>(G<T>([t]));

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("4. Chain rule for h = f ∘ g",
            "f(x) = exp(x₁x₂²),  x = g(t) = (t cos(t), t sin(t))ᵀ",
            "dh/dt = ∂f/∂x ∂x/∂t = (exp(x₁x₂²)x₂²   2 exp(x₁x₂²)x₁x₂) (cos(t) − t sin(t), sin(t) + t cos(t))ᵀ",
            "AD: Forward.Derivative of h, and the product Forward.Gradient(f) (1×2) · Forward.Jacobian(g) (2×1).");
        var table = new Table(1, "t", "AD: dh/dt", "AD: ∇f · ∂x/∂t", "closed form", "max rel. diff");
        foreach (double t in new[] { 0.5, 1.0, 1.5 })
        {
            double x1 = t * Math.Cos(t), x2 = t * Math.Sin(t), exp = Math.Exp(x1 * x2 * x2);
            double closedForm = exp * x2 * x2 * (Math.Cos(t) - t * Math.Sin(t))
                + 2 * exp * x1 * x2 * (Math.Sin(t) + t * Math.Cos(t));

            double direct = Autodiff.Forward.Derivative(H, t);
            double[] gradient = Autodiff.Forward.Gradient(F, G<double>([t]));
            double[,] jacobian = Autodiff.Forward.Jacobian(G, [t]);
            double product = gradient[0] * jacobian[0, 0] + gradient[1] * jacobian[1, 0];

            double difference = Math.Max(
                log.Record(Comparison.RelativeDifference(direct, closedForm), Comparison.Exact),
                log.Record(Comparison.RelativeDifference(product, closedForm), Comparison.Exact));
            table.Row([Short(t), Num(direct), Num(product), Num(closedForm), Sci(difference)]);
        }
        table.Print();
        return log.Comparisons;
    }
}
