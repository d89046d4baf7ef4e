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
        double[] points = [0.5, 1.2];
        Graph[] graphs = Array.ConvertAll(points, x => new Graph(x));

        // One table of graph nodes: a row for each (label, node), a column for each point.
        void Pass(string caption, params (string Label, Func<Graph, double> Node)[] rows)
        {
            Console.WriteLine($"  {caption}");
            var table = new Table(1, ["", .. Array.ConvertAll(points, x => $"x = {Short(x)}")]);
            foreach ((string label, Func<Graph, double> node) in rows)
                table.Row([label, .. Array.ConvertAll(graphs, g => Num(node(g)))]);
            table.Print();
        }

        Pass("Forward pass: the intermediate variables.",
            ("a = x²", g => g.A),
            ("b = exp(a)", g => g.B),
            ("c = a + b", g => g.C),
            ("d = √c", g => g.D),
            ("e = cos(c)", g => g.E),
            ("f = d + e", g => g.F));
        Pass("Backward pass: the notes' hand-derived adjoints, from the output to the input.",
            ("∂f/∂c = 1·1/(2√c) + 1·(−sin(c))", g => g.DfDc),
            ("∂f/∂b = ∂f/∂c · 1", g => g.DfDb),
            ("∂f/∂a = ∂f/∂b · exp(a) + ∂f/∂c · 1", g => g.DfDa),
            ("∂f/∂x = ∂f/∂a · 2x", g => g.DfDx));

        Console.WriteLine("  Forward mode (Forward.ValueAndDerivative) beside the computation graph.");
        var table = new Table(2, "x", "", "AD", "graph", "rel. diff");
        foreach (Graph g in graphs)
        {
            (double value, double derivative) = Autodiff.Forward.ValueAndDerivative(Backprop, g.X);
            table.Row([Short(g.X), "f", .. log.Compare(value, g.F)]);
            table.Row(["", "∂f/∂x", .. log.Compare(derivative, g.DfDx)]);
        }
        table.Print();
        return log.Comparisons;
    }

    /// <summary>The notes' computation graph of the example, on doubles: forward values, then adjoints.</summary>
    private sealed record Graph(double X)
    {
        public double A => X * X;
        public double B => Math.Exp(A);
        public double C => A + B;
        public double D => Math.Sqrt(C);
        public double E => Math.Cos(C);
        public double F => D + E;
        public double DfDc => 1 * (1 / (2 * Math.Sqrt(C))) + 1 * -Math.Sin(C);
        public double DfDb => DfDc * 1;
        public double DfDa => DfDb * Math.Exp(A) + DfDc * 1;
        public double DfDx => DfDa * 2 * X;
    }
}
