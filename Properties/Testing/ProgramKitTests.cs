using Autodiff.Properties.Support;
using Autodiff.Rules;
using Interval = Autodiff.Rules.Interval;
using static Autodiff.Properties.Support.Trees;

namespace Autodiff.Properties.Testing;

/// <summary>
/// The program kit on hand-written trees, where every answer is known: sizes, depths and pre-order nodes; reading
/// an input that is not there; numbers printed so C# reads them back (−0 and negatives in parentheses); the
/// in-place form accumulating; the little vector algebra; the margins, reach, size, slope and smoothness limits of
/// <see cref="WellPosed"/> at and around their edges; and the shrinker's smaller trees and rounder constants.
/// </summary>
public sealed class ProgramKitTests
{
    private static readonly Expr X0 = new Expr.Var(0), X1 = new Expr.Var(1);

    // exp(x0 * 1.5) + log(x1): 7 nodes, 3 levels below the root.
    private static readonly Expr Example = Call("add", Call("exp", Call("multiply", X0, new Expr.Const(1.5))), Call("log", X1));

    [Fact]
    public void A_tree_knows_its_size_depth_and_nodes_in_pre_order()
    {
        Assert.Equal(7, Example.Size);
        Assert.Equal(3, Example.Depth);
        Assert.Equal(1, X0.Size);
        Assert.Equal(0, new Expr.Const(2).Depth);
        Assert.Equal(new[] { "add", "exp", "multiply", "x0", "1.5", "log", "x1" }, Example.Nodes().Select(node => node switch
        {
            Expr.Unary u => u.Entry.Name,
            Expr.Binary b => b.Entry.Name,
            _ => node.ToString(),
        }));
        Assert.Equal(Math.Exp(0.4 * 1.5) + Math.Log(2), Example.At([0.4, 2]));
        Assert.Equal(new[] { Math.Exp(0.4 * 1.5) + Math.Log(2), 2.0 }, Expr.Evaluate<double>([Example, X1], [0.4, 2]));
    }

    [Fact]
    public void Reading_an_input_that_is_not_there_is_refused_naming_it()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => Example.At([0.4]));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("reads x1 but x has length 1", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new Expr.Var(-1).At([0.4]));
        Assert.Equal("e", Assert.Throws<ArgumentNullException>(() => Expr.Evaluate<double>((Expr)null!, [1.0])).ParamName);
        Assert.Equal("outputs", Assert.Throws<ArgumentNullException>(() => Expr.Evaluate<double>((IReadOnlyList<Expr>)null!, [1.0])).ParamName);
        Assert.False(WellPosed.Holds(Example, [0.4], [1.0]));
    }

    [Fact]
    public void Numbers_print_so_that_CSharp_reads_them_back()
    {
        Assert.Equal("0.1", Printer.Number(0.1));
        Assert.Equal("(-2.5)", Printer.Number(-2.5));
        Assert.Equal("(-0)", Printer.Number(-0.0));
        Assert.Equal("0", Printer.Number(0.0));
        Assert.Equal("[0.1, -3, 1E-300]", Printer.Vector([0.1, -3, 1e-300]));
        Assert.Equal("abs", Printer.FunctionName("abs of a negative"));
        Assert.Equal("log_base_3", Printer.FunctionName("log base 3"));
        Assert.Equal("x0 * (-1.5)", Call("multiply", X0, new Expr.Const(-1.5)).ToString());
        Assert.Equal("e", Assert.Throws<ArgumentNullException>(() => Printer.Print(null!)).ParamName);
    }

    [Fact]
    public void The_in_place_form_adds_the_outputs_to_what_it_is_given()
    {
        var c = new ProgramCase([Example, X1], [0.4, 2], [1, -1], [0.5, 1]);
        double[] y = [10, 20];
        c.InPlace<double>(c.Point, y);
        Assert.Equal(new[] { 10 + Example.At(c.Point), 22.0 }, y);
        Assert.True(c.IsVector);
        Assert.Equal(2, c.Inputs);
        Assert.Same(Example, c.F);
        Assert.False(new ProgramCase([Example], [0.4, 2], [1, -1], []).IsVector);
    }

    [Fact]
    public void Lines_dots_and_matrix_vector_products_are_the_closed_forms()
    {
        Assert.Equal(new[] { 1.5, -1.0 }, Vectors.Line([1, 0], [1, -2], 0.5));
        Assert.Equal(1 * 4 - 2 * 5 + 3 * 6.0, Vectors.Dot([1, -2, 3], [4, 5, 6]));
        Assert.Equal(new[] { 1 * 5 + 2 * 6.0, 3 * 5 + 4 * 6.0 }, Vectors.Times(new double[,] { { 1, 2 }, { 3, 4 } }, [5, 6]));
        Assert.Equal("v", Assert.Throws<ArgumentNullException>(() => Vectors.Line([1.0], null!, 1)).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentNullException>(() => Vectors.Dot(null!, [1.0])).ParamName);
        Assert.Equal("v", Assert.Throws<ArgumentNullException>(() => Vectors.Times(new double[1, 1], null!)).ParamName);
    }

    [Fact]
    public void Arguments_keep_a_margin_from_the_domain_s_edges_and_a_reach_proportional_to_their_slopes()
    {
        var shifted = new Interval(2, 12); // margin 0.5
        Assert.True(WellPosed.Inside(shifted, 2.5));
        Assert.False(WellPosed.Inside(shifted, Math.BitDecrement(2.5)));
        Assert.True(WellPosed.Inside(shifted, 11.5));
        Assert.False(WellPosed.Inside(shifted, Math.BitIncrement(11.5)));
        var domain = new Interval(0, 10);
        // x0 · 8 has slope 8, so it needs 0.8 of room: at x0 = 0.09 its value 0.72 is inside but too near 0; at 0.12, 0.96 is far enough.
        Expr steep = Call("multiply", X0, new Expr.Const(8));
        Assert.False(WellPosed.Fits(domain, steep, [0.09], [1]));
        Assert.True(WellPosed.Fits(domain, steep, [0.12], [1]));
        Assert.False(WellPosed.Fits(domain, X0, [9.6], [1]));
    }

    [Fact]
    public void A_node_is_tame_up_to_the_value_slope_and_smoothness_limits()
    {
        Assert.True(WellPosed.Tame(X0, [WellPosed.MaxValue], [1]));
        Assert.False(WellPosed.Tame(X0, [Math.BitIncrement(WellPosed.MaxValue)], [1]));
        Assert.True(WellPosed.Tame(Call("multiply", X0, new Expr.Const(9.9)), [0.5], [1]));
        Assert.False(WellPosed.Tame(Call("multiply", X0, new Expr.Const(10.1)), [0.5], [1]));
        // Slopes add up over the inputs: 6 + 6 > 10.
        Assert.False(WellPosed.Tame(Call("add", Call("multiply", X0, new Expr.Const(6)), Call("multiply", X1, new Expr.Const(6))), [0.5, 0.5], [1, 1]));
        // Gentle (slope ≤ 5) but not smooth at the scale of a step: sin(200 x0)/40 turns 0.2 rad within one.
        Expr wiggle = Call("divide", Call("sin", Call("multiply", X0, new Expr.Const(200))), new Expr.Const(40));
        Assert.False(WellPosed.Tame(wiggle, [0.5], [0.01]));
        Assert.True(WellPosed.Tame(Call("divide", Call("sin", Call("multiply", X0, new Expr.Const(2))), new Expr.Const(40)), [0.5], [0.01]));
        Assert.False(WellPosed.Tame(Call("log", X0), [-1], [1]));
        Assert.True(WellPosed.Sound(X0, [0.5], [1]));
        Assert.False(WellPosed.Sound(Call("log", X0), [0.12], [1]));
        // exp(x0) at 4: the argument fits exp's domain, but the node's slope e⁴ ≈ 55 is too steep.
        Assert.False(WellPosed.Sound(Call("exp", X0), [4], [1]));
        // x0 / x1 at (0.1, 4.9): gentle, the numerator fits, the denominator is within divide's margin (0.2 … 5).
        Assert.True(WellPosed.Tame(Call("divide", X0, X1), [0.1, 4.9], [1, 1]));
        Assert.False(WellPosed.Sound(Call("divide", X0, X1), [0.1, 4.9], [1, 1]));
        Assert.True(WellPosed.Sound(Call("divide", X0, X1), [0.1, 2.5], [1, 1]));
        Assert.True(WellPosed.Sound(Call("log", X0), [2], [1]));
    }

    [Fact]
    public void A_case_is_well_posed_only_if_its_vectors_fit_its_program()
    {
        Assert.True(WellPosed.Holds(new ProgramCase([Example], [0.4, 2], [1, -1], [])));
        Assert.False(WellPosed.Holds(new ProgramCase([], [0.4, 2], [1, -1], [])));
        Assert.False(WellPosed.Holds(new ProgramCase([Example], [0.4, 2], [1], [])));
        Assert.False(WellPosed.Holds(new ProgramCase([Example, X1], [0.4, 2], [1, -1], [0.5])));
        Assert.True(WellPosed.Holds(new ProgramCase([Example, X1], [0.4, 2], [1, -1], [0.5, 1])));
        Assert.False(WellPosed.Holds(new ProgramCase([Example], [0.4, 0.05], [1, -1], [])));
        Assert.False(WellPosed.Holds(new ProgramCase([X0, Call("log", X1)], [0.4, 0.05], [1, -1], [1, 1])));
    }

    [Fact]
    public void Null_arguments_are_named()
    {
        Assert.Equal("node", Assert.Throws<ArgumentNullException>(() => WellPosed.Sound(null!, [1.0], [1.0])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => WellPosed.Sound(X0, null!, [1.0])).ParamName);
        Assert.Equal("v", Assert.Throws<ArgumentNullException>(() => WellPosed.Sound(X0, [1.0], null!)).ParamName);
        Assert.Equal("program", Assert.Throws<ArgumentNullException>(() => WellPosed.Holds(null!, [1.0], [1.0])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => WellPosed.Holds(X0, null!, [1.0])).ParamName);
        Assert.Equal("v", Assert.Throws<ArgumentNullException>(() => WellPosed.Holds(X0, [1.0], null!)).ParamName);
        Assert.Equal("c", Assert.Throws<ArgumentNullException>(() => WellPosed.Holds(null!)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => WellPosed.Fits(new Interval(0, 1), X0, null!, [1.0])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => Programs.Smaller(X0, null!)).ParamName);
    }

    [Fact]
    public void Generated_programs_vary_in_size_depth_kind_and_point()
    {
        ProgramCase[] cases = FsCheck.Fluent.Gen.Sample(Programs.Vector.Generator, 300, new FsCheck.Rnd(20261201, 0x9E3779B97F4A7C15UL), 50);
        Expr[] programs = [.. cases.SelectMany(c => c.Outputs)];
        Assert.Contains(programs, p => p.Size >= 15);
        Assert.Contains(programs, p => p.Depth >= 4);
        Assert.Contains(programs, p => p is Expr.Unary);
        Assert.Contains(programs, p => p is Expr.Binary);
        Assert.All(programs, p => Assert.True(p.Size <= Programs.MaxBudget && p.Depth <= Programs.MaxDepth, $"{p}"));
        double[] points = [.. cases.SelectMany(c => c.Point)], directions = [.. cases.SelectMany(c => c.Direction)], cotangents = [.. cases.SelectMany(c => c.Cotangent)];
        Assert.True(points.Min() < -2.5 && points.Max() > 2.5, "points do not cover [−3, 3]");
        Assert.True(directions.Min() < -0.8 && directions.Max() > 0.8, "directions do not cover [−1, 1]");
        Assert.True(cotangents.Min() < -0.8 && cotangents.Max() > 0.8, "cotangents do not cover [−1, 1]");
        Assert.All(cases, c => Assert.InRange(c.Outputs.Length, 2, 3));
    }

    // The share of items for which `which` holds.
    private static double Share<T>(IEnumerable<T> items, Func<T, bool> which) => items.Count(which) / (double)items.Count();

    /// <summary>
    /// The mix of 2000 scalar programs stays near the generator's odds: a root is never a leaf, a node below it is a
    /// leaf, unary or binary at 1 : 2 : 3 (unary 2 : 3 against binary at the root), inputs are drawn three times as
    /// often as constants (shifts into domains add constants), and trees use their budget of 4 to 25 nodes. A
    /// generator that drifted to small or one-sided programs would leave every random-program property weaker.
    /// </summary>
    [Fact]
    public void Generated_programs_keep_the_documented_mix_of_kinds_leaves_and_sizes()
    {
        ProgramCase[] cases = FsCheck.Fluent.Gen.Sample(Programs.Scalar.Generator, 2000, new FsCheck.Rnd(20261201, 0x9E3779B97F4A7C15UL), 50);
        Expr[] roots = [.. cases.Select(c => c.Outputs[0])];
        Expr[] nodes = [.. roots.SelectMany(e => e.Nodes())];
        static bool IsLeaf(Expr e) => e is Expr.Var or Expr.Const;
        // Measured at this seed: 0.003, 0.417, 0.551, 0.513, 7.8; the bands allow a few standard deviations.
        Assert.InRange(Share(roots, IsLeaf), 0, 0.02);
        Assert.InRange(Share(roots, e => e is Expr.Unary), 0.33, 0.5);
        Assert.InRange(Share(nodes.Where(e => !IsLeaf(e)), e => e is Expr.Binary), 0.45, 0.65);
        Assert.InRange(Share(nodes.Where(IsLeaf), e => e is Expr.Var), 0.43, 0.6);
        Assert.InRange(roots.Average(e => e.Size), 6.5, 9.5);
        Assert.Contains(roots, e => e.Size >= 22);
    }

    // The tree t of a loop program's node s + t (s: the carried value, the variable after the inputs), else null.
    private static Expr? AfterS(Expr e, LoopProgram p) =>
        e is Expr.Binary { Entry.Name: "add", Left: Expr.Var v } sum && v.Index == p.Inputs ? sum.Right : null;

    /// <summary>
    /// The loop programs' mix over 800 draws stays at the documented odds (<see cref="LoopPrograms.Cases"/>): a loop in
    /// 7 of 8, a branch and a carried value in 3 of 4, the helper and an inner loop in 1 of 3, a result linear in acc
    /// in 1 of 2 (two in three of those over a loop that does not read s, half of which add s to acc), a final ?: in
    /// 1 of 3 of the others, the bump in 1 of 2, points across [−3, 3]. Without compiling anything: a grammar that
    /// drifted is caught here in milliseconds, not by the compiled-adjoint property's minutes of Roslyn.
    /// </summary>
    [Fact]
    public void Loop_programs_keep_the_documented_mix_of_statement_forms()
    {
        LoopProgram[] programs = FsCheck.Fluent.Gen.Sample(LoopPrograms.Cases, 800, new FsCheck.Rnd(20261201, 0x9E3779B97F4A7C15UL), 30);
        static bool ReadsS(Expr e, LoopProgram p) => AfterS(e, p) is not null;
        LoopProgram[] linear = [.. programs.Where(p => p.Weight is not null)];
        LoopProgram[] free = [.. linear.Where(p => ReadsS(p.Result, p))];
        // Measured at this seed: 0.873, 0.749, 0.762, 0.341, 0.346, 0.480, 0.635, 0.463, 0.339, 0.502; bands of ~4σ.
        Assert.InRange(Share(programs, p => p.Element is not null), 0.82, 0.93);
        Assert.InRange(Share(programs, p => p.Branch != Branch.None), 0.69, 0.81);
        Assert.InRange(Share(programs, p => p.Carry != Carry.None), 0.69, 0.81);
        Assert.InRange(Share(programs, p => p.CallsHelper), 0.27, 0.40);
        Assert.InRange(Share(programs, p => p.Inner is not null), 0.27, 0.40);
        Assert.InRange(Share(programs, p => p.Weight is not null), 0.43, 0.57);
        Assert.InRange(free.Length / (double)linear.Length, 0.56, 0.77);
        Assert.InRange(Share(free, p => ReadsS(p.Add, p)), 0.37, 0.63);
        Assert.InRange(Share(programs.Where(p => p.Weight is null), p => p.Other is not null), 0.24, 0.43);
        Assert.InRange(Share(programs, p => p.Bump), 0.43, 0.57);
        double[] points = [.. programs.SelectMany(p => p.Point)];
        Assert.True(points.Min() < -2.5 && points.Max() > 2.5, "points do not cover [−3, 3]");
        // The loop of a result s + (a tree over x) reads s nowhere (but in acc += s + …); other loops do read it.
        static bool ReadsVar(Expr? e, int i) => e is not null && e.Nodes().Contains(new Expr.Var(i));
        static Expr?[] LoopTrees(LoopProgram p) =>
            [p.Element, p.Inner, p.Test, p.Scale, p.CarryValue, AfterS(p.Add, p) ?? p.Add];
        Assert.All(free, p => Assert.DoesNotContain(LoopTrees(p), e => ReadsVar(e, p.Inputs)));
        LoopProgram[] reading = [.. programs.Except(free)];
        Assert.Contains(reading, p => ReadsVar(p.Element, p.Inputs));
        Assert.Contains(reading, p => ReadsVar(p.Inner, p.Inputs));
        Assert.Contains(reading, p => ReadsVar(p.Add, p.Inputs));
        Assert.Contains(reading, p => ReadsVar(p.Test, p.Inputs));
        Assert.Contains(reading, p => ReadsVar(p.CarryValue, p.Inputs));
        // Only the free loops are built as acc += s + …; elsewhere a tree is s + … by chance alone.
        Assert.InRange(Share(reading, p => ReadsS(p.Add, p)), 0, 0.2);
        // A part is there exactly when its statement is (the shrinker drops them together), and weights span [−2, 2].
        Assert.All(programs, p =>
        {
            Assert.Equal(p.Branch == Branch.None, p.Test is null);
            Assert.Equal(p.Branch is Branch.None or Branch.If, p.Scale is null);
            Assert.Equal(p.Carry == Carry.None, p.CarryValue is null);
        });
        double[] weights = [.. linear.Select(p => p.Weight!.Value)];
        Assert.True(weights.Min() < -1.5 && weights.Max() > 1.5, "weights do not cover [−2, 2]");
    }

    /// <summary>
    /// Every tree of a loop program is well posed (<see cref="WellPosed.Holds(Expr, double[], double[])"/>) at the values
    /// its environment takes when it first runs, as <see cref="LoopPrograms.Cases"/> promises: start at x, element at
    /// (x, s₀, x₀), inner at (x, s₀, t, x₀) with t = element (+ x₀ if bumped), the body's trees at (x, s₀, t after the
    /// inner loop, x₀), the result at (x, s, acc) after the loop, or at (x, s) if acc reaches it linearly. The first
    /// iteration's values are computed here from the trees, those after the loop by <see cref="LoopProgram.Evaluate{T}"/>,
    /// not taken from the generator's own prediction: a generator that draws a tree at the wrong values still makes
    /// programs that compile and differentiate, so only this catches it.
    /// </summary>
    [Fact]
    public void Loop_program_trees_are_well_posed_where_they_first_run()
    {
        LoopProgram[] programs = FsCheck.Fluent.Gen.Sample(LoopPrograms.Cases, 300, new FsCheck.Rnd(20261202, 0x9E3779B97F4A7C15UL), 30);
        static bool Holds(Expr? e, double[] env) => e is null || WellPosed.Holds(e, env, new double[env.Length]);
        // The value of a tree over (x, s, acc) after the program's loop: the program returning it.
        static double After(LoopProgram p, Expr e) => (p with { Result = e, Other = null, Weight = null }).Evaluate<double>(p.Point);
        // The part of an s + tree node that the generator drew (the sum itself is not a generated tree).
        static Expr Drawn(Expr e, LoopProgram p) => AfterS(e, p) ?? e;
        Assert.All(programs, p =>
        {
            double[] x = p.Point;
            int n = p.Inputs;
            double s0 = p.Start.At(x), s = After(p, new Expr.Var(n)), acc = After(p, new Expr.Var(n + 1));
            Assert.True(Holds(p.Start, x), $"start of {p.Source("F")}");
            if (p.Element is not null)
            {
                double t = p.Element.At([.. x, s0, x[0]]) + (p.Bump ? x[0] : 0);
                double tInner = p.Inner is null ? t : t + p.Inner.At([.. x, s0, t, x[0]]);
                double[] body = [.. x, s0, tInner, x[0]];
                Assert.True(Holds(p.Element, [.. x, s0, x[0]]), $"element of {p.Source("F")}");
                Assert.True(Holds(p.Inner, [.. x, s0, t, x[0]]), $"inner of {p.Source("F")}");
                Assert.All(new[] { Drawn(p.Add, p), p.Test, p.Scale, p.CarryValue }, e => Assert.True(Holds(e, body), $"{e} of {p.Source("F")}"));
            }
            if (p.Weight is null)
                Assert.All(new[] { p.Result, p.Other }, e => Assert.True(Holds(e, [.. x, s, acc]), $"{e} of {p.Source("F")}"));
            else
                Assert.True(Holds(Drawn(p.Result, p), [.. x, s]), $"result of {p.Source("F")}");
        });
    }

    /// <summary>
    /// <see cref="CSharp.Print"/> keeps the tree's shape exactly — parentheses where C#'s precedence and left
    /// association would regroup it, none elsewhere — since the compiled-adjoint property compares the generator's
    /// gradient with the tape's of the same printed source, where a regrouped tree would go unseen.
    /// </summary>
    [Fact]
    public void The_CSharp_printer_keeps_the_tree_shape_and_refuses_unnamed_inputs()
    {
        Expr x2 = new Expr.Var(2);
        string[] names = ["a", "b", "c"];
        Assert.Equal("a - (b + c)", CSharp.Print(Call("subtract", X0, Call("add", X1, x2)), names));
        Assert.Equal("a - b + c", CSharp.Print(Call("add", Call("subtract", X0, X1), x2), names));
        Assert.Equal("(a + b) * c", CSharp.Print(Call("multiply", Call("add", X0, X1), x2), names));
        Assert.Equal("a * b + c", CSharp.Print(Call("add", Call("multiply", X0, X1), x2), names));
        Assert.Equal("a / (b * c)", CSharp.Print(Call("divide", X0, Call("multiply", X1, x2)), names));
        Assert.Equal("T.One / (a + b)", CSharp.Print(Call("reciprocal", Call("add", X0, X1)), names));
        Assert.Equal("T.Sin(a + b)", CSharp.Print(Call("sin", Call("add", X0, X1)), names));
        Assert.Equal("names", Assert.Throws<ArgumentException>(() => CSharp.Print(x2, ["a", "b"])).ParamName);
        Assert.Equal("e", Assert.Throws<ArgumentNullException>(() => CSharp.Print(null!, names)).ParamName);
        Assert.Equal("names", Assert.Throws<ArgumentNullException>(() => CSharp.Print(X0, null!)).ParamName);
    }

    [Fact]
    public void The_shrinker_proposes_subtrees_constants_and_rounder_numbers()
    {
        double[] x = [0.4, 2];
        Expr[] smaller = [.. Programs.Smaller(Call("log", X1), x)];
        Assert.Equal(X1, smaller[0]);
        Assert.Equal(new Expr.Const(Math.Round(Math.Log(2), 2)), smaller[1]);
        Assert.Equal(Call("log", new Expr.Const(2)), smaller[2]);
        Assert.Equal(3, smaller.Length);
        Assert.Equal(new Expr[] { new Expr.Const(1), new Expr.Const(1.2), new Expr.Const(1.23) }, Programs.Smaller(new Expr.Const(1.2345), x));
        Assert.Empty(Programs.Smaller(new Expr.Const(3), x));
        Assert.Equal(new Expr[] { new Expr.Const(0) }, Programs.Smaller(new Expr.Const(-0.4), x));
        Assert.Equal("0", Programs.Smaller(new Expr.Const(-0.4), x).Single().ToString());
        Expr[] binary = [.. Programs.Smaller(Call("add", X0, X1), x)];
        Assert.Equal(new[] { X0, X1, new Expr.Const(2.4), Call("add", new Expr.Const(0.4), X1), Call("add", X0, new Expr.Const(2)) }, binary);

        // A case sheds an output (with its cotangent), an unread input, and digits of its vectors.
        var c = new ProgramCase([X1, Call("log", X1)], [0.4, 2], [1, -0.5], [0.25, 1]);
        ProgramCase[] candidates = [.. Programs.Shrink(c)];
        Assert.Contains(candidates, s => s.Outputs.Length == 1 && s.Cotangent.SequenceEqual([1.0]) && s.Outputs[0].Equals(Call("log", X1)));
        Assert.Contains(candidates, s => s.Inputs == 1 && s.Point.SequenceEqual([2.0]) && s.Outputs[0].Equals(new Expr.Var(0)));
        Assert.Contains(candidates, s => s.Direction.SequenceEqual([1.0, -1.0]) || s.Direction.SequenceEqual([1.0, 0.0]));
        Assert.Contains(candidates, s => s.Cotangent.SequenceEqual([0.0, 1.0]));
        Assert.Contains(candidates, s => s.Point.SequenceEqual([0.0, 2.0]));
        Assert.All(candidates, s => Assert.True(WellPosed.Holds(s), $"{s}"));
        // Inputs that an output reads stay, however many outputs do not read them.
        Assert.All(Programs.Shrink(new ProgramCase([X0, X1], [0.4, 2], [1, -0.5], [0.25, 1])), s => Assert.Equal(2, s.Inputs));
    }
}
