using System.Diagnostics;
using System.Numerics;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Autodiff.Testing;

/// <summary>How a loop updates its carried value s each iteration.</summary>
public enum Carry
{
    /// <summary>s is not updated in the loop.</summary>
    None,

    /// <summary>s = e: overwritten each iteration.</summary>
    Set,

    /// <summary>s += e.</summary>
    Add,

    /// <summary>s *= e.</summary>
    Multiply,
}

/// <summary>How the loop body adds to its accumulator acc.</summary>
public enum Branch
{
    /// <summary>acc += add.</summary>
    None,

    /// <summary>if (test &gt; 0) acc += add; (no else).</summary>
    If,

    /// <summary>if (test &gt; 0) acc += add; else acc = acc * scale;</summary>
    IfElse,

    /// <summary>acc += test &gt; 0 ? add : scale;</summary>
    Ternary,
}

/// <summary>
/// A random program with the statements the source generator compiles: the grammar of <see cref="Programs"/>
/// extended with locals, a <c>for</c> loop over the inputs, branches (<c>if</c>/<c>else</c>, <c>?:</c>), compound
/// assignments, values a later iteration overwrites (s and acc, carried and read nonlinearly) and a call of another
/// <c>[Differentiable]</c> method (<see cref="Helper{T}"/>). Each part is an <see cref="Expr"/> over its environment:
/// <list type="bullet">
/// <item><see cref="Start"/> over x: <c>T s = start;</c> then <c>T acc = T.Zero;</c></item>
/// <item>if <see cref="Element"/> is set, <c>for (int i = 0; i &lt; x.Length; i++)</c> with <c>T t = element</c> over
/// (x, s, x[i]) (then <c>t += x[i];</c> if <see cref="Bump"/> is set), then, if <see cref="Inner"/> is set, an inner loop <c>for (int j = 0; j &lt;= i; j++) t += inner</c>
/// over (x, s, t, x[j]), then <c>acc += H(t, s)</c> if <see cref="CallsHelper"/> (before the branch: t is read both
/// outside and inside it), then add, test, scale and carry over (x, s, t, x[i]), as <see cref="Branch"/> and
/// <see cref="Carry"/> say;</item>
/// <item><c>return result</c> over (x, s, acc), or <c>acc &gt; s ? result : other</c> if <see cref="Other"/> is set,
/// or, if <see cref="Weight"/> is set, <c>return acc * weight + (result)</c> with result over (x, s): acc then
/// reaches the result linearly, the form whose loop the generator fuses with its reverse sweep when the body
/// only accumulates (no <c>acc = acc * scale</c>, no carried s that the body reads).</item>
/// </list>
/// <see cref="Evaluate{T}"/> interprets it on any number type (the oracle runs it on the tape and on duals);
/// <see cref="Source"/> prints it as a <c>[Differentiable]</c> method.
/// </summary>
public sealed record LoopProgram(
    double[] Point, Expr Start, Expr? Element, Expr Add, Branch Branch, Expr? Test, Expr? Scale,
    Carry Carry, Expr? CarryValue, bool CallsHelper, Expr Result, Expr? Other, Expr? Inner = null, double? Weight = null,
    bool Bump = false)
{
    /// <summary>The number of inputs n.</summary>
    public int Inputs => Point.Length;

    /// <summary>The helper the programs call, itself <c>[Differentiable]</c> in <see cref="HelperSource"/>.</summary>
    public static T Helper<T>(T a, T b) where T : IFloatingPointIeee754<T>
    {
        T u = T.Sin(a) * b;
        return u / (T.One + b * b) + T.Tanh(a - b);
    }

    /// <summary><see cref="Helper{T}"/> as a <c>[Differentiable]</c> C# method named H.</summary>
    public const string HelperSource = """
            [Differentiable]
            public static T H<T>(T a, T b) where T : IFloatingPointIeee754<T>
            {
                T u = T.Sin(a) * b;
                return u / (T.One + b * b) + T.Tanh(a - b);
            }
        """;

    private static T[] Env<T>(ReadOnlySpan<T> x, params T[] locals) => [.. x, .. locals];

    /// <summary>The program on any number type.</summary>
    /// <exception cref="ArgumentException">x does not have <see cref="Inputs"/> entries.</exception>
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        if (x.Length != Inputs)
            throw new ArgumentException($"x has length {x.Length}; the program has {Inputs} inputs.", nameof(x));
        T s = Expr.Evaluate(Start, x);
        T acc = T.Zero;
        if (Element is not null)
        {
            for (int i = 0; i < x.Length; i++)
            {
                T t = Expr.Evaluate(Element, Env(x, s, x[i]));
                if (Bump)
                    t += x[i];
                if (Inner is not null)
                {
                    for (int j = 0; j <= i; j++)
                        t += Expr.Evaluate(Inner, Env(x, s, t, x[j]));
                }
                T[] env = Env(x, s, t, x[i]);
                if (CallsHelper)
                    acc += Helper(t, s);
                bool taken = Test is null || Expr.Evaluate(Test, env) > T.Zero;
                switch (Branch)
                {
                    case Branch.None:
                        acc += Expr.Evaluate(Add, env);
                        break;
                    case Branch.If:
                        if (taken)
                            acc += Expr.Evaluate(Add, env);
                        break;
                    case Branch.IfElse:
                        if (taken)
                            acc += Expr.Evaluate(Add, env);
                        else
                            acc = acc * Expr.Evaluate(Scale!, env);
                        break;
                    case Branch.Ternary:
                        acc += taken ? Expr.Evaluate(Add, env) : Expr.Evaluate(Scale!, env);
                        break;
                }
                switch (Carry)
                {
                    case Carry.Set:
                        s = Expr.Evaluate(CarryValue!, env);
                        break;
                    case Carry.Add:
                        s += Expr.Evaluate(CarryValue!, env);
                        break;
                    case Carry.Multiply:
                        s *= Expr.Evaluate(CarryValue!, env);
                        break;
                }
            }
        }
        T[] last = Env(x, s, acc);
        if (Weight is { } weight)
            return acc * T.CreateChecked(weight) + Expr.Evaluate(Result, last);
        return Other is not null && !(acc > s) ? Expr.Evaluate(Other, last) : Expr.Evaluate(Result, last);
    }

    private string[] Names(params string[] locals) =>
        [.. Enumerable.Range(0, Inputs).Select(j => $"x[{j}]"), .. locals];

    /// <summary>The program as a <c>[Differentiable]</c> generic method with that name.</summary>
    /// <exception cref="ArgumentNullException">name is null.</exception>
    public string Source(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string[] loop = Names("s", "t", "x[i]");
        var b = new StringBuilder();
        b.AppendLine("    [Differentiable]");
        b.AppendLine($"    public static T {name}<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>");
        b.AppendLine("    {");
        b.AppendLine($"        T s = {CSharp.Print(Start, Names())};");
        b.AppendLine("        T acc = T.Zero;");
        if (Element is not null)
        {
            b.AppendLine("        for (int i = 0; i < x.Length; i++)");
            b.AppendLine("        {");
            b.AppendLine($"            T t = {CSharp.Print(Element, Names("s", "x[i]"))};");
            if (Bump)
                b.AppendLine("            t += x[i];");
            if (Inner is not null)
            {
                b.AppendLine("            for (int j = 0; j <= i; j++)");
                b.AppendLine($"                t += {CSharp.Print(Inner, Names("s", "t", "x[j]"))};");
            }
            if (CallsHelper)
                b.AppendLine("            acc += H(t, s);");
            string add = CSharp.Print(Add, loop);
            string Condition() => $"{CSharp.Print(Test!, loop)} > T.Zero";
            switch (Branch)
            {
                case Branch.None:
                    b.AppendLine($"            acc += {add};");
                    break;
                case Branch.If:
                    b.AppendLine($"            if ({Condition()})");
                    b.AppendLine($"                acc += {add};");
                    break;
                case Branch.IfElse:
                    b.AppendLine($"            if ({Condition()})");
                    b.AppendLine("            {");
                    b.AppendLine($"                acc += {add};");
                    b.AppendLine("            }");
                    b.AppendLine("            else");
                    b.AppendLine("            {");
                    b.AppendLine($"                acc = acc * ({CSharp.Print(Scale!, loop)});");
                    b.AppendLine("            }");
                    break;
                case Branch.Ternary:
                    b.AppendLine($"            acc += {Condition()} ? {add} : {CSharp.Print(Scale!, loop)};");
                    break;
            }
            if (Carry != Carry.None)
            {
                string assign = Carry switch
                {
                    Carry.Set => "=",
                    Carry.Add => "+=",
                    Carry.Multiply => "*=",
                    _ => throw new UnreachableException(),
                };
                b.AppendLine($"            s {assign} {CSharp.Print(CarryValue!, loop)};");
            }
            b.AppendLine("        }");
        }
        string[] end = Names("s", "acc");
        if (Weight is { } weight)
            b.AppendLine($"        return acc * {CSharp.Print(new Expr.Const(weight), end)} + ({CSharp.Print(Result, end)});");
        else if (Other is null)
            b.AppendLine($"        return {CSharp.Print(Result, end)};");
        else
            b.AppendLine($"        return acc > s ? {CSharp.Print(Result, end)} : {CSharp.Print(Other, end)};");
        b.AppendLine("    }");
        return b.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Source("F")}at x = {Printer.Vector(Point)}";

    /// <summary>
    /// The program is a fair test at its point: its value and its forward- and reverse-mode gradients (from the
    /// interpreter on duals and on the tape) are finite and at most 10⁶ in magnitude, so a disagreement between modes
    /// is a bug, not an overflow or a singularity.
    /// </summary>
    public bool WellBehaved()
    {
        const double limit = 1e6;
        try
        {
            double value = Evaluate<double>(Point);
            if (!double.IsFinite(value) || Math.Abs(value) > limit)
                return false;
            // Both modes finite: at a singular point (RootN at 0 reached in a later iteration) forward mode can
            // answer 0·∞ = 0 where reverse mode sums +∞ − ∞ = NaN, and the program is no fair test.
            double[] forward = Forward.Gradient<double>(Evaluate, Point);
            double[] reverse = Reverse.Grad<double>(x => Evaluate(x), Point);
            return forward.Concat(reverse).All(g => double.IsFinite(g) && Math.Abs(g) <= limit);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>Random <see cref="LoopProgram"/>s, built from well-posed <see cref="Programs"/> trees, and their shrinking.</summary>
public static class LoopPrograms
{
    /// <summary>
    /// Programs with every statement form in proportion (a loop in 7 of 8, a branch in 3 of 4, a carried value in
    /// 3 of 4, the helper in 1 of 3, an inner loop in 1 of 3; a result linear in acc in 1 of 2, else a final ?: in
    /// 1 of 3), each tree well posed at the values its environment takes in the first iteration, and the whole
    /// program <see cref="LoopProgram.WellBehaved"/>. Of the programs with a result linear in acc, two in three have a
    /// loop whose trees do not read s and the result s + (a tree over x), and half of those add s itself to acc
    /// (<c>acc += s + …</c>): the edges of loop fusion (a carried s set, or read linearly, in the loop) occur in
    /// every run.
    /// </summary>
    public static Gen<LoopProgram> Cases =>
        (from n in Gen.Choose(1, Programs.MaxInputs)
         from x in Gen.ArrayOf(Testing.Cases.In(-Programs.InputRange, Programs.InputRange), n)
         from start in Tree(x)
         let s = start.At(x)
         from loop in Gen.Choose(0, 7)
         from form in Gen.Choose(0, 5)
         let free = form >= 4   // the loop's trees do not read s
         from element in free ? TreeWithout([.. x, s, x[0]], n) : Tree([.. x, s, x[0]])
         from bump in Gen.Choose(0, 1)
         let t = Expr.Evaluate<double>(element, [.. x, s, x[0]]) + (bump == 1 ? x[0] : 0)
         from nested in Gen.Choose(0, 2)
         from inner in free ? TreeWithout([.. x, s, t, x[0]], n) : Tree([.. x, s, t, x[0]])
         let tInner = nested == 0 ? t + Expr.Evaluate<double>(inner, [.. x, s, t, x[0]]) : t
         let env = (double[])[.. x, s, tInner, x[0]]
         from add in free ? TreeWithout(env, n) : Tree(env)
         from branch in Gen.Elements(Branch.None, Branch.If, Branch.IfElse, Branch.Ternary)
         from test in free ? TreeWithout(env, n) : Tree(env)
         from scale in free ? TreeWithout(env, n) : Tree(env)
         from carry in Gen.Elements(Carry.None, Carry.Set, Carry.Add, Carry.Multiply)
         from carryValue in free ? TreeWithout(env, n) : Tree(env)
         from helper in Gen.Choose(0, 2)
         from ternary in Gen.Choose(0, 2)
         from weight in Testing.Cases.In(-2, 2)
         let body = new LoopProgram(x, start, loop > 0 ? element : null,
             form == 5 ? new Expr.Binary(Programs.Add, new Expr.Var(n), add) : add, branch,
             branch == Branch.None ? null : test, branch is Branch.IfElse or Branch.Ternary ? scale : null,
             carry, carry == Carry.None ? null : carryValue, helper == 0, new Expr.Const(0), null, nested == 0 ? inner : null,
             Bump: bump == 1)
         from result in Tree(End(body))
         from other in Tree(End(body))
         from rest in Tree(End(body)[..^1])
         from restOfX in Tree(x)
         select form switch
         {
             < 3 => body with { Result = result, Other = ternary == 0 ? other : null },
             3 => body with { Result = rest, Weight = weight },
             _ => body with { Result = new Expr.Binary(Programs.Add, new Expr.Var(n), restOfX), Weight = weight },
         })
        .Where(p => p.WellBehaved());

    // The environment (x, s, acc) of the result, at the program's point.
    private static double[] End(LoopProgram p)
    {
        LoopProgram probe = p with { Result = new Expr.Var(p.Inputs), Other = null };
        double s = probe.Evaluate<double>(p.Point);
        double acc = (probe with { Result = new Expr.Var(p.Inputs + 1) }).Evaluate<double>(p.Point);
        return [.. p.Point, s, acc];
    }

    // A tree over env that does not read env[skip] (generated over the others, its indices shifted past skip).
    private static Gen<Expr> TreeWithout(double[] env, int skip) =>
        Tree([.. env[..skip], .. env[(skip + 1)..]]).Select(e => Shift(e, skip));

    private static Expr Shift(Expr e, int from) => e switch
    {
        Expr.Var v => v.Index >= from ? new Expr.Var(v.Index + 1) : v,
        Expr.Unary u => u with { Argument = Shift(u.Argument, from) },
        Expr.Binary b => b with { Left = Shift(b.Left, from), Right = Shift(b.Right, from) },
        _ => e,
    };

    private static Gen<Expr> Tree(double[] env) =>
        Gen.ArrayOf(Testing.Cases.In(-1, 1), env.Length).SelectMany(v =>
            env.All(double.IsFinite) ? Programs.Program(env, v) : Gen.Constant<Expr>(new Expr.Const(1)));

    /// <summary>Smaller programs, the most drastic first: fewer statements, then smaller trees; only well-behaved ones.</summary>
    /// <exception cref="ArgumentNullException">p is null.</exception>
    public static IEnumerable<LoopProgram> Shrink(LoopProgram p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return Candidates(p).Where(c => c.WellBehaved());
    }

    private static IEnumerable<LoopProgram> Candidates(LoopProgram p)
    {
        if (p.Element is not null)
            yield return p with { Element = null };
        if (p.CallsHelper)
            yield return p with { CallsHelper = false };
        if (p.Inner is not null)
            yield return p with { Inner = null };
        if (p.Bump)
            yield return p with { Bump = false };
        if (p.Carry != Carry.None)
            yield return p with { Carry = Carry.None, CarryValue = null };
        if (p.Branch != Branch.None)
            yield return p with { Branch = Branch.None, Test = null, Scale = null };
        if (p.Other is not null)
            yield return p with { Other = null };
        IEnumerable<LoopProgram>[] trees =
        [
            Smaller(p.Start, p.Inputs, e => p with { Start = e }),
            Smaller(p.Element, p.Inputs + 2, e => p with { Element = e }),
            Smaller(p.Inner, p.Inputs + 3, e => p with { Inner = e }),
            Smaller(p.Add, p.Inputs + 3, e => p with { Add = e }),
            Smaller(p.Test, p.Inputs + 3, e => p with { Test = e }),
            Smaller(p.Scale, p.Inputs + 3, e => p with { Scale = e }),
            Smaller(p.CarryValue, p.Inputs + 3, e => p with { CarryValue = e }),
            Smaller(p.Result, p.Inputs + 2, e => p with { Result = e }),
            Smaller(p.Other, p.Inputs + 2, e => p with { Other = e }),
        ];
        foreach (LoopProgram smaller in trees.SelectMany(t => t))
            yield return smaller;
    }

    // The program with one of its trees (absent: none) replaced by each smaller tree, over an environment of width.
    private static IEnumerable<LoopProgram> Smaller(Expr? e, int width, Func<Expr, LoopProgram> with) =>
        e is null ? [] : Programs.Smaller(e, new double[width]).Select(with);
}
