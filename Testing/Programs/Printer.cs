using System.Diagnostics;
using System.Globalization;

namespace Autodiff.Testing;

/// <summary>Infix printing with the usual precedences; table functions print as calls named after their row.</summary>
public static class Printer
{
    private const int Additive = 1, Multiplicative = 2, Atom = 3;

    // The round-trip format: the shortest digits that read back as the same double.
    private const string Exact = "R";

    /// <summary>The program in infix notation.</summary>
    public static string Print(Expr e) => Printed(e ?? throw new ArgumentNullException(nameof(e))).Text;

    /// <summary>A number as C# reads it back exactly ("R"), negative ones in parentheses.</summary>
    public static string Number(double value) =>
        value < 0 || double.IsNegative(value)
            ? $"({value.ToString(Exact, CultureInfo.InvariantCulture)})"
            : value.ToString(Exact, CultureInfo.InvariantCulture);

    /// <summary>A vector as [a, b, …] of exact numbers.</summary>
    public static string Vector(IEnumerable<double> values) =>
        values is null ? throw new ArgumentNullException(nameof(values)) : $"[{string.Join(", ", values.Select(v => v.ToString(Exact, CultureInfo.InvariantCulture)))}]";

    /// <summary>
    /// The callable name of a table row: its name without the domain qualifier (the rows "abs of a negative" and
    /// "abs of a positive" are both <c>abs</c>) and with spaces as underscores (<c>log_base_3</c>).
    /// </summary>
    public static string FunctionName(string rowName)
    {
        ArgumentNullException.ThrowIfNull(rowName);
        return rowName.Split(" of a ", 2)[0].Replace(' ', '_');
    }

    private static (string Text, int Precedence) Printed(Expr e) => e switch
    {
        Expr.Var v => ($"x{v.Index}", Atom),
        Expr.Const c => (Number(c.Value), Atom),
        Expr.Unary u => ($"{FunctionName(u.Entry.Name)}({Print(u.Argument)})", Atom),
        Expr.Binary b => Operator(b.Entry.Name) is (string symbol, int precedence)
            ? ($"{Operand(b.Left, precedence)} {symbol} {Operand(b.Right, precedence + 1)}", precedence)
            : ($"{FunctionName(b.Entry.Name)}({Print(b.Left)}, {Print(b.Right)})", Atom),
        _ => throw new UnreachableException(),
    };

    // Parenthesised when it binds less tightly than its place needs (right operands need one level more: a − (b − c)).
    private static string Operand(Expr e, int needed)
    {
        (string text, int precedence) = Printed(e);
        return precedence < needed ? $"({text})" : text;
    }

    private static (string Symbol, int Precedence)? Operator(string rowName) => rowName switch
    {
        "add" => ("+", Additive),
        "subtract" => ("-", Additive),
        "multiply" => ("*", Multiplicative),
        "divide" => ("/", Multiplicative),
        _ => null,
    };
}
