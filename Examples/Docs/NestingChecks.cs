using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Docs;

using Forward = Autodiff.Forward;
using Reverse = Autodiff.Reverse;

/// <summary>
/// The code of docs/nesting.md: derivatives nested by type (right), and what the perturbation checks do when a
/// nesting is written wrongly (throw, never a wrong number).
/// </summary>
internal static class NestingChecks
{
    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("Nesting (docs/nesting.md)",
            "D_x[x · D_y[x + y]] = 1 with the inner derivative on Dual<Dual<double>>; the same on Dual<double> throws.");
        var table = new Table(1, "quantity", "AD", "closed form", "rel. diff.");

        // Right: the inner derivative runs on the nested type, so x is a constant of the inner level.
        double one = Forward.Derivative<double>(x => x * Forward.Derivative<Dual<double>>(y => x + y, 1.0), 1.0);
        table.Row(["D_x[x · D_y[x + y]] (value-level, nested type)", .. log.Compare(one, 1.0)]);

        // Forward over reverse: the reverse gradient runs on Dual numbers, Tracked<Dual<double>>.
        double[] hv = Hessian.Hvp<double>(v => v[0] * v[0] * v[1], [2.0, 3.0], [1.0, 0.0]);
        table.Row(["∇²(x²y)·e₁, first entry (2y at y = 3)", .. log.Compare(hv[0], 6.0)]);

        // Reverse over reverse: a gradient of a gradient entry on Tracked<Tracked<double>>.
        double d2 = Reverse.Grad<double>(x => Reverse.Grad<Tracked<double>>(y => y[0] * y[0] * y[0], [x[0]])[0], [2.0])[0];
        table.Row(["d/dx (d/dy y³ at y = x) = 6x at 2", .. log.Compare(d2, 12.0)]);
        table.Print();

        // Wrong: the inner derivative on the outer type captures the outer x. The tags of the two differentiations
        // meet in x + y and the operation throws instead of answering 2.
        string outcome;
        try
        {
            outcome = $"answered {Forward.Derivative<double>(x => x * Forward.Derivative<double>(y => x + y, 1.0), 1.0)} (wrong)";
        }
        catch (InvalidOperationException e)
        {
            outcome = $"threw InvalidOperationException: {e.Message[..e.Message.IndexOf(':')]}";
        }
        log.Record(outcome.StartsWith("threw", StringComparison.Ordinal) ? 0 : 1, Comparison.Exact);
        Console.WriteLine($"  Forward.Derivative<double> nested inside Forward.Derivative<double>: {outcome}");
        Console.WriteLine();
        return log.Comparisons;
    }
}
