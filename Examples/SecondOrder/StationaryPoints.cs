using System.Numerics;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.SecondOrder;

/// <summary>Section 12, continued: stationary points classified by the signs of the Hessian's eigenvalues.</summary>
internal static class StationaryPoints
{
    private sealed record Case(string Formula, ScalarFunction<Tracked<Dual<double>>> F, double[] X, double[] Eigenvalues,
        StationaryPointKind Kind, string? At = null);

    private static T Bowl<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0] * x[0] + x[1] * x[1];

    private static T Cap<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => -(x[0] * x[0]) - x[1] * x[1];

    private static T Saddle<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0] * x[0] - x[1] * x[1];

    private static T Egg<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => T.Sin(x[0]) * T.Sin(x[1]);

    private static T Quartic<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0] * x[0] + x[1] * x[1] * x[1] * x[1];

    private static T MonkeySaddle<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        x[0] * x[0] * x[0] - T.CreateChecked(3) * x[0] * x[1] * x[1];

    // Rosenbrock's ∇²f(1, 1) = [[802, −400], [−400, 200]]: λ₂ = 501 + √(301² + 400²), λ₁ = det/λ₂ = 400/λ₂
    // (not 501 − √(…), which cancels).
    private static readonly double RosenbrockLargest = 501 + Math.Sqrt(301.0 * 301.0 + 400.0 * 400.0);

    private static readonly Case[] Cases =
    [
        new("x² + y²", Bowl, [0.0, 0.0], [2.0, 2.0], StationaryPointKind.Minimum),
        new("−x² − y²", Cap, [0.0, 0.0], [-2.0, -2.0], StationaryPointKind.Maximum),
        new("x² − y²", Saddle, [0.0, 0.0], [-2.0, 2.0], StationaryPointKind.Saddle),
        new("sin x sin y", Egg, [0.0, 0.0], [-1.0, 1.0], StationaryPointKind.Saddle),
        new("sin x sin y", Egg, [Math.PI / 2, Math.PI / 2], [-1.0, -1.0], StationaryPointKind.Maximum, "(π/2, π/2)"),
        new("x² + y⁴", Quartic, [0.0, 0.0], [0.0, 2.0], StationaryPointKind.Degenerate),
        new("x³ − 3xy²", MonkeySaddle, [0.0, 0.0], [0.0, 0.0], StationaryPointKind.Degenerate),
        new("Rosenbrock", Surface.Rosenbrock.Loss, [1.0, 1.0], [400 / RosenbrockLargest, RosenbrockLargest],
            StationaryPointKind.Minimum),
    ];

    public static void Classify(ComparisonLog log)
    {
        Console.WriteLine("  Stationary points (∇f = 0): the signs of the eigenvalues of ∇²f (SymmetricEigen.Values of the Hessian");
        Console.WriteLine("  from Newton.GradientAndHessian) give the type, StationaryPoint.Classify: all > 0 minimum, all < 0 maximum,");
        Console.WriteLine("  mixed saddle, a zero eigenvalue degenerate: the test cannot tell the minimum of x² + y⁴ from the monkey");
        Console.WriteLine("  saddle x³ − 3xy².");
        var table = new Table(2, "f", "x", "‖∇f‖", "λ₁, λ₂", "closed form", "rel. diff", "Classify");
        foreach (Case c in Cases)
        {
            (double[] gradient, double[,] hessian) = Newton.GradientAndHessian(c.F, c.X);
            double[] eigenvalues = SymmetricEigen.Values(hessian);
            double largest = eigenvalues.Zip(c.Eigenvalues, (ad, exact) =>
                log.Record(Comparison.RelativeDifference(ad, exact), Comparison.Exact)).Max();
            StationaryPointKind kind = StationaryPoint.Classify(c.F, c.X);
            log.Record(kind == c.Kind ? 0 : 1, Comparison.Exact);
            table.Row([c.Formula, c.At ?? Point(c.X), Sci(Math.Sqrt(gradient.Sum(g => g * g))), Vector(eigenvalues),
                Vector(c.Eigenvalues), Sci(largest), kind == c.Kind ? kind.ToString() : $"{kind}, expected {c.Kind}"]);
        }
        table.Print();
    }
}
