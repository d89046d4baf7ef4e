using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Autodiff.Generator;

internal enum ParameterKind { Scalar, InputSpan, OutputSpan, Constant, Unsupported }

/// <summary>
/// Reads a [Differentiable] method's syntax with its semantic model into the intermediate form, or reports why it
/// cannot: each construct outside the supported subset is a diagnostic at the construct, naming it.
/// </summary>
internal sealed class Lowering
{
    private const string RulesNamespace = "Autodiff.Rules.";
    private const string AttributeName = "Autodiff.DifferentiableAttribute";

    private readonly SemanticModel _model;
    private readonly IMethodSymbol _method;
    private readonly ITypeParameterSymbol _t;
    private readonly CancellationToken _cancellation;
    private readonly Dictionary<ISymbol, TVar> _variables = new Dictionary<ISymbol, TVar>(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, SpanParam> _spans = new Dictionary<ISymbol, SpanParam>(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> _constants = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> _ints = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
    private readonly Dictionary<string, int> _declaredNames = new Dictionary<string, int>();
    private readonly Stack<Block> _loopBodies = new Stack<Block>();   // the bodies of the loops being lowered, innermost on top

    public Lowering(SemanticModel model, IMethodSymbol method, CancellationToken cancellation)
    {
        _model = model;
        _method = method;
        _t = method.TypeParameters[0];
        _cancellation = cancellation;
        Names = new Names();
    }

    public Names Names { get; }
    public List<DiagnosticInfo> Diagnostics { get; } = new List<DiagnosticInfo>();
    public List<TVar> Variables { get; } = new List<TVar>();
    public List<(IParameterSymbol Symbol, ParameterKind Kind, TVar? Scalar, SpanParam? Span)> Parameters { get; } =
        new List<(IParameterSymbol, ParameterKind, TVar?, SpanParam?)>();
    public Block Body { get; } = new Block();
    public string T => _t.Name;

    public static bool IsDifferentiable(IMethodSymbol m) =>
        m.OriginalDefinition.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == AttributeName);

    /// <summary>What a parameter type is to the adjoint, relative to the method's type parameter t.</summary>
    public static ParameterKind Classify(ITypeSymbol type, ITypeParameterSymbol t)
    {
        if (SymbolEqualityComparer.Default.Equals(type, t))
            return ParameterKind.Scalar;
        if (type is INamedTypeSymbol { IsGenericType: true } named && named.ContainingNamespace?.ToDisplayString() == "System" &&
            named.TypeArguments.Length == 1 && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], t))
        {
            if (named.Name == "ReadOnlySpan")
                return ParameterKind.InputSpan;
            if (named.Name == "Span")
                return ParameterKind.OutputSpan;
        }
        if (type is IArrayTypeSymbol array && SymbolEqualityComparer.Default.Equals(array.ElementType, t))
            return ParameterKind.Constant;
        return Mentions(type, t) ? ParameterKind.Unsupported : ParameterKind.Constant;
    }

    private static bool Mentions(ITypeSymbol type, ITypeParameterSymbol t) => type switch
    {
        ITypeParameterSymbol p => SymbolEqualityComparer.Default.Equals(p, t),
        IArrayTypeSymbol a => Mentions(a.ElementType, t),
        INamedTypeSymbol n => n.TypeArguments.Any(a => Mentions(a, t)),
        _ => false,
    };

    public void Run(MethodDeclarationSyntax syntax)
    {
        foreach (SyntaxToken token in syntax.DescendantTokens())
            if (token.IsKind(SyntaxKind.IdentifierToken))
                Names.Reserve(token.ValueText);
        foreach (ILocalSymbol local in syntax.DescendantNodes().OfType<VariableDeclaratorSyntax>()
                     .Select(d => _model.GetDeclaredSymbol(d, _cancellation)).OfType<ILocalSymbol>())
            _declaredNames[local.Name] = _declaredNames.TryGetValue(local.Name, out int count) ? count + 1 : 1;

        foreach (IParameterSymbol p in _method.Parameters)
        {
            ParameterKind kind = p.RefKind == RefKind.None ? Classify(p.Type, _t) : ParameterKind.Unsupported;
            TVar? scalar = null;
            SpanParam? span = null;
            switch (kind)
            {
                case ParameterKind.Scalar:
                    scalar = new TVar(p.Name, p.Name, isParameter: true) { Bar = Names.Fresh(p.Name + "_bar") };
                    _variables[p] = scalar;
                    Variables.Add(scalar);
                    break;
                case ParameterKind.InputSpan:
                case ParameterKind.OutputSpan:
                    span = new SpanParam(p.Name, Names.Fresh(p.Name + "_bar"), kind == ParameterKind.OutputSpan);
                    _spans[p] = span;
                    break;
                case ParameterKind.Constant:
                    _constants.Add(p);
                    if (p.Type.SpecialType == SpecialType.System_Int32)
                        _ints.Add(p);
                    break;
                default:
                    Report(Generator.Diagnostics.Signature, p.Locations[0],
                        $"the parameter '{p.Name}'{(p.RefKind == RefKind.None ? "" : " passed by " + p.RefKind.ToString().ToLowerInvariant())} of type '{p.Type.ToDisplayString()}' is not supported: parameters are T, ReadOnlySpan<T> (differentiated), Span<T> (outputs) or constants");
                    break;
            }
            Parameters.Add((p, kind, scalar, span));
        }

        if (syntax.ExpressionBody is { } arrow)
        {
            if (_method.ReturnsVoid)
                Report(Generator.Diagnostics.Statement, arrow.GetLocation(), "an expression-bodied void method");
            else
                Body.Statements.Add(new Return(LowerT(arrow.Expression)) { Line = LineOf(arrow), Source = "return " + Text(arrow.Expression) });
        }
        else if (syntax.Body is { } body)
        {
            LowerStatements(body.Statements, Body, methodBody: true);
            if (!_method.ReturnsVoid && !(Body.Statements.LastOrDefault() is Return))
                Report(Generator.Diagnostics.EarlyReturn, syntax.Identifier.GetLocation());
        }
        else
        {
            Report(Generator.Diagnostics.Signature, syntax.Identifier.GetLocation(), "it has no body");
        }
    }

    private void Report(DiagnosticDescriptor descriptor, Location location, params string[] arguments) =>
        Diagnostics.Add(new DiagnosticInfo(descriptor, location, new[] { _method.Name }.Concat(arguments).ToArray()));

    private static int LineOf(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    // The statement's first line, without comments, for the reverse sweep's comments.
    private static string Text(SyntaxNode node)
    {
        string text = node.WithoutTrivia().ToString();
        int newline = text.IndexOfAny(new[] { '\r', '\n' });
        return newline < 0 ? text : text.Substring(0, newline).TrimEnd() + " …";
    }

    private void LowerStatements(SyntaxList<StatementSyntax> statements, Block target, bool methodBody)
    {
        for (int k = 0; k < statements.Count; k++)
        {
            _cancellation.ThrowIfCancellationRequested();
            StatementSyntax s = statements[k];
            if (s is ReturnStatementSyntax r)
            {
                if (!methodBody || k != statements.Count - 1)
                    Report(Generator.Diagnostics.EarlyReturn, r.GetLocation());
                else if (r.Expression is null)
                    continue;
                else
                    target.Statements.Add(new Return(LowerT(r.Expression)) { Line = LineOf(r), Source = Text(r) });
                continue;
            }
            LowerStatement(s, target);
        }
    }

    private void LowerEmbedded(StatementSyntax s, Block target)
    {
        if (s is BlockSyntax b)
            LowerStatements(b.Statements, target, methodBody: false);
        else
            LowerStatement(s, target);
    }

    private void LowerStatement(StatementSyntax s, Block target)
    {
        int line = LineOf(s);
        switch (s)
        {
            case LocalDeclarationStatementSyntax declaration:
                LowerDeclaration(declaration, target);
                return;
            case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment }:
                if (LowerAssignment(assignment) is { } assign)
                {
                    assign.Line = line;
                    assign.Source = Text(s);
                    target.Statements.Add(assign);
                }
                return;
            case ExpressionStatementSyntax { Expression: PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax } increment:
                Report(Generator.Diagnostics.Write, increment.GetLocation(), $"'{Text(increment.Expression)}' with ++ or -- (write v += T.One)");
                return;
            case IfStatementSyntax branch:
            {
                Condition condition = LowerBool(branch.Condition);
                Block then = new Block(), otherwise = new Block();
                LowerEmbedded(branch.Statement, then);
                if (branch.Else is { } e)
                    LowerEmbedded(e.Statement, otherwise);
                target.Statements.Add(new If(condition, then, otherwise) { Line = line, Source = "if (" + Text(branch.Condition) + ")" });
                return;
            }
            case ForStatementSyntax loop:
                LowerFor(loop, target);
                return;
            case BlockSyntax block:
            {
                Block inner = new Block();
                LowerStatements(block.Statements, inner, methodBody: false);
                target.Statements.Add(inner);
                return;
            }
            case EmptyStatementSyntax:
                return;
            case ReturnStatementSyntax:
                Report(Generator.Diagnostics.EarlyReturn, s.GetLocation());
                return;
            default:
                Report(Generator.Diagnostics.Statement, s.GetLocation(), Describe(s));
                return;
        }
    }

    private static string Describe(StatementSyntax s) => s switch
    {
        WhileStatementSyntax => "a while loop (its exit depends on data; write a for loop over an index)",
        DoStatementSyntax => "a do loop",
        ForEachStatementSyntax => "a foreach loop (write a for loop over an index)",
        SwitchStatementSyntax => "a switch statement",
        BreakStatementSyntax => "break",
        ContinueStatementSyntax => "continue",
        GotoStatementSyntax => "goto",
        TryStatementSyntax => "a try statement",
        ThrowStatementSyntax => "a throw statement",
        LocalFunctionStatementSyntax => "a local function",
        UsingStatementSyntax => "a using statement",
        LockStatementSyntax => "a lock statement",
        YieldStatementSyntax => "yield",
        ExpressionStatementSyntax e => $"the statement '{Text(e)}'",
        _ => $"a {s.Kind()} statement",
    };

    private void LowerDeclaration(LocalDeclarationStatementSyntax declaration, Block target)
    {
        ITypeSymbol? type = _model.GetTypeInfo(declaration.Declaration.Type, _cancellation).Type;
        foreach (VariableDeclaratorSyntax declarator in declaration.Declaration.Variables)
        {
            // Not "!(… is ILocalSymbol local)": a mutant of that test leaves local unassigned, and Stryker then drops
            // every mutant of this method as a compile error.
            var local = _model.GetDeclaredSymbol(declarator, _cancellation) as ILocalSymbol;
            if (local is null)
                continue;
            if (SymbolEqualityComparer.Default.Equals(local.Type, _t))
            {
                // Hoisted to the top of the adjoint: renamed only where two locals of the method share the name.
                string name = _declaredNames.TryGetValue(local.Name, out int count) && count > 1 ? Names.Fresh(local.Name + "_") : local.Name;
                var variable = new TVar(local.Name, name, isParameter: false)
                {
                    Bar = Names.Fresh(name + "_bar"),
                    DeclaredIn = _loopBodies.Count > 0 ? _loopBodies.Peek() : null,
                };
                Names.Reserve(name);
                _variables[local] = variable;
                Variables.Add(variable);
                if (declarator.Initializer is { } init)
                {
                    var assign = new Assign(variable, LowerT(init.Value), AssignKind.Set)
                    {
                        IsDeclaration = true,
                        Line = LineOf(declarator),
                        Source = $"{T} {local.Name} = {Text(init.Value)}",
                    };
                    Count(variable);
                    variable.Declaration = assign;
                    target.Statements.Add(assign);
                }
            }
            else if (local.Type.SpecialType == SpecialType.System_Int32)
            {
                _ints.Add(local);
                if (declarator.Initializer is { } init)
                    target.Statements.Add(new IntDeclaration(local.Name, LowerInt(init.Value)) { Line = LineOf(declarator) });
                else
                    Report(Generator.Diagnostics.Statement, declarator.GetLocation(), $"the int local '{local.Name}' without an initializer");
            }
            else
            {
                Report(Generator.Diagnostics.Statement, declarator.GetLocation(),
                    $"the local '{local.Name}' of type '{(type ?? local.Type).ToDisplayString()}' (locals are {T} or int)");
            }
        }
    }

    private void Count(TVar variable)
    {
        variable.Assignments++;
        if (_loopBodies.Count > 0)
            variable.AssignedInLoop = true;
    }

    private Stmt? LowerAssignment(AssignmentExpressionSyntax a)
    {
        ISymbol? symbol = _model.GetSymbolInfo(a.Left, _cancellation).Symbol;
        SyntaxKind op = a.Kind();
        if (a.Left is ElementAccessExpressionSyntax element &&
            _model.GetSymbolInfo(element.Expression, _cancellation).Symbol is { } target &&
            _spans.TryGetValue(target, out SpanParam? span) && span.IsOutput && element.ArgumentList.Arguments.Count == 1)
        {
            string index = LowerInt(element.ArgumentList.Arguments[0].Expression);
            Node value = LowerT(a.Right);
            return op switch
            {
                SyntaxKind.SimpleAssignmentExpression => new OutputWrite(span, index, value, AssignKind.Set),
                SyntaxKind.AddAssignmentExpression => new OutputWrite(span, index, value, AssignKind.Add),
                SyntaxKind.SubtractAssignmentExpression => new OutputWrite(span, index, value, AssignKind.Subtract),
                _ => Unsupported(),
            };

            Stmt? Unsupported()
            {
                Report(Generator.Diagnostics.Write, a.GetLocation(), $"'{Text(a.Left)}' with {a.OperatorToken.Text} (outputs take =, += or -=)");
                return null;
            }
        }
        if (symbol is ILocalSymbol && _variables.TryGetValue(symbol, out TVar? variable) && !variable.IsParameter)
        {
            Node value = LowerT(a.Right);
            Count(variable);
            var self = new Leaf(LeafKind.Variable, variable.Name, variable);
            bool readsItself = Reads(a.Right).Contains(variable);
            return op switch
            {
                SyntaxKind.SimpleAssignmentExpression => new Assign(variable, value, AssignKind.Set),
                SyntaxKind.AddAssignmentExpression => readsItself
                    ? new Assign(variable, new Op(OpKind.Add, self, value), AssignKind.Set)
                    : new Assign(variable, value, AssignKind.Add),
                SyntaxKind.SubtractAssignmentExpression => readsItself
                    ? new Assign(variable, new Op(OpKind.Subtract, self, value), AssignKind.Set)
                    : new Assign(variable, value, AssignKind.Subtract),
                SyntaxKind.MultiplyAssignmentExpression => new Assign(variable, new Op(OpKind.Multiply, self, value), AssignKind.Set),
                SyntaxKind.DivideAssignmentExpression => new Assign(variable, new Op(OpKind.Divide, self, value), AssignKind.Set),
                _ => Unsupported(),
            };

            Stmt? Unsupported()
            {
                Report(Generator.Diagnostics.Expression, a.GetLocation(), $"the operator {a.OperatorToken.Text}");
                return null;
            }
        }
        string what = symbol switch
        {
            IParameterSymbol p => $"the parameter '{p.Name}' (copy it into a local)",
            ILocalSymbol l when l.Type.SpecialType == SpecialType.System_Int32 => $"the int local '{l.Name}' (int locals and loop variables are read-only)",
            IFieldSymbol f => $"the field '{f.Name}'",
            IPropertySymbol p => $"the property '{p.Name}'",
            _ => $"'{Text(a.Left)}'",
        };
        Report(Generator.Diagnostics.Write, a.Left.GetLocation(), what);
        return null;
    }

    private void LowerFor(ForStatementSyntax loop, Block target)
    {
        Location where = loop.ForKeyword.GetLocation();
        if (loop.Declaration is not { Variables.Count: 1 } declaration || declaration.Variables[0].Initializer is null ||
            loop.Initializers.Count > 0 || loop.Condition is null || loop.Incrementors.Count != 1 ||
            !(_model.GetDeclaredSymbol(declaration.Variables[0], _cancellation) is ILocalSymbol index) ||
            index.Type.SpecialType != SpecialType.System_Int32)
        {
            Report(Generator.Diagnostics.Loop, where,
                "a for loop must declare one int index with an initializer, test a condition on ints and step the index by a constant (for (int i = a; i < n; i++))");
            return;
        }
        _ints.Add(index);
        string init = LowerInt(declaration.Variables[0].Initializer!.Value);
        string? step = Step(loop.Incrementors[0], index);
        if (step is null)
        {
            Report(Generator.Diagnostics.Loop, loop.Incrementors[0].GetLocation(),
                $"the loop step '{Text(loop.Incrementors[0])}' (step the index by a constant: {index.Name}++, {index.Name}--, {index.Name} += 2)");
            return;
        }
        string condition = LowerIntCondition(loop.Condition);
        var body = new Block();
        _loopBodies.Push(body);
        LowerEmbedded(loop.Statement, body);
        _loopBodies.Pop();
        target.Statements.Add(new For(index.Name, init, condition, step, Code(loop.Incrementors[0]), body)
        {
            Line = LineOf(loop),
            Source = $"for (int {index.Name} = {Text(declaration.Variables[0].Initializer!.Value)}; {Text(loop.Condition)}; {Text(loop.Incrementors[0])})",
        });
    }

    private string? Step(ExpressionSyntax incrementor, ILocalSymbol index)
    {
        bool IsIndex(ExpressionSyntax e) => SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(e, _cancellation).Symbol, index);
        string? Constant(ExpressionSyntax e) =>
            _model.GetConstantValue(e, _cancellation) is { HasValue: true, Value: int k } && k > 0 ? k.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return incrementor switch
        {
            PostfixUnaryExpressionSyntax p when IsIndex(p.Operand) => p.IsKind(SyntaxKind.PostIncrementExpression) ? "1" : "-1",
            PrefixUnaryExpressionSyntax p when IsIndex(p.Operand) => p.IsKind(SyntaxKind.PreIncrementExpression) ? "1" : "-1",
            AssignmentExpressionSyntax a when IsIndex(a.Left) && a.IsKind(SyntaxKind.AddAssignmentExpression) => Constant(a.Right),
            AssignmentExpressionSyntax a when IsIndex(a.Left) && a.IsKind(SyntaxKind.SubtractAssignmentExpression) =>
                Constant(a.Right) is { } k ? "-" + k : null,
            _ => null,
        };
    }

    // ---- expressions ----

    private bool IsT(ExpressionSyntax e) => SymbolEqualityComparer.Default.Equals(_model.GetTypeInfo(e, _cancellation).Type, _t);

    private bool IsTypeParameter(ExpressionSyntax e) =>
        SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(e, _cancellation).Symbol, _t);

    // Reports the construct and stands in for it, so that lowering goes on to report the method's other errors.
    private Node Error(SyntaxNode at, DiagnosticDescriptor descriptor, params string[] arguments)
    {
        Report(descriptor, at.GetLocation(), arguments);
        // Stryker disable once String : equivalent, a method with a diagnostic generates no code, so the stand-in is never written.
        return new Leaf(LeafKind.Constant, T + ".Zero");
    }

    private Node LowerT(ExpressionSyntax e)
    {
        if (!IsT(e))
            return Error(e, Generator.Diagnostics.Expression,
                $"'{Text(e)}' of type '{_model.GetTypeInfo(e, _cancellation).Type?.ToDisplayString() ?? "?"}' where {T} is expected");
        switch (e)
        {
            case ParenthesizedExpressionSyntax p:
                return LowerT(p.Expression);
            case IdentifierNameSyntax:
            {
                ISymbol? symbol = _model.GetSymbolInfo(e, _cancellation).Symbol;
                if (symbol is not null && _variables.TryGetValue(symbol, out TVar? v))
                    return new Leaf(LeafKind.Variable, v.Name, v);
                return Error(e, Generator.Diagnostics.Expression, $"reading '{Text(e)}' (a {symbol?.Kind.ToString().ToLowerInvariant() ?? "symbol"})");
            }
            case ElementAccessExpressionSyntax element when element.ArgumentList.Arguments.Count == 1:
            {
                ISymbol? symbol = _model.GetSymbolInfo(element.Expression, _cancellation).Symbol;
                string index = LowerInt(element.ArgumentList.Arguments[0].Expression);
                if (symbol is not null && _spans.TryGetValue(symbol, out SpanParam? span))
                    return span.IsOutput
                        ? Error(e, Generator.Diagnostics.Expression, $"reading the output span '{span.Name}' (keep the value in a local)")
                        : new Leaf(LeafKind.Input, $"{span.Name}[{index}]", input: span, index: index);
                if (symbol is not null && _constants.Contains(symbol))
                    return new Leaf(LeafKind.Constant, $"{symbol.Name}[{index}]");
                return Error(e, Generator.Diagnostics.Expression, $"the element access '{Text(e)}'");
            }
            case MemberAccessExpressionSyntax member when IsTypeParameter(member.Expression) &&
                                                           _model.GetSymbolInfo(member, _cancellation).Symbol is IPropertySymbol or IFieldSymbol:
                return new Leaf(LeafKind.Constant, $"{T}.{member.Name.Identifier.ValueText}");
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryMinusExpression):
                return new Op(OpKind.Negate, LowerT(u.Operand));
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryPlusExpression):
                return LowerT(u.Operand);
            case BinaryExpressionSyntax b when Arithmetic(b.Kind()) is { } kind:
                return new Op(kind, LowerT(b.Left), LowerT(b.Right));
            case ConditionalExpressionSyntax c:
                return new Conditional(LowerBool(c.Condition), LowerT(c.WhenTrue), LowerT(c.WhenFalse));
            case InvocationExpressionSyntax call:
                return LowerCall(call);
            default:
                return Error(e, Generator.Diagnostics.Expression, $"the expression '{Text(e)}' ({e.Kind()})");
        }
    }

    private static OpKind? Arithmetic(SyntaxKind kind) => kind switch
    {
        SyntaxKind.AddExpression => OpKind.Add,
        SyntaxKind.SubtractExpression => OpKind.Subtract,
        SyntaxKind.MultiplyExpression => OpKind.Multiply,
        SyntaxKind.DivideExpression => OpKind.Divide,
        _ => null,
    };

    private Leaf One => new Leaf(LeafKind.Constant, T + ".One");

    private Node LowerCall(InvocationExpressionSyntax call)
    {
        var m = _model.GetSymbolInfo(call, _cancellation).Symbol as IMethodSymbol;
        SeparatedSyntaxList<ArgumentSyntax> args = call.ArgumentList.Arguments;
        if (m is null)
            return Error(call, Generator.Diagnostics.Call, Text(call.Expression));
        if (call.Expression is MemberAccessExpressionSyntax member && IsTypeParameter(member.Expression))
            return LowerMember(call, m, args);
        if (IsDifferentiable(m) && m.IsStatic && m.IsGenericMethod && m.TypeArguments.Length == 1 &&
            SymbolEqualityComparer.Default.Equals(m.TypeArguments[0], _t))
            return LowerDifferentiableCall(call, m, args);
        return Error(call, Generator.Diagnostics.Call, m.ContainingType.Name + "." + m.Name);
    }

    private Node LowerMember(InvocationExpressionSyntax call, IMethodSymbol m, SeparatedSyntaxList<ArgumentSyntax> args)
    {
        string name = m.Name;
        if (name is "CreateChecked" or "CreateSaturating" or "CreateTruncating")
        {
            // Of a value that reads no T variable and no element of a span: a constant (T.CreateChecked(T.Pi) too).
            if (!Reads(args[0].Expression).Any() && NoSpansRead(args[0].Expression))
                return new Leaf(LeafKind.Constant, $"{T}.{name}({Code(args[0].Expression)})");
            return Error(call, Generator.Diagnostics.Expression, $"'{Text(call)}' (T.{name} of a value that depends on the inputs)");
        }
        Node Arg(int k) => LowerT(args[k].Expression);
        // .NET's own definitions of these members (and IAutodiffNumber's), in terms of rules: no calculus here. (The
        // arguments' types are the members' own: T, and int for a withInt rule's second.)
        switch (name)
        {
            case "Log" when args.Count == 2:
                return new Op(OpKind.Divide, Rule("Log", Arg(0)), Rule("Log", Arg(1)));
            case "Exp2M1" when args.Count == 1:
                return new Op(OpKind.Subtract, Rule("Exp2", Arg(0)), One);
            case "Exp10M1" when args.Count == 1:
                return new Op(OpKind.Subtract, Rule("Exp10", Arg(0)), One);
            case "Log2P1" when args.Count == 1:
                return Rule("Log2", new Op(OpKind.Add, Arg(0), One));
            case "Log10P1" when args.Count == 1:
                return Rule("Log10", new Op(OpKind.Add, Arg(0), One));
            case "Atan2Pi" when args.Count == 2:
                return new Op(OpKind.Divide, Rule("Atan2", Arg(0), Arg(1)), new Leaf(LeafKind.Constant, T + ".Pi"));
        }
        if (args.Count == 1 && RuleType(name) is { } unary)
            return Rule(unary, Arg(0));
        if (args.Count == 2 && RuleType(name, binary: true) is { } binary)
            return Rule(binary, Arg(0), Arg(1));
        if (args.Count == 2 && RuleType(name, withInt: true) is { } withInt)
            return Rule(withInt, Arg(0), extra: LowerInt(args[1].Expression));
        return Error(call, Generator.Diagnostics.Call, $"{T}.{name}");
    }

    // The rule struct Autodiff.Rules.{name}, found in the compilation's references, if it is the rule of a member of
    // T of one T argument (two: binary; one and an int: withInt); else null.
    private INamedTypeSymbol? RuleType(string name, bool binary = false, bool withInt = false)
    {
        INamedTypeSymbol? rule = _model.Compilation.GetTypeByMetadataName(RulesNamespace + name);
        if (rule is null || rule.TypeKind != TypeKind.Struct)
            return null;
        string interfaceName = binary ? "IBinaryRule" : "IUnaryRule";
        // Stryker disable once Equality : equivalent today, every rule struct named after a member of T of the call's arity implements the interface of that arity (T.Log(x, b), the one exception, is rewritten before); the check keeps a future rule of another arity from being called wrongly.
        if (!rule.AllInterfaces.Any(i => i.ToDisplayString() == RulesNamespace + interfaceName))
            return null;
        bool takesInt = rule.InstanceConstructors.Any(c => c.Parameters.Length == 1 && c.Parameters[0].Type.SpecialType == SpecialType.System_Int32);
        return withInt == takesInt ? rule : null;
    }

    // The call of a rule on the lowered arguments (extra: the code of the int argument of a withInt rule).
    private static RuleCall Rule(INamedTypeSymbol rule, Node left, Node? right = null, string? extra = null)
    {
        string type = "global::" + rule.ToDisplayString();
        string value = extra is null ? $"default({type})" : $"new {type}({extra})";
        return new RuleCall(rule.Name, value, left, right, extra);
    }

    // The call of a rule .NET defines a member of T by (T.Log(x, b) = log x / log b, …): it exists.
    private RuleCall Rule(string name, Node left, Node? right = null) => Rule(RuleType(name, binary: right is not null)!, left, right);

    private Node LowerDifferentiableCall(InvocationExpressionSyntax call, IMethodSymbol m, SeparatedSyntaxList<ArgumentSyntax> args)
    {
        IMethodSymbol definition = m.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(definition, _method.OriginalDefinition))
            return Error(call, Generator.Diagnostics.Recursion);
        if (m.ReturnsVoid || args.Count != definition.Parameters.Length || args.Any(a => a.NameColon is not null || !a.RefKindKeyword.IsKind(SyntaxKind.None)))
            return Error(call, Generator.Diagnostics.Call, m.ContainingType.Name + "." + m.Name + " (pass every argument, by position, and use its T result)");
        ITypeParameterSymbol calleeT = definition.TypeParameters[0];
        var arguments = new List<Argument>();
        for (int k = 0; k < args.Count; k++)
        {
            ExpressionSyntax a = args[k].Expression;
            switch (Classify(definition.Parameters[k].Type, calleeT))
            {
                case ParameterKind.Scalar:
                    arguments.Add(new ValueArgument(LowerT(a)));
                    break;
                case ParameterKind.InputSpan when _model.GetSymbolInfo(a, _cancellation).Symbol is { } s && _spans.TryGetValue(s, out SpanParam? span) && !span.IsOutput:
                    arguments.Add(new SpanArgument(span));
                    break;
                case ParameterKind.Constant when !Reads(a).Any() && NoSpansRead(a):
                    arguments.Add(new ConstantArgument(Code(a)));
                    break;
                default:
                    return Error(a, Generator.Diagnostics.Expression,
                        $"the argument '{Text(a)}' to {m.Name} (pass T values, a differentiated ReadOnlySpan<T> parameter as it is, or constants)");
            }
        }
        string type = "global::" + m.ContainingType.ToDisplayString();
        return new Call($"{type}.{m.Name}", $"{type}.{m.Name}_Adjoint", arguments);
    }

    // ---- conditions and integers: C# text, validated ----

    private Condition LowerBool(ExpressionSyntax e)
    {
        ValidateBool(e);
        return new Condition(Code(e), Reads(e).ToList());
    }

    private void ValidateBool(ExpressionSyntax e)
    {
        switch (e)
        {
            case ParenthesizedExpressionSyntax p:
                ValidateBool(p.Expression);
                return;
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.LogicalNotExpression):
                ValidateBool(u.Operand);
                return;
            case LiteralExpressionSyntax l when l.IsKind(SyntaxKind.TrueLiteralExpression) || l.IsKind(SyntaxKind.FalseLiteralExpression):
                return;
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalAndExpression) || b.IsKind(SyntaxKind.LogicalOrExpression):
                ValidateBool(b.Left);
                ValidateBool(b.Right);
                return;
            case BinaryExpressionSyntax b when Comparison(b.Kind()):
                if (IsT(b.Left))   // T with T or int with int: C# compiles no other comparison here
                {
                    LowerT(b.Left);
                    LowerT(b.Right);
                }
                else
                {
                    LowerInt(b.Left);
                    LowerInt(b.Right);
                }
                return;
            case InvocationExpressionSyntax call when call.Expression is MemberAccessExpressionSyntax member && IsTypeParameter(member.Expression) &&
                                                    _model.GetSymbolInfo(call, _cancellation).Symbol is IMethodSymbol { ReturnType.SpecialType: SpecialType.System_Boolean }:
                foreach (ArgumentSyntax a in call.ArgumentList.Arguments)
                    LowerT(a.Expression);
                return;
            default:
                Report(Generator.Diagnostics.Expression, e.GetLocation(), $"the condition '{Text(e)}' (conditions compare T or int values, with &&, || and !)");
                return;
        }
    }

    private string LowerIntCondition(ExpressionSyntax e)
    {
        if (Reads(e).Any() || e.DescendantNodesAndSelf().OfType<ExpressionSyntax>().Any(IsT))
            Report(Generator.Diagnostics.Loop, e.GetLocation(), $"the loop condition '{Text(e)}' depends on {T} values (the number of iterations must depend on ints only)");
        else
            ValidateBool(e);
        return Code(e);
    }

    private static bool Comparison(SyntaxKind kind) =>
        kind is SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanExpression
            or SyntaxKind.GreaterThanOrEqualExpression or SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression;

    private string LowerInt(ExpressionSyntax e)
    {
        if (_model.GetTypeInfo(e, _cancellation).Type?.SpecialType != SpecialType.System_Int32)
        {
            Report(Generator.Diagnostics.Expression, e.GetLocation(), $"the index '{Text(e)}' (indices are int expressions)");
            return "0";
        }
        ValidateInt(e);
        return Code(e);
    }

    private void ValidateInt(ExpressionSyntax e)
    {
        switch (e)
        {
            case LiteralExpressionSyntax:
                return;
            case ParenthesizedExpressionSyntax p:
                ValidateInt(p.Expression);
                return;
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryMinusExpression) || u.IsKind(SyntaxKind.UnaryPlusExpression):
                ValidateInt(u.Operand);
                return;
            case BinaryExpressionSyntax b when b.Kind() is SyntaxKind.AddExpression or SyntaxKind.SubtractExpression or SyntaxKind.MultiplyExpression
                                               or SyntaxKind.DivideExpression or SyntaxKind.ModuloExpression:
                ValidateInt(b.Left);
                ValidateInt(b.Right);
                return;
            case IdentifierNameSyntax when _model.GetSymbolInfo(e, _cancellation).Symbol is { } s &&
                                           (_ints.Contains(s) || s is ILocalSymbol { IsConst: true } || s is IFieldSymbol { IsConst: true }):
                return;
            case MemberAccessExpressionSyntax m when m.Name.Identifier.ValueText == "Length" &&
                                                     _model.GetSymbolInfo(m.Expression, _cancellation).Symbol is IParameterSymbol:
                return;
            default:
                if (_model.GetConstantValue(e, _cancellation).HasValue)
                    return;
                Report(Generator.Diagnostics.Expression, e.GetLocation(), $"the int expression '{Text(e)}' (ints are literals, int locals, loop indices, int parameters and span lengths, with + - * / %)");
                return;
        }
    }

    // The T variables an expression reads.
    private IEnumerable<TVar> Reads(ExpressionSyntax e) =>
        e.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
            .Select(id => _model.GetSymbolInfo(id, _cancellation).Symbol)
            .Where(s => s is not null && _variables.ContainsKey(s))
            .Select(s => _variables[s!])
            .Distinct();

    // No element of a span is read (its Length is an int like any other).
    private bool NoSpansRead(ExpressionSyntax e) =>
        !e.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
            .Any(id => _model.GetSymbolInfo(id, _cancellation).Symbol is { } s && _spans.ContainsKey(s) &&
                       !(id.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } m && m.Expression == id));

    // C# text of an expression with T locals under their hoisted names.
    private string Code(ExpressionSyntax e)
    {
        var renamed = (ExpressionSyntax)new Renamer(_model, _variables).Visit(e)!;
        return renamed.NormalizeWhitespace(elasticTrivia: false).ToFullString();
    }

    private sealed class Renamer : CSharpSyntaxRewriter
    {
        private readonly SemanticModel _model;
        private readonly Dictionary<ISymbol, TVar> _variables;

        public Renamer(SemanticModel model, Dictionary<ISymbol, TVar> variables)
        {
            _model = model;
            _variables = variables;
        }

        public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node) =>
            _model.GetSymbolInfo(node).Symbol is { } s && _variables.TryGetValue(s, out TVar? v) && v.Name != node.Identifier.ValueText
                ? SyntaxFactory.IdentifierName(v.Name).WithTriviaFrom(node)
                : node;
    }
}

/// <summary>Identifiers of the generated method, none equal to one of the user's.</summary>
internal sealed class Names
{
    private readonly HashSet<string> _used = new HashSet<string>();

    public void Reserve(string name) => _used.Add(name);

    public bool Taken(string name) => _used.Contains(name);

    public string Fresh(string stem)
    {
        string name = stem;
        for (int k = 2; _used.Contains(name); k++)
            name = stem + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _used.Add(name);
        return name;
    }
}
