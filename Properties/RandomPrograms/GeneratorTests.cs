using System.Text.RegularExpressions;
using Autodiff.Properties.Support;
using Autodiff.Rules;
using FsCheck;
using FsCheck.Fluent;
using static Autodiff.Properties.Support.Trees;

namespace Autodiff.Properties.RandomPrograms;

/// <summary>
/// The generator, printer, interpreter and shrinker themselves: differential tests are only as good as the programs
/// they draw (do they cover the table, are they well posed?) and the counterexamples they report (are they shrunk
/// and printed so they can be pasted into a bug report?).
/// </summary>
public sealed partial class GeneratorTests
{
    private static readonly Expr X0 = new Expr.Var(0), X1 = new Expr.Var(1), X2 = new Expr.Var(2);

    // sin(x0 * 1.5) + log(x1)
    private static readonly Expr Example =
        Call("add", Call("sin", Call("multiply", X0, new Expr.Const(1.5))), Call("log", X1));

    [Fact]
    public void Printer_writes_infix_with_the_usual_precedences()
    {
        Assert.Equal("sin(x0 * 1.5) + log(x1)", Example.ToString());
        Assert.Equal("x0 - (x1 - x2) - x2", Call("subtract", Call("subtract", X0, Call("subtract", X1, X2)), X2).ToString());
        Assert.Equal("(x0 + x1) * x2 / (x0 * (-0.25))",
            Call("divide", Call("multiply", Call("add", X0, X1), X2), Call("multiply", X0, new Expr.Const(-0.25))).ToString());
        Assert.Equal("pow(cbrt(x0), log_base_3(abs(x1)))",
            Call("pow", Call("cbrt of a negative", X0), Call("log base 3", Call("abs of a positive", X1))).ToString());
    }

    [Fact]
    public void A_case_prints_the_program_and_every_vector_exactly()
    {
        var scalar = new ProgramCase([Example], [0.1, 2], [1, -0.5], []);
        Assert.Equal("f(x) = sin(x0 * 1.5) + log(x1) at x = [0.1, 2], v = [1, -0.5]", scalar.ToString());
        var vector = new ProgramCase([Example, X1], [0.1, 2], [1, -0.5], [0.25, 1]);
        Assert.Equal("f(x) = [sin(x0 * 1.5) + log(x1), x1] at x = [0.1, 2], v = [1, -0.5], ū = [0.25, 1]", vector.ToString());
    }

    [Fact]
    public void The_interpreter_computes_the_program_and_its_derivatives()
    {
        double[] x = [0.3, 2.5];
        Assert.Equal(Math.Sin(0.3 * 1.5) + Math.Log(2.5), Expr.Evaluate<double>(Example, x));
        Dual<double> d = Expr.Evaluate<Dual<double>>(Example, [new(0.3, 1), new(2.5, 0)]);
        Assert.Equal(1.5 * Math.Cos(0.45), d.Tangent, 15);
        HyperDual<double> h = Expr.Evaluate<HyperDual<double>>(Example,
            [HyperDual<double>.Constant(0.3), HyperDual<double>.Variable(2.5)]);
        Assert.Equal(-1 / (2.5 * 2.5), h.E1E2, 15);
    }

    /// <summary>Every mode's primal value is the plain evaluation: the interpreter runs on every number type.</summary>
    [Fact]
    public void Generated_programs_are_well_posed_finite_and_modest_in_every_number_type() =>
        Verify.ForAll(Programs.Scalar, c =>
        {
            Assert.True(WellPosed.Holds(c), $"{c}: not well posed");
            Assert.InRange(c.Inputs, 1, Programs.MaxInputs);
            Assert.InRange(c.F.Size, 1, Programs.MaxBudget);
            Assert.InRange(c.F.Depth, 0, Programs.MaxDepth);
            double value = c.Scalar<double>(c.Point);
            Assert.True(double.IsFinite(value) && Math.Abs(value) <= WellPosed.MaxValue, $"{c}: value {value}");
            Assert.Equal(value, c.Scalar<Dual<double>>([.. c.Point.Select(Dual<double>.Variable)]).Value);
            Assert.Equal(value, c.Scalar<HyperDual<double>>([.. c.Point.Select(HyperDual<double>.Variable)]).Value);
            Assert.Equal(value, c.Scalar<Taylor<double>>([.. c.Point.Select(p => Taylor<double>.Variable(p, 3))]).Value);
            Assert.Equal(value, Autodiff.Reverse.ValueAndGrad<double>(c.Scalar, c.Point).Value);
            Dual<double>[] duals = [.. c.Point.Select(Dual<double>.Variable)];
            Assert.Equal(value, Autodiff.Reverse.ValueAndGrad<Dual<double>>(c.Scalar, duals).Value.Value);
        });

    [Fact]
    public void Every_function_of_the_table_appears_applied_to_an_input_dependent_argument()
    {
        // The rarest function (tanpi, whose domain is narrowest) is applied to an input in ≈ 2 % of programs.
        ProgramCase[] cases = Sample(Programs.Scalar, 1000);
        var seen = cases.SelectMany(c => c.F.Nodes()).SelectMany(node => node switch
        {
            Expr.Unary u when ReadsInputs(u.Argument) => [u.Entry.Name],
            Expr.Binary b when ReadsInputs(b.Left) && ReadsInputs(b.Right) => new[] { b.Entry.Name },
            _ => [],
        }).ToHashSet();
        Assert.All(RuleTable.Unary, e => Assert.Contains(e.Name, seen));
        Assert.All(RuleTable.Binary, e => Assert.Contains(e.Name, seen));
    }

    private static bool ReadsInputs(Expr e) => e.Nodes().Any(node => node is Expr.Var);

    /// <summary>Every candidate of 30 vector cases (a few thousand well-posedness checks, the costly part).</summary>
    [Fact]
    public void Shrinking_proposes_only_smaller_well_posed_cases() =>
        Assert.All(Sample(Programs.Vector, 30), c =>
        {
            ProgramCase[] candidates = [.. Programs.Shrink(c)];
            Assert.NotEmpty(candidates);
            Assert.All(candidates, s =>
            {
                Assert.True(WellPosed.Holds(s), $"{s}: not well posed");
                Assert.True(Measure(s).CompareTo(Measure(c)) < 0, $"{s} is not smaller than {c}");
            });
            Assert.Contains(candidates, s => Nodes(s) < Nodes(c));
        });

    // A fixed sample: the same programs on every run.
    private static ProgramCase[] Sample(Arbitrary<ProgramCase> cases, int count) =>
        Gen.Sample(cases.Generator, count, new Rnd(20250601, 0x9E3779B97F4A7C15UL), 50);

    // What shrinking decreases, most significant first: outputs, nodes, inputs read, inputs, digits of numbers.
    private static (int, int, int, int, int) Measure(ProgramCase c) =>
        (c.Outputs.Length, Nodes(c), c.Outputs.Sum(o => o.Nodes().Count(n => n is Expr.Var)), c.Inputs,
         c.Outputs.Sum(o => o.Nodes().OfType<Expr.Const>().Sum(k => Digits(k.Value)))
         + c.Point.Concat(c.Direction).Concat(c.Cotangent).Sum(Digits));

    private static int Nodes(ProgramCase c) => c.Outputs.Sum(o => o.Size);

    // Decimals needed to write the number: 0 for integers, …, 3 for anything longer than two decimals.
    private static int Digits(double value) =>
        Enumerable.Range(0, 3).FirstOrDefault(d => Math.Round(value, d, MidpointRounding.AwayFromZero) == value, 3);

    [Fact]
    public void A_failing_property_reports_a_shrunk_printed_program()
    {
        var failure = Assert.ThrowsAny<Exception>(() =>
            Verify.ForAll(Programs.Scalar, c => !c.F.Nodes().Any(node => node is Expr.Unary)));
        Assert.Matches(ShrunkToOneFunctionOfALeaf(), failure.Message);
    }

    // A case with no function is not a counterexample, so the least one is a function of a leaf (a round constant,
    // unless rounding would leave the function's domain) in one input.
    [GeneratedRegex(@"Shrunk:\s*f\(x\) = [a-z0-9_]+\((x0|\(?-?[0-9.]+\)?)\) at x = \[-?[0-9.]+\], v = \[-?[0-9.]+\]\s")]
    private static partial Regex ShrunkToOneFunctionOfALeaf();
}
