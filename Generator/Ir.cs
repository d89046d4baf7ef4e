using System.Collections.Generic;

namespace Autodiff.Generator;

// The intermediate form of a [Differentiable] method: T-valued expression trees (Node) inside structured statements
// (Stmt). Integer and boolean code (indices, loop bounds, conditions) is kept as C# text: it is never differentiated.

/// <summary>A T-valued variable of the method: a local (hoisted to the top of the adjoint) or a T parameter.</summary>
internal sealed class TVar
{
    public TVar(string sourceName, string name, bool isParameter)
    {
        SourceName = sourceName;
        Name = name;
        IsParameter = isParameter;
        Bar = name + "_bar";
    }

    public string SourceName { get; }
    public string Name { get; }
    public string Bar { get; set; }
    public bool IsParameter { get; }

    // The body of the innermost loop its declaration is in (null outside loops): its scope, for loop fusion.
    public Block? DeclaredIn { get; set; }

    // Depends on a differentiated input (a parameter, or assigned from one): only then has it an adjoint to send.
    public bool Active { get; set; }

    // Program points that assign it (a declaration with an initializer counts), and whether one is inside a loop.
    public int Assignments { get; set; }
    public bool AssignedInLoop { get; set; }

    // Read by the reverse sweep (a partial, a recomputation or a condition): its value must be right there.
    public bool ValueNeeded { get; set; }

    // Declared once from values that stay put in its block: inside a loop, recomputed at the start of its block's reverse.
    public bool Recompute { get; set; }
    public Assign? Declaration { get; set; }

    // Its old value is saved before each assignment and restored in the reverse sweep.
    public bool Saved => ValueNeeded && !Recompute && !IsParameter && (Assignments > 1 || AssignedInLoop);
}

/// <summary>A span parameter: differentiated input (ReadOnlySpan&lt;T&gt;) or output (Span&lt;T&gt;).</summary>
internal sealed class SpanParam
{
    public SpanParam(string name, string bar, bool isOutput)
    {
        Name = name;
        Bar = bar;
        IsOutput = isOutput;
    }

    public string Name { get; }
    public string Bar { get; }
    public bool IsOutput { get; }
}

internal abstract class Node
{
    public int Id { get; set; }

    // Depends on a differentiated value (a variable, an input element, a call with such an argument).
    public abstract bool Active { get; }

    // The name of its value when the forward sweep keeps it in a hoisted local (statements outside loops).
    public string? Hoisted { get; set; }
}

internal enum LeafKind { Constant, Variable, Input }

internal sealed class Leaf : Node
{
    public Leaf(LeafKind kind, string code, TVar? variable = null, SpanParam? input = null, string? index = null)
    {
        Kind = kind;
        Code = code;
        Variable = variable;
        Input = input;
        Index = index;
    }

    public LeafKind Kind { get; }
    public string Code { get; }
    public TVar? Variable { get; }
    public SpanParam? Input { get; }
    public string? Index { get; }
    public override bool Active => Kind == LeafKind.Input || (Kind == LeafKind.Variable && Variable!.Active);
}

internal enum OpKind { Negate, Add, Subtract, Multiply, Divide }

internal sealed class Op : Node
{
    public Op(OpKind kind, Node left, Node? right = null)
    {
        Kind = kind;
        Left = left;
        Right = right;
    }

    public OpKind Kind { get; }
    public Node Left { get; }
    public Node? Right { get; }
    public override bool Active => Left.Active || (Right?.Active ?? false);
}

/// <summary>
/// A function of the rule table: T.Name(x) or T.Name(x, y) with the rule struct Autodiff.Rules.Name, whose generic
/// D1 (or Dx, Dy) the reverse sweep calls: the calculus stays written once.
/// </summary>
internal sealed class RuleCall : Node
{
    public RuleCall(string function, string rule, Node left, Node? right, string? extra)
    {
        Function = function;
        Rule = rule;
        Left = left;
        Right = right;
        Extra = extra;
    }

    public string Function { get; }   // the T member, e.g. Sin
    public string Rule { get; }       // the rule value, e.g. default(global::Autodiff.Rules.Sin)
    public Node Left { get; }
    public Node? Right { get; }
    public string? Extra { get; }     // a non-differentiated int argument (RootN's n)
    public override bool Active => Left.Active || (Right?.Active ?? false);
}

internal abstract class Argument
{
}

internal sealed class ValueArgument : Argument
{
    public ValueArgument(Node value) => Value = value;
    public Node Value { get; }
}

internal sealed class SpanArgument : Argument
{
    public SpanArgument(SpanParam span) => Span = span;
    public SpanParam Span { get; }
}

internal sealed class ConstantArgument : Argument
{
    public ConstantArgument(string code) => Code = code;
    public string Code { get; }
}

/// <summary>A call of another [Differentiable] method: its generated F_Adjoint adds to the arguments' adjoints.</summary>
internal sealed class Call : Node
{
    public Call(string method, string adjoint, List<Argument> arguments)
    {
        Method = method;
        Adjoint = adjoint;
        Arguments = arguments;
    }

    public string Method { get; }
    public string Adjoint { get; }
    public List<Argument> Arguments { get; }
    public override bool Active
    {
        get
        {
            foreach (Argument a in Arguments)
                if (a is SpanArgument || (a is ValueArgument v && v.Value.Active))
                    return true;
            return false;
        }
    }
}

/// <summary>c ? a : b; the reverse sweep sends the adjoint down the branch taken only.</summary>
internal sealed class Conditional : Node
{
    public Conditional(Condition condition, Node whenTrue, Node whenFalse)
    {
        Condition = condition;
        WhenTrue = whenTrue;
        WhenFalse = whenFalse;
    }

    public Condition Condition { get; }
    public Node WhenTrue { get; }
    public Node WhenFalse { get; }
    public string? HoistedBit { get; set; }
    public override bool Active => WhenTrue.Active || WhenFalse.Active;
}

/// <summary>A boolean expression as C# text, with the T variables it reads.</summary>
internal sealed class Condition
{
    public Condition(string code, List<TVar> reads)
    {
        Code = code;
        Reads = reads;
    }

    public string Code { get; }
    public List<TVar> Reads { get; }
}

internal abstract class Stmt
{
    public int Line { get; set; }
    public string Source { get; set; } = "";
}

internal enum AssignKind { Set, Add, Subtract }

internal sealed class Assign : Stmt
{
    public Assign(TVar target, Node value, AssignKind kind)
    {
        Target = target;
        Value = value;
        Kind = kind;
    }

    public TVar Target { get; }
    public Node Value { get; }
    public AssignKind Kind { get; }
    public bool IsDeclaration { get; set; }
    public string? OldValue { get; set; }   // the local that keeps the old value (statements outside loops)
}

/// <summary>y[i] = e or y[i] += e on an output span.</summary>
internal sealed class OutputWrite : Stmt
{
    public OutputWrite(SpanParam output, string index, Node value, AssignKind kind)
    {
        Output = output;
        Index = index;
        Value = value;
        Kind = kind;
    }

    public SpanParam Output { get; }
    public string Index { get; }
    public Node Value { get; }
    public AssignKind Kind { get; }
}

internal sealed class IntDeclaration : Stmt
{
    public IntDeclaration(string name, string code)
    {
        Name = name;
        Code = code;
    }

    public string Name { get; }
    public string Code { get; }
}

internal sealed class Block : Stmt
{
    public List<Stmt> Statements { get; } = new List<Stmt>();
}

internal sealed class If : Stmt
{
    public If(Condition condition, Block then, Block otherwise)
    {
        Condition = condition;
        Then = then;
        Otherwise = otherwise;
    }

    public Condition Condition { get; }
    public Block Then { get; }
    public Block Otherwise { get; }
    public string? HoistedBit { get; set; }
}

/// <summary>for (int i = Init; Condition; i += Step) Body, with i never assigned in the body.</summary>
internal sealed class For : Stmt
{
    public For(string variable, string init, string condition, string step, string increment, Block body)
    {
        Variable = variable;
        Init = init;
        Condition = condition;
        Step = step;
        Increment = increment;
        Body = body;
    }

    public string Variable { get; }
    public string Init { get; }
    public string Condition { get; }
    public string Step { get; }   // a signed step, e.g. "1", "-1", "2"
    public string Increment { get; }   // the source's incrementor, e.g. "i++", "i -= 2"
    public Block Body { get; }
    // Stryker disable once String : equivalent, the forward sweep names the counter before any use.
    public string Count { get; set; } = "";

    // Fused: each iteration's reverse sweep runs right after it, in the forward sweep (see Emitter.Fusion).
    public bool Fused { get; set; }
}

internal sealed class Return : Stmt
{
    public Return(Node value) => Value = value;
    public Node Value { get; }
}
