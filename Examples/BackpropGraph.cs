namespace Autodiff.Examples;

/// <summary>
/// The notes' computation graph of f(x) = √(x² + exp(x²)) + cos(x² + exp(x²)) on doubles: the forward values, then
/// the seeds' hand-derived adjoints from the output to the input (sections 5 and 9).
/// </summary>
internal sealed record BackpropGraph(double X)
{
    public double A => X * X;
    public double B => Math.Exp(A);
    public double C => A + B;
    public double D => Math.Sqrt(C);
    public double E => Math.Cos(C);
    public double F => D + E;

    // ∂f/∂v = Σ over v's successors w of ∂f/∂w · ∂w/∂v, with the local partials ∂a/∂x = 2x, ∂b/∂a = exp(a),
    // ∂c/∂a = 1 = ∂c/∂b, ∂d/∂c = 1/(2√c), ∂e/∂c = −sin(c), ∂f/∂d = 1 = ∂f/∂e.
    public double DfDf => 1;
    public double DfDe => DfDf * 1;
    public double DfDd => DfDf * 1;
    public double DfDc => DfDd * (1 / (2 * Math.Sqrt(C))) + DfDe * -Math.Sin(C);
    public double DfDb => DfDc * 1;
    public double DfDa => DfDb * Math.Exp(A) + DfDc * 1;
    public double DfDx => DfDa * 2 * X;

    // One table of graph nodes: a row for each (label, node), a column for each point.
    public static void Print(string caption, BackpropGraph[] graphs,
        params (string Label, Func<BackpropGraph, double> Node)[] rows)
    {
        Console.WriteLine($"  {caption}");
        var table = new Table(1, ["", .. Array.ConvertAll(graphs, g => $"x = {Report.Short(g.X)}")]);
        foreach ((string label, Func<BackpropGraph, double> node) in rows)
            table.Row([label, .. Array.ConvertAll(graphs, g => Report.Num(node(g)))]);
        table.Print();
    }

    public static void PrintForwardPass(BackpropGraph[] graphs) =>
        Print("Forward pass: the intermediate variables.", graphs,
            ("a = x²", g => g.A),
            ("b = exp(a)", g => g.B),
            ("c = a + b", g => g.C),
            ("d = √c", g => g.D),
            ("e = cos(c)", g => g.E),
            ("f = d + e", g => g.F));
}
