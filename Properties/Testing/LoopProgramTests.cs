using System.Numerics;
using Autodiff.Properties.Support;
using Autodiff.Rules;
using static Autodiff.Properties.Support.Trees;

namespace Autodiff.Properties.Testing;

/// <summary>
/// <see cref="LoopProgram"/> and its shrinker on hand-written programs, where every answer is known: the branch and
/// the final <c>?:</c> at their ties, the well-behaved limits at and just past 10⁶, the refusals with their messages,
/// and shrinking (statements first, then each tree, nothing that is not well behaved). The compiled-adjoint property
/// runs these paths only on random programs (ties have probability ~0) or only when it fails (shrinking).
/// </summary>
public sealed class LoopProgramTests
{
    private static readonly Expr X0 = new Expr.Var(0), S = new Expr.Var(1);

    private static Expr Const(double c) => new Expr.Const(c);

    // One input x0 and no loop: returns `result` (over x0, s, acc) with s = start, acc = 0.
    private static LoopProgram Straight(double x0, Expr start, Expr result, Expr? other = null, double? weight = null) =>
        new([x0], start, null, Const(0), Branch.None, null, null, Carry.None, null, false, result, other, Weight: weight);

    /// <summary>
    /// Over one input, env (x0, s, t, x[i]) in the loop: every statement form, every tree reading the locals. At
    /// x0 = 0.5: s₀ = sin 0.5, t = s₀·x0 + x0 (bumped) + t/2 (the inner loop), the helper, the branch taken (t &gt; 0).
    /// </summary>
    private static LoopProgram Full() => new(
        Point: [0.5],
        Start: Call("sin", X0),
        Element: Call("multiply", S, new Expr.Var(2)),
        Add: Call("add", new Expr.Var(2), new Expr.Var(3)),
        Branch: Branch.IfElse,
        Test: new Expr.Var(2),
        Scale: Const(0.5),
        Carry: Carry.Add,
        CarryValue: Call("multiply", new Expr.Var(3), Const(0.1)),
        CallsHelper: true,
        Result: Call("add", new Expr.Var(2), S),
        Other: S,
        Inner: Call("multiply", new Expr.Var(2), Const(0.5)),
        Bump: true);

    [Fact]
    public void A_branch_at_a_test_of_exactly_zero_is_not_taken_and_a_tie_returns_the_other()
    {
        // if (x0 · 0 > 0) acc += 1: the test is exactly 0 at every iteration, so acc stays 0.
        LoopProgram branch = Straight(0.5, Const(0), new Expr.Var(2)) with
        {
            Element = X0, Branch = Branch.If, Test = Call("multiply", X0, Const(0)), Add = Const(1),
        };
        Assert.Equal(0.0, branch.Evaluate<double>(branch.Point));
        Assert.Equal(1.0, (branch with { Test = Const(1) }).Evaluate<double>(branch.Point));
        // acc > s ? 2 : 3 with acc = s = 0: the other side.
        LoopProgram tie = Straight(0.5, Const(0), Const(2), other: Const(3));
        Assert.Equal(3.0, tie.Evaluate<double>(tie.Point));
        Assert.Equal(2.0, (tie with { Start = Const(-1) }).Evaluate<double>(tie.Point));
        Assert.Contains("return acc > s ? T.CreateChecked(2) : T.CreateChecked(3);", tie.Source("F"), StringComparison.Ordinal);
    }

    /// <summary>WellBehaved: the value and both gradients finite and at most 10⁶ in magnitude, 10⁶ itself included.</summary>
    [Fact]
    public void A_program_is_well_behaved_up_to_a_million_in_value_and_gradient()
    {
        const double limit = 1e6;
        Assert.True(Straight(0.5, X0, Const(limit)).WellBehaved());
        Assert.True(Straight(0.5, X0, Const(-limit)).WellBehaved());
        Assert.False(Straight(0.5, X0, Const(Math.BitIncrement(limit))).WellBehaved());
        Assert.False(Straight(0.5, X0, Const(double.NaN)).WellBehaved());
        Assert.False(Straight(0.5, X0, Const(double.PositiveInfinity)).WellBehaved());
        // Gradient x0 ↦ c·x0: c itself.
        Assert.True(Straight(0.5, X0, Call("multiply", X0, Const(limit))).WellBehaved());
        Assert.False(Straight(0.5, X0, Call("multiply", X0, Const(Math.BitIncrement(limit)))).WellBehaved());
        // √x0 at 0: value 0, gradient +∞.
        Assert.False(Straight(0, X0, Call("sqrt", X0)).WellBehaved());
        // log(x0) at −1: NaN.
        Assert.False(Straight(-1, X0, Call("log", X0)).WellBehaved());
    }

    [Fact]
    public void Bad_arguments_are_refused_with_their_names_and_what_is_wrong()
    {
        LoopProgram p = Full();
        ArgumentException e = Assert.Throws<ArgumentException>(() => p.Evaluate<double>([0.5, 1]));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("x has length 2; the program has 1 inputs.", e.Message, StringComparison.Ordinal);
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => p.Source(null!)).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentNullException>(() => LoopPrograms.Shrink(null!)).ParamName);
        Assert.Equal($"{p.Source("F")}at x = [0.5]", p.ToString());
        Assert.StartsWith("    [Differentiable]\n    public static T F<T>(", p.Source("F").ReplaceLineEndings("\n"), StringComparison.Ordinal);

        ArgumentException unnamed = Assert.Throws<ArgumentException>(() => CSharp.Print(new Expr.Var(2), ["a", "b"]));
        Assert.Contains("reads input 2 but only 2 are named", unnamed.Message, StringComparison.Ordinal);
        var twice = new Expr.Unary(new UnaryEntry("twice", new Twice(), new(-1, 1)), X0);
        Assert.Equal("No C# form for the unary function Twice.", Assert.Throws<NotSupportedException>(() => CSharp.Print(twice, ["a"])).Message);
        var first = new Expr.Binary(new BinaryEntry("first", new First(), new(-1, 1), new(-1, 1)), X0, X0);
        Assert.Equal("No C# form for the binary function First.", Assert.Throws<NotSupportedException>(() => CSharp.Print(first, ["a"])).Message);
    }

    private sealed class Twice : IUnaryFunction
    {
        public T F<T>(T x) where T : IFloatingPointIeee754<T> => x + x;
    }

    private sealed class First : IBinaryFunction
    {
        public T F<T>(T x, T y) where T : IFloatingPointIeee754<T> => x;
    }

    // The trees of a program, by the part they fill (absent: null).
    private static Expr?[] Trees(LoopProgram p) =>
        [p.Start, p.Element, p.Inner, p.Add, p.Test, p.Scale, p.CarryValue, p.Result, p.Other];

    // The statement forms of a program: loop, helper, inner loop, bump, carry, branch, final ?:.
    private static bool[] Statements(LoopProgram p) =>
        [p.Element is not null, p.CallsHelper, p.Inner is not null, p.Bump, p.Carry != Carry.None, p.Branch != Branch.None, p.Other is not null];

    /// <summary>
    /// The shrinker drops each statement of a full program in turn, the most drastic first, with its parts; then it
    /// replaces one tree at a time by a smaller one (every tree of the program gets candidates, over its own
    /// environment: the loop's trees read s, t and x[i]); each candidate is well behaved and differs from the
    /// program. A program without statements is shrunk in its trees only.
    /// </summary>
    [Fact]
    public void Shrinking_drops_statements_most_drastic_first_then_shrinks_one_tree_at_a_time()
    {
        LoopProgram p = Full();
        Assert.True(p.WellBehaved());
        LoopProgram[] candidates = [.. LoopPrograms.Shrink(p)];
        Assert.Equal(new[]
        {
            p with { Element = null },
            p with { CallsHelper = false },
            p with { Inner = null },
            p with { Bump = false },
            p with { Carry = Carry.None, CarryValue = null },
            p with { Branch = Branch.None, Test = null, Scale = null },
            p with { Other = null },
        }, candidates.Take(7));
        LoopProgram[] trees = [.. candidates.Skip(7)];
        Assert.All(trees, c =>
        {
            Assert.Equal(Statements(p), Statements(c));
            Assert.Equal(1, Trees(p).Zip(Trees(c)).Count(pair => !Equals(pair.Item1, pair.Item2)));
        });
        for (int part = 0; part < Trees(p).Length; part++)
            Assert.Contains(trees, c => !Equals(Trees(c)[part], Trees(p)[part]));
        Assert.All(candidates, c => Assert.True(c.WellBehaved(), $"{c}"));

        LoopProgram bare = Straight(0.5, Call("sin", X0), Call("add", S, X0));
        LoopProgram[] bareCandidates = [.. LoopPrograms.Shrink(bare)];
        Assert.NotEmpty(bareCandidates);
        Assert.All(bareCandidates, c =>
        {
            Assert.NotEqual(bare, c);
            Assert.Equal(Statements(bare), Statements(c));
            Assert.True(c.Start != bare.Start ^ c.Result != bare.Result);
        });
    }
}
