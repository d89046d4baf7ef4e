using Autodiff.Rules;

namespace Autodiff.Properties.Support;

/// <summary>Hand-written program trees: a node of the rule table's row of that name over its arguments.</summary>
public static class Trees
{
    /// <summary>f(argument) for the unary row named name.</summary>
    public static Expr Call(string name, Expr argument) => new Expr.Unary(Table.Unary(name), argument);

    /// <summary>f(left, right) for the binary row (or operator) named name.</summary>
    public static Expr Call(string name, Expr left, Expr right) => new Expr.Binary(Table.Binary(name), left, right);
}
