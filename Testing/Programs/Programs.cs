using Autodiff.Rules;
using FsCheck;
using FsCheck.Fluent;
using Interval = Autodiff.Rules.Interval;

namespace Autodiff.Testing;

/// <summary>
/// Random well-posed programs, guided by their values: the point is drawn first, then the tree bottom-up, and each
/// function is applied to a subtree only where the subtree's value at the point lies inside the function's table
/// domain (<see cref="WellPosed"/>). A subtree outside is shifted into the domain by an added constant, which keeps
/// its dependence on the inputs, or else replaced by a constant. Shrinking goes to subtrees, constants, fewer
/// outputs and inputs, and rounder numbers, and keeps only well-posed candidates.
/// </summary>
public static class Programs
{
    /// <summary>At most six inputs.</summary>
    public const int MaxInputs = 6;

    /// <summary>Trees have at most six levels below the root, shifts into domains included.</summary>
    public const int MaxDepth = 6;

    /// <summary>Trees have at most 25 nodes, shifts into domains included.</summary>
    public const int MaxBudget = 25;

    /// <summary>Inputs are drawn from [−3, 3].</summary>
    public const double InputRange = 3;

    // The kit's generators and tables are built where they are read, never in a static initializer: Stryker runs a
    // mutant there against every test, in a test host that has built the type already, so the mutant is reported as
    // surviving whatever the tests check (measured: LoopPrograms.Cases, killed by hand, survived in the tool).
    private static UnaryEntry[] UnaryRows => [.. RuleTable.Unary];
    private static BinaryEntry[] BinaryRows => [.. RuleTable.Binary];

    /// <summary>The rule table's addition, the node a shift into a domain (and a loop program's s + …) adds with.</summary>
    internal static BinaryEntry Add => RuleTable.Binary.First(e => e.Name == "add");

    /// <summary>Scalar programs f: ℝⁿ → ℝ with a point and a direction.</summary>
    public static Arbitrary<ProgramCase> Scalar => Arb.From(Of(1, 1), Shrink);

    /// <summary>Vector programs f: ℝⁿ → ℝᵐ, m = 2 or 3, with a point, a direction and a cotangent.</summary>
    public static Arbitrary<ProgramCase> Vector => Arb.From(Of(2, 3), Shrink);

    /// <summary>Cases with minOutputs to maxOutputs outputs, and a cotangent if that may be more than one.</summary>
    public static Gen<ProgramCase> Of(int minOutputs, int maxOutputs) =>
        from n in Gen.Choose(1, MaxInputs)
        from x in Gen.ArrayOf(Cases.In(-InputRange, InputRange), n)
        from v in Gen.ArrayOf(Cases.In(-1, 1), n)
        from m in Gen.Choose(minOutputs, maxOutputs)
        from u in Gen.ArrayOf(Cases.In(-1, 1), maxOutputs > 1 ? m : 0)
        from outputs in Gen.ArrayOf(Program(x, v), m)
        select new ProgramCase(outputs, x, v, u);

    /// <summary>A program well posed at x along v, of at most n nodes for n drawn from 4 to <see cref="MaxBudget"/>.</summary>
    public static Gen<Expr> Program(double[] x, double[] v) =>
        x is null ? throw new ArgumentNullException(nameof(x))
        : v is null ? throw new ArgumentNullException(nameof(v))
        : Gen.Choose(4, MaxBudget).SelectMany(budget => Tree(x, v, budget, MaxDepth));

    // A tree of at most `budget` nodes and `depth` levels; kinds are chosen before subtrees are built, so the
    // generator unfolds only the branch it takes.
    private static Gen<Expr> Tree(double[] x, double[] v, int budget, int depth) =>
        budget <= 1 || depth == 0
            ? Leaf(x)
            : from kind in Gen.Choose(depth == MaxDepth ? 1 : 0, budget >= 3 ? 5 : 2)
              from e in kind == 0 ? Leaf(x) : kind <= 2 ? UnaryNode(x, v, budget, depth) : BinaryNode(x, v, budget, depth)
              select e;

    // Inputs three times as often as constants; constants in [−3, 3] with two decimals.
    private static Gen<Expr> Leaf(double[] x) =>
        Gen.Frequency(
            (3, Gen.Choose(0, x.Length - 1).Select(i => (Expr)new Expr.Var(i))),
            (1, Gen.Choose(-300, 300).Select(k => (Expr)new Expr.Const(k / 100.0))));

    // Where a function is too steep at the subtree's value, up to two others are tried before the subtree stays bare.
    private const int Attempts = 3;

    private static Gen<Expr> UnaryNode(double[] x, double[] v, int budget, int depth) =>
        from child in Tree(x, v, budget - 1, depth - 1)
        from attempts in Gen.ArrayOf(Gen.Elements(UnaryRows).Zip(Unit), Attempts)
        let nodes = attempts.Select(a => new Expr.Unary(a.Item1, Fit(a.Item1.Domain, child, a.Item2, x, v)))
        select First(nodes, child, x, v, budget, depth);

    private static Gen<Expr> BinaryNode(double[] x, double[] v, int budget, int depth) =>
        from split in Gen.Choose(1, budget - 2)
        from left in Tree(x, v, split, depth - 1)
        from right in Tree(x, v, budget - 1 - split, depth - 1)
        from attempts in Gen.ArrayOf(Gen.Elements(BinaryRows).Zip(Unit.Zip(Unit)), Attempts)
        let nodes = attempts.Select(a => new Expr.Binary(a.Item1,
            Fit(a.Item1.XDomain, left, a.Item2.Item1, x, v), Fit(a.Item1.YDomain, right, a.Item2.Item2, x, v)))
        select First(nodes, left, x, v, budget, depth);

    // Where in a domain a subtree that lies outside it is moved, as a fraction of the domain.
    private static Gen<double> Unit => Cases.In(0, 1);

    // The first node that is tame at x (its arguments were fitted into its domains) and within the budget and depth
    // once shifts are counted, else the fallback subtree.
    private static Expr First(IEnumerable<Expr> nodes, Expr fallback, double[] x, double[] v, int budget, int depth) =>
        nodes.FirstOrDefault(node => node.Size <= budget && node.Depth <= depth && WellPosed.Tame(node, x, v)) ?? fallback;

    /// <summary>
    /// e itself if its value at x lies inside the domain; else e + c with c (two decimals) moving it to the
    /// fraction `target` of the domain, if that sum is well posed; else a constant there.
    /// </summary>
    private static Expr Fit(Interval domain, Expr e, double target, double[] x, double[] v)
    {
        if (WellPosed.Fits(domain, e, x, v))
            return e;
        double value = e.At(x);
        double margin = WellPosed.Margin * (domain.Max - domain.Min);
        double goal = domain.Min + margin + target * (domain.Max - domain.Min - 2 * margin);
        var shifted = new Expr.Binary(Add, e, new Expr.Const(Rounded(goal - value, 2)));
        if (WellPosed.Fits(domain, shifted, x, v) && WellPosed.Sound(shifted, x, v))
            return shifted;
        double constant = Rounded(goal, 2);
        return new Expr.Const(WellPosed.Inside(domain, constant) ? constant : (domain.Min + domain.Max) / 2);
    }

    /// <summary>Smaller well-posed cases, the most drastic first.</summary>
    public static IEnumerable<ProgramCase> Shrink(ProgramCase c) =>
        Candidates(c ?? throw new ArgumentNullException(nameof(c))).Where(WellPosed.Holds);

    private static IEnumerable<ProgramCase> Candidates(ProgramCase c)
    {
        for (int i = 0; c.Outputs.Length > 1 && i < c.Outputs.Length; i++)
            yield return c with { Outputs = Without(c.Outputs, i), Cotangent = Without(c.Cotangent, i) };
        for (int i = 0; i < c.Outputs.Length; i++)
            foreach (Expr smaller in Smaller(c.Outputs[i], c.Point))
                yield return c with { Outputs = With(c.Outputs, i, smaller) };
        for (int j = 0; c.Inputs > 1 && j < c.Inputs; j++)
            if (!c.Outputs.Any(o => o.Nodes().Contains(new Expr.Var(j))))
                yield return c with
                {
                    Outputs = [.. c.Outputs.Select(o => Renumber(o, j))],
                    Point = Without(c.Point, j),
                    Direction = Without(c.Direction, j),
                };
        for (int j = 0; j < c.Inputs; j++)
            foreach (double simpler in Simpler(c.Point[j]))
                yield return c with { Point = With(c.Point, j, simpler) };
        for (int j = 0; j < c.Inputs; j++)
            foreach (double simpler in Simpler(c.Direction[j]))
                yield return c with { Direction = With(c.Direction, j, simpler) };
        for (int i = 0; i < c.Cotangent.Length; i++)
            foreach (double simpler in Simpler(c.Cotangent[i]))
                yield return c with { Cotangent = With(c.Cotangent, i, simpler) };
    }

    /// <summary>
    /// Trees with fewer nodes (a child in place of its parent, a constant in place of a subtree), fewer inputs read
    /// (a constant in place of an input) or shorter constants; each step shortens the tree, its reads of inputs or
    /// its digits, so shrinking ends.
    /// </summary>
    public static IEnumerable<Expr> Smaller(Expr e, double[] x)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(x);
        return SmallerTrees(e, x);
    }

    private static IEnumerable<Expr> SmallerTrees(Expr e, double[] x)
    {
        switch (e)
        {
            case Expr.Var v:
                yield return new Expr.Const(Rounded(x[v.Index], 2));
                break;
            case Expr.Const k:
                foreach (double simpler in Simpler(k.Value))
                    yield return new Expr.Const(simpler);
                break;
            case Expr.Unary u:
                yield return u.Argument;
                yield return new Expr.Const(Rounded(e.At(x), 2));
                foreach (Expr argument in SmallerTrees(u.Argument, x))
                    yield return u with { Argument = argument };
                break;
            case Expr.Binary b:
                yield return b.Left;
                yield return b.Right;
                yield return new Expr.Const(Rounded(e.At(x), 2));
                foreach (Expr left in SmallerTrees(b.Left, x))
                    yield return b with { Left = left };
                foreach (Expr right in SmallerTrees(b.Right, x))
                    yield return b with { Right = right };
                break;
        }
    }

    // Rounder numbers: to 0, 1 and 2 decimals, those that differ.
    private static IEnumerable<double> Simpler(double value) =>
        new[] { 0, 1, 2 }.Select(d => Rounded(value, d)).Distinct().Where(r => r != value);

    // value to that many decimals (+ 0.0 turns −0 into 0, which prints plainly).
    private static double Rounded(double value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero) + 0.0;

    // The tree without input j: inputs after j move down by one.
    // Stryker disable once Equality : an input is dropped only when no output reads it, so no Var(j) is met.
    private static Expr Renumber(Expr e, int j) => e switch
    {
        Expr.Var v when v.Index > j => new Expr.Var(v.Index - 1),
        Expr.Unary u => u with { Argument = Renumber(u.Argument, j) },
        Expr.Binary b => b with { Left = Renumber(b.Left, j), Right = Renumber(b.Right, j) },
        _ => e,
    };

    private static T[] Without<T>(T[] items, int i) => [.. items[..i], .. items[(i + 1)..]];

    private static T[] With<T>(T[] items, int i, T item)
    {
        var copy = (T[])items.Clone();
        copy[i] = item;
        return copy;
    }
}
