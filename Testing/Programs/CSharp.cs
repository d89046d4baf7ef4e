using System.Diagnostics;
using Autodiff.Rules;

namespace Autodiff.Testing;

/// <summary>
/// Programs as generic C# source, for the source generator's differential tests: every row of the
/// <see cref="RuleTable"/> prints as the call a user writes (<c>T.Sin(a)</c>, <c>T.RootN(a, 5)</c>,
/// <c>Activation.Sigmoid(a)</c>, <c>T.Log(a, T.CreateChecked(3))</c>, an operator), constants as
/// <c>T.CreateChecked(c)</c>. The tree's shape is kept exactly (floating-point + and × are not associative).
/// </summary>
public static class CSharp
{
    private const int Additive = 1, Multiplicative = 2, Unary = 3, Atom = 4;

    /// <summary>e as a C# expression of type T, input k printed as <c>names[k]</c>.</summary>
    /// <exception cref="ArgumentNullException">e or names is null.</exception>
    /// <exception cref="ArgumentException">e reads an input beyond names.</exception>
    /// <exception cref="NotSupportedException">e uses a table row this printer does not know (add it here).</exception>
    public static string Print(Expr e, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(names);
        return Printed(e, names).Text;
    }

    private static (string Text, int Precedence) Printed(Expr e, IReadOnlyList<string> names) => e switch
    {
        Expr.Var v => v.Index < names.Count
            ? (names[v.Index], Atom)
            : throw new ArgumentException($"The program reads input {v.Index} but only {names.Count} are named.", nameof(names)),
        Expr.Const c => ($"T.CreateChecked({Printer.Number(c.Value)})", Atom),
        Expr.Unary u => UnaryCall(u.Entry.Function, Printed(u.Argument, names)),
        Expr.Binary b => BinaryCall(b.Entry.Function, Printed(b.Left, names), Printed(b.Right, names)),
        _ => throw new UnreachableException(),
    };

    private static (string, int) UnaryCall(IUnaryFunction f, (string Text, int Precedence) a) => f switch
    {
        RootN r => ($"T.RootN({a.Text}, {r.N})", Atom),
        Composed.Sigmoid => ($"Activation.Sigmoid({a.Text})", Atom),
        Composed.Softplus => ($"Activation.Softplus({a.Text})", Atom),
        Composed.Relu => ($"Activation.Relu({a.Text})", Atom),
        Composed.LogBase3 => ($"T.Log({a.Text}, T.CreateChecked(3))", Atom),
        Composed.Reciprocal => ($"T.One / {Wrap(a, Atom)}", Multiplicative),
        Composed.Exp2M1 or Composed.Exp10M1 or Composed.Log2P1 or Composed.Log10P1 => ($"T.{f.GetType().Name}({a.Text})", Atom),
        IUnaryRule => ($"T.{f.GetType().Name}({a.Text})", Atom),
        _ => throw new NotSupportedException($"No C# form for the unary function {f.GetType().Name}."),
    };

    private static (string, int) BinaryCall(IBinaryFunction f, (string Text, int Precedence) a, (string Text, int Precedence) b) => f switch
    {
        Composed.Add => ($"{Wrap(a, Additive)} + {Wrap(b, Additive + 1)}", Additive),
        Composed.Subtract => ($"{Wrap(a, Additive)} - {Wrap(b, Additive + 1)}", Additive),
        Composed.Multiply => ($"{Wrap(a, Multiplicative)} * {Wrap(b, Multiplicative + 1)}", Multiplicative),
        Composed.Divide => ($"{Wrap(a, Multiplicative)} / {Wrap(b, Multiplicative + 1)}", Multiplicative),
        Composed.Atan2Pi => ($"T.Atan2Pi({a.Text}, {b.Text})", Atom),
        IBinaryRule => ($"T.{f.GetType().Name}({a.Text}, {b.Text})", Atom),
        _ => throw new NotSupportedException($"No C# form for the binary function {f.GetType().Name}."),
    };

    private static string Wrap((string Text, int Precedence) e, int needed) => e.Precedence < needed ? $"({e.Text})" : e.Text;

    /// <summary>The unary-minus precedence, for callers that negate a printed expression.</summary>
    internal static int UnaryPrecedence => Unary;
}
