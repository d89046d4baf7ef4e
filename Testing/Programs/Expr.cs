using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Autodiff.Rules;

namespace Autodiff.Testing;

/// <summary>
/// A differentiable program over inputs x0 … x(n−1): an immutable tree whose inner nodes are rows of the
/// <see cref="RuleTable"/>, so a rule added to the table is a node the random programs can contain. Prints in
/// infix, e.g. <c>sin(x0 * 1.5) + log(x1)</c>, so a counterexample can be pasted into a bug report.
/// </summary>
public abstract record Expr
{
    private Expr()
    {
    }

    /// <summary>The input x_Index.</summary>
    public sealed record Var(int Index) : Expr;

    /// <summary>A constant.</summary>
    public sealed record Const(double Value) : Expr;

    /// <summary>A unary function of the table applied to Argument.</summary>
    public sealed record Unary(UnaryEntry Entry, Expr Argument) : Expr;

    /// <summary>A binary function or operator of the table applied to Left and Right.</summary>
    public sealed record Binary(BinaryEntry Entry, Expr Left, Expr Right) : Expr;

    /// <summary>The number of nodes.</summary>
    public int Size => this switch
    {
        Unary u => 1 + u.Argument.Size,
        Binary b => 1 + b.Left.Size + b.Right.Size,
        _ => 1,
    };

    /// <summary>The length of the longest path from the root to a leaf (0 for a leaf).</summary>
    public int Depth => this switch
    {
        Unary u => 1 + u.Argument.Depth,
        Binary b => 1 + Math.Max(b.Left.Depth, b.Right.Depth),
        _ => 0,
    };

    /// <summary>The nodes, root first (pre-order).</summary>
    public IEnumerable<Expr> Nodes()
    {
        yield return this;
        IEnumerable<Expr> children = this switch
        {
            Unary u => u.Argument.Nodes(),
            Binary b => b.Left.Nodes().Concat(b.Right.Nodes()),
            _ => [],
        };
        foreach (Expr node in children)
            yield return node;
    }

    /// <summary>The program in infix notation.</summary>
    public sealed override string ToString() => Printer.Print(this);

    /// <summary>
    /// The one interpreter: evaluates the program on any number type through the table's generic
    /// <c>F&lt;T&gt;</c>, so the same tree runs on double, every forward and reverse type, and their nestings.
    /// </summary>
    /// <exception cref="ArgumentException">e is null, or it reads an input beyond x's length.</exception>
    public static T Evaluate<T>(Expr e, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => e switch
    {
        null => throw new ArgumentNullException(nameof(e)),
        Var v => (uint)v.Index < (uint)x.Length
            ? x[v.Index]
            : throw new ArgumentException($"The program reads x{v.Index} but x has length {x.Length}.", nameof(x)),
        Const c => T.CreateChecked(c.Value),
        Unary u => u.Entry.Function.F(Evaluate(u.Argument, x)),
        Binary b => b.Entry.Function.F(Evaluate(b.Left, x), Evaluate(b.Right, x)),
        _ => throw new UnreachableException(),
    };

    /// <summary>A vector-valued program: one tree per output.</summary>
    /// <exception cref="ArgumentException">outputs or one of them is null, or one reads an input beyond x's length.</exception>
    public static T[] Evaluate<T>(IReadOnlyList<Expr> outputs, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var y = new T[outputs.Count];
        for (int i = 0; i < y.Length; i++)
            y[i] = Evaluate(outputs[i], x);
        return y;
    }

    /// <summary>The program in double precision at a point.</summary>
    public double At(ReadOnlySpan<double> x) => Evaluate(this, x);
}
