using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Autodiff.Generator;

/// <summary>Lines of C# with indentation.</summary>
internal sealed class Writer
{
    private readonly List<string> _lines = new List<string>();
    private int _indent;

    public IReadOnlyList<string> Lines => _lines;

    public void Line(string text) => _lines.Add(new string(' ', 4 * _indent) + text);

    public void Open()
    {
        Line("{");
        _indent++;
    }

    public void Close()
    {
        _indent--;
        Line("}");
    }

    public void Append(Writer other)
    {
        foreach (string line in other._lines)
            Line(line);
    }

    public override string ToString() => string.Join("\n", _lines);
}

/// <summary>
/// Writes the adjoint of a lowered method: a forward sweep (the method itself, saving what the reverse sweep needs)
/// and a reverse sweep (statements in the opposite order, each adding its partials times the adjoint of what it
/// assigned to the adjoints of what it read, through the rule table's D1 / Dx / Dy and ChainRule.Times).
/// </summary>
/// <remarks>
/// What the reverse sweep needs, and where it comes from:
/// statements outside loops run once, so their intermediates stay in locals of the adjoint and the values they
/// overwrite are kept in a local each; statements inside loops recompute their intermediates in the reverse sweep
/// from the variables, whose overwritten values are pushed on a stack per iteration (Tapenade's push/pop), except
/// locals declared in a loop from values that stay put, which are recomputed instead (no stack at all). Only a
/// variable the reverse sweep reads is saved; the first pass finds which (a dry run), the second writes the code.
/// </remarks>
internal sealed class Emitter
{
    private const string Times = "global::Autodiff.ChainRule.Times";
    private readonly Lowering _m;
    private readonly string _t;
    private readonly string _seed;
    private int _counter;
    private List<string> _hoisted = new List<string>();
    private bool _values, _bits, _counts;

    // The fast variant multiplies plainly (no zero-wins test per product) and records in _nan whether a parameter's
    // adjoint received a NaN (or a call a NaN seed); its callers rerun the exact variant then. ChainRule.Times and *
    // differ only where * gives NaN, and such a NaN either reaches a parameter's adjoint (plain sums and products
    // keep it) or is dropped with what it was added to, by both variants alike: a NaN-free fast run is the exact one.
    private bool _fast;

    public Emitter(Lowering m)
    {
        _m = m;
        _t = m.T;
        _seed = m.Names.Fresh("result_bar");
        Result = m.Names.Fresh("result");
        Nan = m.Names.Fresh("_nan");
        _nanLocal = m.Names.Fresh("_anyNaN");
        _probe = m.Names.Fresh("_nanProbe");
        _stack = m.Names.Fresh("_values");
        _bitStack = m.Names.Fresh("_bits");
        _countStack = m.Names.Fresh("_counts");
    }

    // The stacks' names (fresh, like every generated name: none equals one of the method's identifiers).
    private readonly string _stack, _bitStack, _countStack;

    private readonly string _nanLocal;

    // The fast variant's NaN probe: the sum of every contribution to a parameter's adjoint. NaN absorbs additions, so
    // the probe ends NaN if a contribution was NaN (and, harmlessly, if +∞ and −∞ both occurred: the caller then
    // reruns the exact variant for nothing). One addition per contribution, fewer than a test and an or.
    private readonly string _probe;

    /// <summary>The fast variant's out parameter: set when an adjoint turned NaN.</summary>
    public string Nan { get; }

    public string Seed => _seed;
    public string Result { get; }

    /// <summary>The statements of the adjoint's body: the exact variant and the fast one (see <c>_fast</c>).</summary>
    public (Writer Exact, Writer Fast) Body(bool returnsValue)
    {
        Activity();
        Recomputable(_m.Body);
        FusionCandidate();
        Pass(returnsValue);              // dry run: marks the variables the reverse sweep reads
        if (_fused is { } loop && !FusionConfirmed())
        {
            // The return's sweep reads what the loop assigns, or a carried value must be saved: the two sweeps.
            loop.Fused = false;
            _fused = null;
            foreach (TVar v in _m.Variables)
                v.ValueNeeded = false;
            Pass(returnsValue);
        }
        Writer exact = Pass(returnsValue);
        _fast = true;
        Writer fast = Pass(returnsValue);
        _fast = false;
        return (exact, fast);
    }

    private string Product(string adjoint, string partial) =>
        _fast ? $"{adjoint} * {Atomic(partial)}" : $"{Times}({adjoint}, {partial})";

    // Code that needs no parentheses as an operand: a name, a number, a member access (x.Length, T.Pi).
    private static string Atomic(string code) =>
        code.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '.') ? code : $"({code})";

    // A variable is active if it is a T parameter or is ever assigned from an active value (to a fixpoint).
    private void Activity()
    {
        foreach (TVar v in _m.Variables)
            v.Active = v.IsParameter;
        List<Assign> assigns = All(_m.Body).OfType<Assign>().ToList();
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (Assign a in assigns)
                if (!a.Target.Active && a.Value.Active)
                {
                    a.Target.Active = true;
                    changed = true;
                }
        }
    }

    private static IEnumerable<Stmt> All(Stmt s)
    {
        yield return s;
        IEnumerable<Stmt> children = s switch
        {
            Block b => b.Statements,
            If i => new Stmt[] { i.Then, i.Otherwise },
            For f => new Stmt[] { f.Body },
            _ => Enumerable.Empty<Stmt>(),
        };
        foreach (Stmt child in children)
            foreach (Stmt d in All(child))
                yield return d;
    }

    // Locals declared once from values not assigned later in their block are recomputed in the reverse sweep of a
    // loop's iteration instead of saved. (Outside loops the mark changes nothing: such a local is never saved, and
    // the reverse sweep there recomputes nothing.)
    private static void Recomputable(Stmt s)
    {
        switch (s)
        {
            case Block b:
                for (int k = 0; k < b.Statements.Count; k++)
                {
                    if (b.Statements[k] is Assign { IsDeclaration: true } a && a.Target.Assignments == 1)
                    {
                        var later = new HashSet<TVar>(b.Statements.Skip(k + 1).SelectMany(All).OfType<Assign>().Select(x => x.Target));
                        a.Target.Recompute = !Reads(a.Value).Any(later.Contains);
                    }
                    Recomputable(b.Statements[k]);
                }
                return;
            case If i:
                Recomputable(i.Then);
                Recomputable(i.Otherwise);
                return;
            case For f:
                Recomputable(f.Body);
                return;
        }
    }

    // (Null, a unary node's missing right operand, reads nothing.)
    private static IEnumerable<TVar> Reads(Node? n) => n switch
    {
        Leaf { Variable: { } v } => new[] { v },
        Op o => Reads(o.Left).Concat(Reads(o.Right)),
        RuleCall r => Reads(r.Left).Concat(Reads(r.Right)),
        Call c => c.Arguments.OfType<ValueArgument>().SelectMany(a => Reads(a.Value)),
        Conditional c => c.Condition.Reads.Concat(Reads(c.WhenTrue)).Concat(Reads(c.WhenFalse)),
        _ => Enumerable.Empty<TVar>(),
    };

    // ---- loop fusion ----
    //
    // The reverse sweep of a loop runs its iterations backwards, each reading the adjoints the later ones left. When
    // the loop's last statement-to-be-swept is the return and no iteration changes an adjoint another one reads,
    // iteration k's reverse sweep can run right after iteration k itself: one loop, no second pass over the data, and
    // the values it reads are still in the variables. The generator fuses the last top-level loop when it can check:
    //   1. only the return (or nothing) follows it, and the return's sweep reads no value the loop assigns
    //      (it is swept before the loop, so the adjoints it sends are known when the loop starts);
    //   2. every T variable the loop assigns and does not declare (carried: its accumulators) is only updated with
    //      += or -= (which pass the adjoint through unchanged), and nothing in the loop reads it: so their adjoints
    //      are the same in every iteration, and no iteration's sweep reads an adjoint another iteration changes;
    //      locals the loop declares start each iteration's sweep at zero and end it at zero, as in the two sweeps;
    //   3. the loop writes no output span (an output's adjoint is reset by the write that overwrites it);
    //   4. no carried variable has to be saved (the reverse sweep of the statements before the loop would read it).
    // 1 (its second half) and 4 depend on what the sweeps read: the dry run checks them, and undoes the fusion.
    // Anything else is swept as before. Adjoints then receive the same terms as in the two sweeps, summed in
    // another order.

    private For? _fused;                              // the loop to fuse, if any
    private Return? _preseed;                         // the return, swept before the fused loop
    private HashSet<TVar> _carried = new HashSet<TVar>();
    private HashSet<TVar> _assignedInFused = new HashSet<TVar>();
    private HashSet<TVar>? _readLog;                  // the variables the return's early sweep reads (dry run)
    private readonly HashSet<TVar> _preseedReads = new HashSet<TVar>();

    private void FusionCandidate()
    {
        List<Stmt> top = _m.Body.Statements;
        int k = top.FindLastIndex(s => s is For);
        if (k < 0)
            return;
        List<Stmt> tail = top.Skip(k + 1).ToList();
        if (!(tail.Count == 0 || (tail.Count == 1 && tail[0] is Return)))
            return;
        var loop = (For)top[k];
        List<Stmt> inside = All(loop.Body).ToList();
        List<Assign> assigns = inside.OfType<Assign>().ToList();
        // A top-level loop sees the top-level locals (declared in no loop) and its own (declared in it or its loops).
        var carried = new HashSet<TVar>(assigns.Select(a => a.Target).Where(v => v.DeclaredIn is null));
        if (inside.Any(s => s is OutputWrite))
            return;
        if (assigns.Any(a => carried.Contains(a.Target) && a.Kind == AssignKind.Set))
            return;
        IEnumerable<TVar> reads = inside.SelectMany(s => s switch
        {
            Assign a => Reads(a.Value),
            If i => i.Condition.Reads,
            _ => Enumerable.Empty<TVar>(),
        });
        if (reads.Any(carried.Contains))
            return;
        loop.Fused = true;
        _fused = loop;
        _preseed = tail.Count == 1 ? (Return)tail[0] : null;
        _carried = carried;
        _assignedInFused = new HashSet<TVar>(assigns.Select(a => a.Target));
    }

    // After the dry run: the return's early sweep read nothing the loop assigns, and no carried value is saved.
    private bool FusionConfirmed() =>
        !_preseedReads.Overlaps(_assignedInFused) && !_carried.Any(v => v.Saved);

    // A variable whose value the reverse sweep reads (and, during the return's early sweep, which).
    private void Need(TVar v)
    {
        v.ValueNeeded = true;
        _readLog?.Add(v);
    }

    private Writer Pass(bool returnsValue)
    {
        _counter = 0;
        _operands.Clear();
        _hoisted = new List<string>();
        _values = _bits = _counts = false;
        var forward = new Writer();
        var reverse = new Writer();
        Forward(_m.Body, 0, forward);
        Reverse(_m.Body, 0, reverse);

        var body = new Writer();
        var locals = _m.Variables.Where(v => !v.IsParameter).ToList();
        if (locals.Count > 0 || _hoisted.Count > 0)
            body.Line("// The method's T locals and their adjoints, and what the reverse sweep reads from the forward sweep.");
        foreach (TVar v in locals)
            body.Line($"{_t} {v.Name} = {_t}.Zero, {v.Bar} = {_t}.Zero;");
        foreach (string h in _hoisted)
            body.Line(h);
        if (returnsValue)
            body.Line($"{_t} {Result} = {_t}.Zero;");
        if (_fast)
        {
            body.Line($"bool {_nanLocal} = false;   // set when a call's seed is NaN: the caller reruns the exact adjoint");
            body.Line($"{_t} {_probe} = {_t}.Zero;   // the sum of the parameters' adjoint contributions: NaN if one was");
        }
        if (_values)
            body.Line($"var {_stack} = new global::Autodiff.AdjointStack<{_t}>();   // values later iterations overwrite");
        if (_bits)
            body.Line($"var {_bitStack} = new global::Autodiff.AdjointStack<bool>();   // branches taken inside loops");
        if (_counts)
            body.Line($"var {_countStack} = new global::Autodiff.AdjointStack<int>();   // iterations of inner loops");
        body.Line("");
        body.Line("// Forward sweep: the method itself.");
        body.Open();
        body.Append(forward);
        body.Close();
        body.Line("");
        body.Line("// Reverse sweep: the statements in the opposite order, each sending its adjoint to what it read.");
        body.Open();
        body.Append(reverse);
        body.Close();
        if (_values)
            body.Line($"{_stack}.Dispose();");
        if (_bits)
            body.Line($"{_bitStack}.Dispose();");
        if (_counts)
            body.Line($"{_countStack}.Dispose();");
        if (_fast)
            body.Line($"{Nan} = {_nanLocal} || {_t}.IsNaN({_probe});");
        if (returnsValue)
            body.Line($"return {Result};");
        return body;
    }

    private string Tmp(string stem)
    {
        string name;
        do
            name = stem + (++_counter).ToString(CultureInfo.InvariantCulture);
        while (_m.Names.Taken(name));
        return name;
    }

    private string Hoist(string type, string stem, string initial)
    {
        string name = Tmp(stem);
        _hoisted.Add($"{type} {name} = {initial};");
        return name;
    }

    // ---- forward sweep ----

    private void Forward(Block b, int depth, Writer w)
    {
        foreach (Stmt s in b.Statements)
            ForwardStatement(s, depth, w);
    }

    // A declaration outside loops runs once: the value before it is never read, so there is nothing to keep.
    private static bool Saves(Assign a, int depth) => a.Target.Saved && !(a.IsDeclaration && depth == 0);

    private static string Operator(AssignKind kind) => kind switch
    {
        AssignKind.Add => "+=",
        AssignKind.Subtract => "-=",
        _ => "=",
    };

    private void ForwardStatement(Stmt s, int depth, Writer w)
    {
        switch (s)
        {
            case Assign a:
            {
                TVar v = a.Target;
                if (Saves(a, depth))
                {
                    if (depth > 0)
                    {
                        _values = true;
                        w.Line($"{_stack}.Push({v.Name});");
                    }
                    else
                    {
                        a.OldValue = Hoist(_t, "_old", _t + ".Zero");
                        w.Line($"{a.OldValue} = {v.Name};");
                    }
                }
                string code = depth > 0 ? Inline(a.Value) : ThreeAddress(a.Value, w);
                w.Line($"{v.Name} {Operator(a.Kind)} {code};   // line {a.Line}");
                return;
            }
            case OutputWrite o:
            {
                string code = depth > 0 ? Inline(o.Value) : ThreeAddress(o.Value, w);
                w.Line($"{o.Output.Name}[{o.Index}] {Operator(o.Kind)} {code};   // line {o.Line}");
                return;
            }
            case IntDeclaration i:
                w.Line($"int {i.Name} = {i.Code};");
                return;
            case Block inner:
                w.Open();
                Forward(inner, depth, w);
                w.Close();
                return;
            case If branch:
            {
                string bit;
                if (depth > 0)
                {
                    bit = Tmp("_b");
                    _bits = true;
                    w.Line($"bool {bit} = {branch.Condition.Code};   // line {branch.Line}");
                    w.Line($"{_bitStack}.Push({bit});");
                }
                else
                {
                    bit = branch.HoistedBit = Hoist("bool", "_b", "false");
                    w.Line($"{bit} = {branch.Condition.Code};   // line {branch.Line}");
                }
                Branches(w, bit, branch, b => Forward(b, depth, w));
                return;
            }
            case For loop when loop.Fused:
                Fused(loop, w);
                return;
            case For loop:
            {
                if (depth > 0)
                {
                    loop.Count = Tmp("_n");
                    w.Line($"int {loop.Count} = 0;");
                }
                else
                {
                    loop.Count = Hoist("int", "_n", "0");
                    if (_inFused)
                        w.Line($"{loop.Count} = 0;");   // counted again in each iteration of the fused loop
                }
                w.Line($"for (int {loop.Variable} = {loop.Init}; {loop.Condition}; {loop.Increment})   // line {loop.Line}");
                w.Open();
                w.Line($"{loop.Count}++;");
                Forward(loop.Body, depth + 1, w);
                w.Close();
                if (depth > 0)
                {
                    _counts = true;
                    w.Line($"{_countStack}.Push({loop.Count});");
                }
                return;
            }
            case Return r:
                w.Line($"{Result} = {ThreeAddress(r.Value, w)};   // line {r.Line}");
                return;
        }
    }

    // The fused loop (see FusionCandidate), in the forward sweep: the return's sweep first, then one loop whose
    // iterations run the body and at once its reverse sweep (in sibling blocks: each declares its own ints). An
    // iteration runs once before its sweep, like the method's top level: its statements are emitted as there
    // (depth 0: intermediates kept in locals, overwritten values in a local each, nothing pushed or recomputed;
    // loops inside it as usual), the locals simply reused by the next iteration.
    private bool _inFused;

    private void Fused(For loop, Writer w)
    {
        if (_preseed is { } r)
        {
            w.Line($"// line {r.Line}: {r.Source}   (swept before the loop fused with its reverse sweep)");
            _readLog = _preseedReads;   // read after the dry run, the first pass: nothing to clear before it
            ReturnReverse(r, new Recompute(this, null), w);
            _readLog = null;
        }
        w.Line($"for (int {loop.Variable} = {loop.Init}; {loop.Condition}; {loop.Increment})   // line {loop.Line}, fused with its reverse sweep");
        w.Open();
        _inFused = true;
        w.Open();
        Forward(loop.Body, 0, w);
        w.Close();
        w.Line($"// line {loop.Line}: {loop.Source}, this iteration's reverse sweep");
        w.Open();
        Reverse(loop.Body, 0, w);
        w.Close();
        _inFused = false;
        w.Close();
    }

    // if (condition) { then } else { otherwise }, the else left out when empty; sweep writes a block.
    private static void Branches(Writer w, string condition, If branch, System.Action<Block> sweep)
    {
        w.Line($"if ({condition})");
        w.Open();
        sweep(branch.Then);
        w.Close();
        if (branch.Otherwise.Statements.Count == 0)
            return;
        w.Line("else");
        w.Open();
        sweep(branch.Otherwise);
        w.Close();
    }

    // Statements outside loops: one hoisted local per intermediate, which the reverse sweep reads.
    private string ThreeAddress(Node n, Writer w)
    {
        switch (n)
        {
            case Leaf leaf:
                return leaf.Code;
            case Conditional c:
            {
                string bit = c.HoistedBit = Hoist("bool", "_c", "false");
                string name = n.Hoisted = Hoist(_t, "_v", _t + ".Zero");
                w.Line($"{bit} = {c.Condition.Code};");
                w.Line($"if ({bit})");
                w.Open();
                w.Line($"{name} = {ThreeAddress(c.WhenTrue, w)};");
                w.Close();
                w.Line("else");
                w.Open();
                w.Line($"{name} = {ThreeAddress(c.WhenFalse, w)};");
                w.Close();
                return name;
            }
            default:
            {
                string expression = Apply(n, child => ThreeAddress(child, w));
                string name = n.Hoisted = Hoist(_t, "_v", _t + ".Zero");
                w.Line($"{name} = {expression};");
                return name;
            }
        }
    }

    // The operation of an inner node on its children's values (names or atoms).
    private string Apply(Node n, System.Func<Node, string> value)
    {
        switch (n)
        {
            case Op { Kind: OpKind.Negate } o:
                return "-" + value(o.Left);
            case Op o:
            {
                string left = value(o.Left), right = value(o.Right!);
                return $"{left} {Symbol(o.Kind)} {right}";
            }
            case RuleCall r:
                return r.Right is not null ? $"{_t}.{r.Function}({value(r.Left)}, {value(r.Right)})"
                    : r.Extra is not null ? $"{_t}.{r.Function}({value(r.Left)}, {r.Extra})"
                    : $"{_t}.{r.Function}({value(r.Left)})";
            case Call c:
                return $"{c.Method}({string.Join(", ", c.Arguments.Select(a => a switch
                {
                    ValueArgument v => value(v.Value),
                    SpanArgument s => s.Span.Name,
                    ConstantArgument k => k.Code,
                    _ => throw new System.InvalidOperationException("not an argument"),
                }))})";
            default:
                throw new System.InvalidOperationException("not an inner node");
        }
    }

    private static string Symbol(OpKind kind) => kind switch
    {
        OpKind.Add => "+",
        OpKind.Subtract => "-",
        OpKind.Multiply => "*",
        _ => "/",
    };

    // Statements inside loops: the expression as one line (the reverse sweep recomputes what it needs).
    private string Inline(Node n) => Inline(n, out _);

    private const int Cond = 0, Additive = 1, Multiplicative = 2, Unary = 3, Atom = 4;

    private string Inline(Node n, out int precedence)
    {
        switch (n)
        {
            case Leaf leaf:
                precedence = Atom;
                return leaf.Code;
            case Conditional c:
                precedence = Cond;
                return $"{c.Condition.Code} ? {Wrap(c.WhenTrue, Additive)} : {Wrap(c.WhenFalse, Additive)}";
            case Op { Kind: OpKind.Negate } o:
                precedence = Unary;
                return "-" + Wrap(o.Left, Atom);
            case Op o:
            {
                int own = o.Kind is OpKind.Add or OpKind.Subtract ? Additive : Multiplicative;
                precedence = own;
                // The tree's shape is kept exactly (floating-point + and * are not associative).
                return $"{Wrap(o.Left, own)} {Symbol(o.Kind)} {Wrap(o.Right!, own + 1)}";
            }
            default:
                precedence = Atom;
                return Apply(n, child => Inline(child));
        }
    }

    private string Wrap(Node n, int needed)
    {
        string code = Inline(n, out int precedence);
        return precedence < needed ? $"({code})" : code;
    }

    // ---- reverse sweep ----

    private void Reverse(Block b, int depth, Writer w)
    {
        // Ints are re-declared (they never change); locals declared in a loop from values that stay put are recomputed
        // (not in a fused loop's iteration, depth 0: it has just computed them).
        foreach (Stmt s in b.Statements)
        {
            if (s is IntDeclaration i)
            {
                w.Line($"int {i.Name} = {i.Code};");
            }
            else if (s is Assign { IsDeclaration: true } a && a.Target.Recompute && depth > 0)
            {
                var context = new Recompute(this, null);
                string code = context.Value(a.Value);
                w.Append(context.Prelude);
                w.Line($"{a.Target.Name} = {code};   // recomputed: line {a.Line}");
            }
        }
        // In a fused loop's iteration (depth 0 there), runs of assignments merge their additions to input adjoints.
        Dictionary<string, List<string>>? outer = _deferred;
        List<string> outerOrder = new List<string>(_deferredOrder);
        HashSet<string>? outerZero = _zeroBars;
        _deferredOrder.Clear();
        bool straight = _inFused && depth == 0;
        _deferred = straight ? new Dictionary<string, List<string>>() : null;
        // (Locals are declared in loop bodies, DeclaredIn: at depth 0 of the fused loop, only in its body; its
        // branches and bare blocks start with none.)
        _zeroBars = !straight ? null : new HashSet<string>(_m.Variables.Where(v => v.DeclaredIn == b && v.Active).Select(v => v.Bar));
        for (int k = b.Statements.Count - 1; k >= 0; k--)
        {
            if (b.Statements[k] is not Assign)
            {
                FlushDeferred(w);
                _zeroBars?.Clear();   // a branch or a loop may change any adjoint
            }
            ReverseStatement(b.Statements[k], depth, w);
        }
        FlushDeferred(w);
        _deferred = outer;
        _deferredOrder.AddRange(outerOrder);
        _zeroBars = outerZero;
    }

    private Context NewContext(int depth) => depth > 0 ? new Recompute(this, null) : new Hoisted(this);

    private void ReverseStatement(Stmt s, int depth, Writer w)
    {
        switch (s)
        {
            case Assign a:
            {
                TVar v = a.Target;
                if (!v.Active && !Saves(a, depth))
                    return;
                w.Line($"// line {a.Line}: {a.Source}");
                if (Saves(a, depth))
                    w.Line(depth > 0 ? $"{v.Name} = {_stack}.Pop();" : $"{v.Name} = {a.OldValue};");
                if (!v.Active)
                    return;
                Context context = NewContext(depth);
                var body = new Writer();
                switch (a.Kind)
                {
                    case AssignKind.Set when a.Value.Active:
                    {
                        string adjoint = Tmp("_a");
                        body.Line($"{_t} {adjoint} = {v.Bar};");
                        body.Line($"{v.Bar} = {_t}.Zero;");
                        _zeroBars?.Add(v.Bar);
                        Backprop(a.Value, adjoint, context, body);
                        break;
                    }
                    case AssignKind.Set:
                        body.Line($"{v.Bar} = {_t}.Zero;");
                        _zeroBars?.Add(v.Bar);
                        break;
                    case AssignKind.Add:
                        Backprop(a.Value, v.Bar, context, body);
                        break;
                    case AssignKind.Subtract when a.Value.Active:
                        Backprop(a.Value, Negated(v.Bar), context, body);
                        break;
                }
                Flush(context, body, defer: true);
                w.Append(context.Prelude);
                w.Append(body);
                return;
            }
            case OutputWrite o:
            {
                if (!o.Value.Active && o.Kind != AssignKind.Set)
                    return;
                w.Line($"// line {o.Line}: {o.Source}");
                Context context = NewContext(depth);
                var body = new Writer();
                string element = $"{o.Output.Bar}[{o.Index}]";
                string adjoint = Temp(body, o.Kind == AssignKind.Subtract ? "-" + element : element);
                if (o.Kind == AssignKind.Set)
                    body.Line($"{element} = {_t}.Zero;");
                Backprop(o.Value, adjoint, context, body);
                Flush(context, body);
                w.Append(context.Prelude);
                w.Append(body);
                return;
            }
            case Block inner:
                w.Open();
                Reverse(inner, depth, w);
                w.Close();
                return;
            case If branch:
                w.Line($"// line {branch.Line}: {branch.Source}");
                Branches(w, depth > 0 ? $"{_bitStack}.Pop()" : branch.HoistedBit!, branch, b => Reverse(b, depth, w));
                return;
            case For loop when loop.Fused:
                w.Line($"// line {loop.Line}: {loop.Source}   (fused: swept in the forward sweep)");
                return;
            case For loop:
            {
                w.Line($"// line {loop.Line}: {loop.Source}, backwards");
                if (depth > 0)
                    w.Line($"int {loop.Count} = {_countStack}.Pop();");
                string k = Tmp("_k");
                string index = loop.Step switch
                {
                    "1" => $"{Atomic(loop.Init)} + {k}",
                    "-1" => $"{Atomic(loop.Init)} - {k}",
                    _ => $"{Atomic(loop.Init)} + {k} * ({loop.Step})",
                };
                w.Line($"for (int {k} = {loop.Count} - 1; {k} >= 0; {k}--)");
                w.Open();
                w.Line($"int {loop.Variable} = {index};");
                Reverse(loop.Body, depth + 1, w);
                w.Close();
                return;
            }
            case Return r when _fused is not null && r == _preseed:
                w.Line($"// line {r.Line}: {r.Source}   (swept before the fused loop, line {_fused.Line})");
                return;
            case Return r:
                w.Line($"// line {r.Line}: {r.Source}");
                ReturnReverse(r, NewContext(depth), w);
                return;
        }
    }

    private void ReturnReverse(Return r, Context context, Writer w)
    {
        var body = new Writer();
        Backprop(r.Value, _seed, context, body);
        Flush(context, body);
        w.Append(context.Prelude);
        w.Append(body);
    }

    private string Temp(Writer w, string expression)
    {
        string name = Tmp("_a");
        w.Line($"{_t} {name} = {expression};");
        _operands[name] = AdjointTemp.Matches(expression).Cast<System.Text.RegularExpressions.Match>().Select(m => m.Value).ToList();
        return name;
    }

    // The adjoints of parameters: a NaN product that matters reaches one of them (or a call's seed), since NaN
    // survives plain sums and products; one that does not reach them is dropped by the exact variant too.
    private bool IsOutput(string sink) =>
        _m.Parameters.Any(p => (p.Scalar is { } v && sink == v.Bar) || (p.Span is { } span && sink.StartsWith(span.Bar + "[", System.StringComparison.Ordinal)));

    // A temporary computed once per statement (x·x sends the same product to x twice).
    private string Temp(Writer w, string expression, Context context)
    {
        if (context.Temps.TryGetValue(expression, out string? known))
            return known;
        return context.Temps[expression] = Temp(w, expression);
    }

    // The contributions a statement sends to one adjoint are added at its end, in one statement per target; in a
    // fused loop's iteration those to input spans' elements are added once, after a run of assignments (_deferred).
    private void Flush(Context context, Writer w, bool defer = false)
    {
        var group = new List<(string, List<string>)>();
        foreach (KeyValuePair<string, List<string>> sink in context.Sinks)
        {
            if (defer && _deferred is not null && IsInputElement(sink.Key))
            {
                if (!_deferred.TryGetValue(sink.Key, out List<string>? terms))
                {
                    _deferred[sink.Key] = terms = new List<string>();
                    _deferredOrder.Add(sink.Key);
                }
                // A term that is a variable's adjoint (v += x[i] sends v_bar) is copied now: a later statement's sweep
                // (v's declaration) may reset it before the merged addition runs. Temporaries never change.
                terms.AddRange(sink.Value.Select(t => AdjointTemp.Match(t) is { Success: true } m && m.Value == t.TrimStart('-') ? t : Temp(w, t)));
                continue;
            }
            group.Add((sink.Key, sink.Value));
        }
        Add(group, w);
        context.Sinks.Clear();
    }

    // Adds each target's terms to it. In the fast variant a contribution to a parameter's adjoint goes into the NaN
    // probe, unless another contribution of the group is computed from it by + − × only (NaN propagates through
    // them: that one shows it), as x̄ᵢ₊₁'s ā does in x̄ᵢ's −2ā·xᵢ.
    private void Add(List<(string Target, List<string> Terms)> group, Writer w)
    {
        var sums = new List<(string Target, string Sum, bool Output)>();
        foreach ((string target, List<string> terms) in group)
        {
            string sum = Sum(terms);
            bool output = _fast && IsOutput(target);
            if (output && terms.Count > 1)
                sum = Temp(w, sum);   // a local: the probe and the adjoint add the same value
            sums.Add((target, sum, output));
        }
        var probed = sums.Where(s => s.Output).Select(s => s.Sum).Distinct().ToList();
        probed = probed.Where(v => !probed.Any(u => u != v && DependsOn(u.TrimStart('-'), v.TrimStart('-')))).ToList();
        foreach ((string target, string sum, bool output) in sums)
        {
            if (output && probed.Remove(sum))
                w.Line($"{_probe} += {sum};");
            // A local's adjoint known to be zero (see _zeroBars) is set, not added to: x + 0 is not foldable in IEEE.
            w.Line(_zeroBars?.Remove(target) == true ? $"{target} = {sum};" : $"{target} += {sum};");
        }
    }

    // The adjoint temporaries (_aN) each temporary was computed from, by + − × and unary − (Temp records them).
    private readonly Dictionary<string, List<string>> _operands = new Dictionary<string, List<string>>();

    private static readonly System.Text.RegularExpressions.Regex AdjointTemp =
        new System.Text.RegularExpressions.Regex(@"(?<![A-Za-z0-9_])_a[0-9]+(?![A-Za-z0-9_])");

    private bool DependsOn(string value, string operand)
    {
        if (!_operands.TryGetValue(value, out List<string>? direct))
            return false;
        return direct.Any(d => d == operand || DependsOn(d, operand));
    }

    // In a fused loop's iteration, the adjoints known to be zero at this point of its sweep: those of the locals the
    // loop declares at the start (each iteration's sweep leaves them at zero, as shown at FusionCandidate), and any
    // adjoint just reset by the sweep of an assignment; forgotten at its first addition and at any statement other
    // than an assignment. Null elsewhere.
    private HashSet<string>? _zeroBars;

    // Input spans' adjoints are only ever added to in the reverse sweep (nothing reads them), so the additions of
    // consecutive statements can wait and be merged: one read-modify-write per element instead of one per statement.
    // Their index ints never change within a block, so equal text is the same element.
    private Dictionary<string, List<string>>? _deferred;
    private readonly List<string> _deferredOrder = new List<string>();

    private bool IsInputElement(string sink) =>
        _m.Parameters.Any(p => p.Span is { IsOutput: false } span && sink.StartsWith(span.Bar + "[", System.StringComparison.Ordinal));

    private void FlushDeferred(Writer w)
    {
        if (_deferred is null || _deferred.Count == 0)
            return;
        w.Line("// the input adjoints of the statements above, added once per element");
        Add(_deferredOrder.Select(key => (key, _deferred[key])).ToList(), w);
        _deferred.Clear();
        _deferredOrder.Clear();
    }

    // Negation is carried to the sinks instead of computed (−a is exact, and a + (−b) is a − b): an adjoint written
    // "-name" is the negative of the temporary or adjoint name; Scaled and Flush keep the sign outside.
    private static string Negated(string adjoint) => adjoint.StartsWith("-", System.StringComparison.Ordinal) ? adjoint.Substring(1) : "-" + adjoint;

    // adjoint × partial in a temporary (one per statement and expression), its sign carried outside.
    private string Scaled(string adjoint, string partial, Context context, Writer w)
    {
        bool negative = adjoint.StartsWith("-", System.StringComparison.Ordinal);
        string name = Temp(w, Product(negative ? adjoint.Substring(1) : adjoint, partial), context);
        return negative ? "-" + name : name;
    }

    // The terms as one sum, the negative ones subtracted: a + b − c − d.
    private static string Sum(List<string> terms)
    {
        List<string> positive = terms.Where(t => !t.StartsWith("-", System.StringComparison.Ordinal)).ToList();
        List<string> negative = terms.Where(t => t.StartsWith("-", System.StringComparison.Ordinal)).Select(t => t.Substring(1)).ToList();
        string sum = positive.Count > 0 ? string.Join(" + ", positive) : "-" + negative[0];
        foreach (string n in positive.Count > 0 ? negative : negative.Skip(1))
            sum += " - " + n;
        return sum;
    }

    /// <summary>Adds n's partials times its adjoint to the adjoints of what n reads.</summary>
    private void Backprop(Node n, string adjoint, Context context, Writer w)
    {
        if (!n.Active)
            return;
        switch (n)
        {
            case Leaf { Kind: LeafKind.Variable } leaf:
                context.Send(leaf.Variable!.Bar, adjoint);
                return;
            case Leaf { Kind: LeafKind.Input } leaf:
                context.Send($"{leaf.Input!.Bar}[{leaf.Index}]", adjoint);
                return;
            case Op { Kind: OpKind.Negate } o:
                Backprop(o.Left, Negated(adjoint), context, w);
                return;
            case Op { Kind: OpKind.Add } o:
                Backprop(o.Left, adjoint, context, w);
                Backprop(o.Right!, adjoint, context, w);
                return;
            case Op { Kind: OpKind.Subtract } o:
                Backprop(o.Left, adjoint, context, w);
                if (o.Right!.Active)
                    Backprop(o.Right, Negated(adjoint), context, w);
                return;
            case Op { Kind: OpKind.Multiply } o:
                if (o.Left.Active)
                    Backprop(o.Left, Scaled(adjoint, context.Value(o.Right!), context, w), context, w);
                if (o.Right!.Active)
                    Backprop(o.Right, Scaled(adjoint, context.Value(o.Left), context, w), context, w);
                return;
            case Op { Kind: OpKind.Divide } o:
                // ∂(x/y)/∂x = 1/y, ∂(x/y)/∂y = −(x/y)/y, as the tape records them.
                if (o.Left.Active)
                    Backprop(o.Left, Scaled(adjoint, $"{_t}.One / {context.Value(o.Right!)}", context, w), context, w);
                if (o.Right!.Active)
                    Backprop(o.Right, Scaled(adjoint, $"-{context.Value(o)} / {context.Value(o.Right)}", context, w), context, w);
                return;
            case RuleCall r when r.Right is null:
                Backprop(r.Left, Scaled(adjoint, $"{r.Rule}.D1({context.Value(r.Left)}, {context.Value(r)})", context, w), context, w);
                return;
            case RuleCall r:
            {
                string x = context.Value(r.Left), y = context.Value(r.Right!), f = context.Value(r);
                if (r.Left.Active)
                    Backprop(r.Left, Scaled(adjoint, $"{r.Rule}.Dx({x}, {y}, {f})", context, w), context, w);
                if (r.Right!.Active)
                    Backprop(r.Right, Scaled(adjoint, $"{r.Rule}.Dy({x}, {y}, {f})", context, w), context, w);
                return;
            }
            case Call c:
            {
                var primal = new List<string>();
                var adjoints = new List<string>();
                var pending = new List<(Node, string)>();
                foreach (Argument argument in c.Arguments)
                {
                    switch (argument)
                    {
                        case ValueArgument v:
                        {
                            primal.Add(context.Value(v.Value));
                            string bar = Temp(w, _t + ".Zero");
                            adjoints.Add("ref " + bar);
                            pending.Add((v.Value, bar));
                            break;
                        }
                        case SpanArgument s:
                            primal.Add(s.Span.Name);
                            adjoints.Add(s.Span.Bar);
                            break;
                        case ConstantArgument k:
                            primal.Add(k.Code);
                            break;
                    }
                }
                if (_fast)
                    w.Line($"{_nanLocal} |= {_t}.IsNaN({adjoint});");
                w.Line($"{c.Adjoint}({string.Join(", ", primal.Concat(adjoints).Concat(new[] { adjoint }))});");
                foreach ((Node value, string bar) in pending)
                    Backprop(value, bar, context, w);
                return;
            }
            case Conditional c:
            {
                w.Line($"if ({context.Bit(c)})");
                foreach (Node side in new[] { c.WhenTrue, c.WhenFalse })
                {
                    if (side == c.WhenFalse)
                        w.Line("else");
                    w.Open();
                    Context inner = context.Branch();
                    var body = new Writer();
                    Backprop(side, adjoint, inner, body);
                    Flush(inner, body);
                    w.Append(inner.Prelude);
                    w.Append(body);
                    w.Close();
                }
                return;
            }
        }
    }

    /// <summary>Where the reverse sweep of one statement finds the values of the nodes it differentiates.</summary>
    private abstract class Context
    {
        public Writer Prelude { get; } = new Writer();
        public Dictionary<string, string> Temps { get; } = new Dictionary<string, string>();
        public Dictionary<string, List<string>> Sinks { get; } = new Dictionary<string, List<string>>();

        public void Send(string target, string adjoint)
        {
            if (!Sinks.TryGetValue(target, out List<string>? terms))
                Sinks[target] = terms = new List<string>();
            terms.Add(adjoint);
        }

        public abstract string Value(Node n);
        public abstract string Bit(Conditional c);
        public abstract Context Branch();

        protected static string Leaf(Emitter e, Leaf leaf)
        {
            if (leaf.Variable is { } v)
                e.Need(v);
            return leaf.Code;
        }
    }

    // Outside loops: the forward sweep kept every intermediate in a local.
    private sealed class Hoisted : Context
    {
        private readonly Emitter _e;

        public Hoisted(Emitter e) => _e = e;

        public override string Value(Node n) => n is Leaf leaf ? Leaf(_e, leaf) : n.Hoisted!;
        public override string Bit(Conditional c) => c.HoistedBit!;
        public override Context Branch() => new Hoisted(_e);
    }

    // Inside loops: intermediates are recomputed from the variables (restored to their values at the statement).
    private sealed class Recompute : Context
    {
        private readonly Emitter _e;
        private readonly Recompute? _parent;
        private readonly Dictionary<Node, string> _known = new Dictionary<Node, string>();

        public Recompute(Emitter e, Recompute? parent)
        {
            _e = e;
            _parent = parent;
        }

        private string? Known(Node n) => _known.TryGetValue(n, out string? name) ? name : _parent?.Known(n);

        public override string Bit(Conditional c)
        {
            foreach (TVar v in c.Condition.Reads)
                _e.Need(v);
            return c.Condition.Code;
        }

        public override Context Branch() => new Recompute(_e, this);

        public override string Value(Node n)
        {
            if (n is Leaf leaf)
                return Leaf(_e, leaf);
            if (Known(n) is { } known)
                return known;
            string name;
            if (n is Conditional c)
            {
                name = _e.Tmp("_r");
                Prelude.Line($"{_e._t} {name};");
                Prelude.Line($"if ({Bit(c)})");
                foreach (Node side in new[] { c.WhenTrue, c.WhenFalse })
                {
                    if (side == c.WhenFalse)
                        Prelude.Line("else");
                    Prelude.Open();
                    var inner = new Recompute(_e, this);
                    string value = inner.Value(side);
                    Prelude.Append(inner.Prelude);
                    Prelude.Line($"{name} = {value};");
                    Prelude.Close();
                }
            }
            else
            {
                string expression = _e.Apply(n, Value);
                name = _e.Tmp("_r");
                Prelude.Line($"{_e._t} {name} = {expression};");
            }
            _known[n] = name;
            return name;
        }
    }
}
