using System.Numerics;
using static Autodiff.Examples.Functions;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Reverse;

/// <summary>Section 9: the notes' backward pass by reverse mode, each adjoint the gradient of a continuation.</summary>
internal static class Backpropagation
{
    // The continuation r_v of a node v: the rest of the program after v, as a function of the nodes it still reads.
    // Its derivative with respect to v is the adjoint ∂f/∂v: the backward pass differentiates what comes after v.
    private static T RestF<T>(ReadOnlySpan<T> f) where T : IFloatingPointIeee754<T> => f[0];

    private static T RestDE<T>(ReadOnlySpan<T> de) where T : IFloatingPointIeee754<T> => de[0] + de[1];

    private static T RestC<T>(ReadOnlySpan<T> c) where T : IFloatingPointIeee754<T> =>
        RestDE<T>([T.Sqrt(c[0]), T.Cos(c[0])]);

    // c reads a as well as b, so r_b keeps a as an input (held fixed when differentiating by b).
    private static T RestB<T>(ReadOnlySpan<T> ab) where T : IFloatingPointIeee754<T> => RestC<T>([ab[0] + ab[1]]);

    // a reaches c along two paths, through b = exp(a) and directly: r_a follows both.
    private static T RestA<T>(ReadOnlySpan<T> a) where T : IFloatingPointIeee754<T> => RestB<T>([a[0], T.Exp(a[0])]);

    private static T WholeF<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => Backprop(x[0]);

    // ∂r/∂(input k) at the given node values: one reverse sweep of the continuation.
    private static double Adjoint(ScalarFunction<Tracked<double>> rest, double[] at, int k) =>
        Autodiff.Reverse.Grad(rest, at)[k];

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("9. Backpropagation by reverse mode",
            "f(x) = √(x² + exp(x²)) + cos(x² + exp(x²))",
            "a = x²,  b = exp(a),  c = a + b,  d = √c,  e = cos(c),  f = d + e",
            "The adjoint ∂f/∂v of a node v is the derivative of its continuation r_v, the rest of the program after v:",
            "  r_f(f) = f,  r_de(d, e) = d + e,  r_c(c) = r_de(√c, cos(c)),",
            "  r_b(a, b) = r_c(a + b) (a held fixed),  r_a(a) = r_b(a, exp(a)) (both paths from a).",
            "One reverse sweep (Reverse.Grad of f) computes every adjoint on its way to ∂f/∂x; here each continuation",
            "is also differentiated on its own by Reverse.Grad, beside the seeds' hand-derived backward pass.");
        BackpropGraph[] graphs = Array.ConvertAll(new[] { 0.5, 1.2 }, x => new BackpropGraph(x));
        BackpropGraph.PrintForwardPass(graphs);

        (string Adjoint, string Formula, Func<BackpropGraph, double> Ad, Func<BackpropGraph, double> Hand)[] rows =
        [
            ("∂f/∂f = ∂r_f/∂f", "1", g => Adjoint(RestF, [g.F], 0), g => g.DfDf),
            ("∂f/∂e = ∂r_de/∂e", "∂f/∂f · 1", g => Adjoint(RestDE, [g.D, g.E], 1), g => g.DfDe),
            ("∂f/∂d = ∂r_de/∂d", "∂f/∂f · 1", g => Adjoint(RestDE, [g.D, g.E], 0), g => g.DfDd),
            ("∂f/∂c = ∂r_c/∂c", "∂f/∂d · 1/(2√c) + ∂f/∂e · (−sin(c))",
                g => Adjoint(RestC, [g.C], 0), g => g.DfDc),
            ("∂f/∂b = ∂r_b/∂b", "∂f/∂c · 1", g => Adjoint(RestB, [g.A, g.B], 1), g => g.DfDb),
            ("∂f/∂a = ∂r_a/∂a", "∂f/∂b · exp(a) + ∂f/∂c · 1", g => Adjoint(RestA, [g.A], 0), g => g.DfDa),
            ("∂f/∂x", "∂f/∂a · 2x", g => Adjoint(WholeF, [g.X], 0), g => g.DfDx),
        ];
        Console.WriteLine("  Backward pass, output to input: Reverse.Grad of each continuation, beside the seeds.");
        var table = new Table(3, "x", "adjoint", "seeds' formula", "AD: Reverse.Grad", "seeds'", "rel. diff");
        foreach (BackpropGraph g in graphs)
        {
            string x = Short(g.X);
            foreach (var row in rows)
            {
                table.Row([x, row.Adjoint, row.Formula, .. log.Compare(row.Ad(g), row.Hand(g))]);
                x = "";
            }
        }
        table.Print();
        return log.Comparisons;
    }
}
