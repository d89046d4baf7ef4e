using static Autodiff.Examples.Functions;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Forward;

/// <summary>Section 5: the notes' computation graph, its forward values and hand-derived adjoints, beside AD.</summary>
internal static class Backpropagation
{
    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("5. Backpropagation",
            "f(x) = √(x² + exp(x²)) + cos(x² + exp(x²))",
            "a = x²,  b = exp(a),  c = a + b,  d = √c,  e = cos(c),  f = d + e");
        BackpropGraph[] graphs = Array.ConvertAll(new[] { 0.5, 1.2 }, x => new BackpropGraph(x));
        BackpropGraph.PrintForwardPass(graphs);
        BackpropGraph.Print("Backward pass: the notes' hand-derived adjoints, from the output to the input.", graphs,
            ("∂f/∂c = 1·1/(2√c) + 1·(−sin(c))", g => g.DfDc),
            ("∂f/∂b = ∂f/∂c · 1", g => g.DfDb),
            ("∂f/∂a = ∂f/∂b · exp(a) + ∂f/∂c · 1", g => g.DfDa),
            ("∂f/∂x = ∂f/∂a · 2x", g => g.DfDx));

        Console.WriteLine("  Forward mode (Forward.ValueAndDerivative) beside the computation graph.");
        var table = new Table(2, "x", "", "AD", "graph", "rel. diff");
        foreach (BackpropGraph g in graphs)
        {
            (double value, double derivative) = Autodiff.Forward.ValueAndDerivative(Backprop, g.X);
            table.Row([Short(g.X), "f", .. log.Compare(value, g.F)]);
            table.Row(["", "∂f/∂x", .. log.Compare(derivative, g.DfDx)]);
        }
        table.Print();
        return log.Comparisons;
    }
}
