using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Autodiff.Generator;

/// <summary>
/// The incremental source generator: for each method marked <c>[Differentiable]</c> it writes, at compile time,
/// <c>F_Adjoint</c> (the value and the adjoints of its T and ReadOnlySpan&lt;T&gt; parameters, added to the caller's
/// accumulators), <c>F_Grad</c> for <c>T F&lt;T&gt;(ReadOnlySpan&lt;T&gt; x)</c> (with its registration, so
/// <c>Reverse.Grad(F, x)</c> runs it) or <c>F_Vjp</c> for the in-place vector form — or diagnostics, never wrong code.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DifferentiableGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<GenerationResult> results = context.SyntaxProvider.ForAttributeWithMetadataName(
            "Autodiff.DifferentiableAttribute",
            static (node, _) => node is MethodDeclarationSyntax,
            static (ctx, ct) => Generate((MethodDeclarationSyntax)ctx.TargetNode, (IMethodSymbol)ctx.TargetSymbol, ctx.SemanticModel, ct));
        context.RegisterSourceOutput(results, static (spc, result) =>
        {
            foreach (DiagnosticInfo d in result.Diagnostics)
                spc.ReportDiagnostic(d.ToDiagnostic());
            if (result.Source is not null)
                spc.AddSource(result.HintName, result.Source);
        });
    }

    internal static GenerationResult Generate(MethodDeclarationSyntax syntax, IMethodSymbol method, SemanticModel model, CancellationToken ct)
    {
        string hint = HintName(method);
        var diagnostics = new List<DiagnosticInfo>();
        Location at = syntax.Identifier.GetLocation();

        List<TypeDeclarationSyntax> containers = syntax.Ancestors().OfType<TypeDeclarationSyntax>().Reverse().ToList();
        foreach (TypeDeclarationSyntax type in containers)
            if (!type.Modifiers.Any(SyntaxKind.PartialKeyword) || type.TypeParameterList is not null)
                diagnostics.Add(new DiagnosticInfo(Diagnostics.NotPartial, at, method.Name, type.Identifier.ValueText));
        string? signature = SignatureProblem(method);
        if (signature is not null)
            diagnostics.Add(new DiagnosticInfo(Diagnostics.Signature, at, method.Name, signature));
        if (diagnostics.Count > 0 || containers.Count == 0)
            return new GenerationResult(hint, null, diagnostics);

        var lowering = new Lowering(model, method, ct);
        lowering.Run(syntax);
        if (lowering.Diagnostics.Count > 0)
            return new GenerationResult(hint, null, lowering.Diagnostics);

        var emitter = new Emitter(lowering);
        (Writer body, Writer fast) = emitter.Body(!method.ReturnsVoid);
        string members = Members(method, lowering, emitter, body, fast);
        return new GenerationResult(hint, File(syntax, containers, members), diagnostics);
    }

    private static string HintName(IMethodSymbol method)
    {
        var name = new StringBuilder(method.ContainingType.ToDisplayString() + "." + method.Name + "." + method.Parameters.Length);
        foreach (IParameterSymbol p in method.Parameters)
            name.Append('.').Append(p.Type.Name);
        name.Append(".g.cs");
        return new string(name.ToString().Select(c => char.IsLetterOrDigit(c) || c == '.' ? c : '_').ToArray());
    }

    private static string? SignatureProblem(IMethodSymbol method)
    {
        if (!method.IsStatic)
            return "it must be static";
        if (method.TypeParameters.Length != 1)
            return "it must have exactly one type parameter T (where T : IFloatingPointIeee754<T>)";
        ITypeParameterSymbol t = method.TypeParameters[0];
        if (!t.ConstraintTypes.Any(c => c.OriginalDefinition.ToDisplayString() == "System.Numerics.IFloatingPointIeee754<TSelf>"))
            return $"its type parameter {t.Name} must be constrained to IFloatingPointIeee754<{t.Name}>";
        if (!method.ReturnsVoid && !SymbolEqualityComparer.Default.Equals(method.ReturnType, t))
            return $"it must return {t.Name} (or void, writing its outputs into a Span<{t.Name}>)";
        List<ParameterKind> kinds = method.Parameters.Select(p => Lowering.Classify(p.Type, t)).ToList();
        if (method.ReturnsVoid && !kinds.Contains(ParameterKind.OutputSpan))
            return $"a void method must write its outputs into a Span<{t.Name}> parameter";
        if (!method.ReturnsVoid && kinds.Contains(ParameterKind.OutputSpan))
            return $"a method returning {t.Name} cannot also write into a Span<{t.Name}>";
        if (method.IsAsync || method.IsExtern)
            return "it must not be async or extern";
        return null;
    }

    private static string Members(IMethodSymbol method, Lowering m, Emitter emitter, Writer body, Writer fast)
    {
        string t = m.T;
        string access = SyntaxFacts.GetText(method.DeclaredAccessibility);
        string ret = method.ReturnsVoid ? "void" : t;
        string constraint = $"where {t} : global::System.Numerics.IFloatingPointIeee754<{t}>";
        var primal = m.Parameters.Select(p => $"{p.Symbol.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)} {p.Symbol.Name}").ToList();
        var adjoints = new List<string>();
        foreach (var p in m.Parameters)
        {
            if (p.Scalar is { } s)
                adjoints.Add($"ref {t} {s.Bar}");
            else if (p.Span is { } span)
                adjoints.Add($"global::System.Span<{t}> {span.Bar}");
        }
        if (!method.ReturnsVoid)
            adjoints.Add($"{t} {emitter.Seed}");
        string generated = "[global::System.CodeDom.Compiler.GeneratedCode(\"Dual.Generator\", \"0.9.0\")]";

        var w = new Writer();
        w.Line("/// <summary>");
        w.Line($"/// The compiled adjoint of <c>{Escape(method.Name)}</c>, written by the Dual source generator: runs the method (its value is");
        w.Line("/// returned) and adds to each adjoint argument the cotangent times the derivative of the result with respect to the");
        w.Line("/// matching parameter (the adjoints of T parameters by ref, of ReadOnlySpan parameters into the spans; an output");
        w.Line("/// span's adjoint holds the cotangent of the outputs and is consumed).");
        w.Line("/// </summary>");
        w.Line(generated);
        w.Line($"{access} static {ret} {method.Name}_Adjoint<{t}>({string.Join(", ", primal.Concat(adjoints))}) {constraint}");
        w.Open();
        w.Append(body);
        w.Close();

        string fastName = method.Name + "_AdjointFast";
        string parameters = string.Join(", ", primal.Concat(adjoints));
        void Fast()
        {
            w.Line("");
            w.Line($"// {method.Name}_Adjoint with plain products and a NaN flag: the exact adjoint reruns when it is set. Its one");
            w.Line("// caller inlines it: at n = 10 the call and the flag's round trip through memory were a quarter of the gradient.");
            w.Line(generated);
            w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
            w.Line($"private static {ret} {fastName}<{t}>({parameters}, out bool {emitter.Nan}) {constraint}");
            w.Open();
            w.Append(fast);
            w.Close();
        }

        var differentiated = m.Parameters.Where(p => p.Kind is ParameterKind.Scalar or ParameterKind.InputSpan).ToList();
        var outputs = m.Parameters.Where(p => p.Kind == ParameterKind.OutputSpan).ToList();
        string args = string.Join(", ", m.Parameters.Select(p => p.Symbol.Name));
        if (differentiated.Count == 1 && differentiated[0].Kind == ParameterKind.InputSpan)
        {
            SpanParam x = differentiated[0].Span!;
            string gradient = m.Names.Fresh("gradient");
            string value = m.Names.Fresh("value"), nan = m.Names.Fresh("nan");
            if (!method.ReturnsVoid)
            {
                w.Line("");
                w.Line("/// <summary>");
                w.Line($"/// The value of <c>{Escape(method.Name)}</c> at <paramref name=\"{x.Name}\"/>, with its gradient written into");
                w.Line($"/// <paramref name=\"{gradient}\"/> (of {x.Name}'s length), by the compiled adjoint: no tape.");
                w.Line("/// </summary>");
                w.Line($"/// <exception cref=\"global::System.ArgumentException\">{gradient} does not have {x.Name}'s length.</exception>");
                w.Line(generated);
                w.Line($"{access} static {t} {method.Name}_Grad<{t}>({string.Join(", ", primal)}, global::System.Span<{t}> {gradient}) {constraint}");
                w.Open();
                Check(w, gradient, x.Name);
                w.Line($"{gradient}.Fill({t}.Zero);");
                // Sliced to x's length (the check above made it so): the JIT then drops the gradient's bounds checks.
                w.Line($"{t} {value} = {fastName}({args}, {gradient}.Slice(0, {x.Name}.Length), {t}.One, out bool {nan});");
                w.Line($"if (!{nan})");
                w.Line($"    return {value};");
                w.Line("// A NaN adjoint: rerun with ChainRule.Times, where a zero factor wins (0·∞ = 0), as the tape does.");
                w.Line($"{gradient}.Fill({t}.Zero);");
                w.Line($"return {method.Name}_Adjoint({args}, {gradient}, {t}.One);");
                w.Close();
                Fast();
                if (m.Parameters.Count == 1 && Reachable(method))
                    Registration(w, method, generated);
            }
            else if (outputs.Count == 1)
            {
                string y = outputs[0].Span!.Name;
                string cotangent = m.Names.Fresh("cotangent");
                string seed = m.Names.Fresh("seed");
                w.Line("");
                w.Line("/// <summary>");
                w.Line($"/// Runs <c>{Escape(method.Name)}</c> (into a zeroed <paramref name=\"{y}\"/>) and writes the vector-Jacobian product");
                w.Line($"/// ūᵀJ for ū = <paramref name=\"{cotangent}\"/> into <paramref name=\"{gradient}\"/>, by the compiled adjoint: no tape.");
                w.Line("/// </summary>");
                w.Line($"/// <exception cref=\"global::System.ArgumentException\">{cotangent} does not have {y}'s length or {gradient} does not have {x.Name}'s length.</exception>");
                w.Line(generated);
                w.Line($"{access} static void {method.Name}_Vjp<{t}>({string.Join(", ", primal)}, global::System.ReadOnlySpan<{t}> {cotangent}, global::System.Span<{t}> {gradient}) {constraint}");
                w.Open();
                Check(w, cotangent, y);
                Check(w, gradient, x.Name);
                w.Line($"{y}.Fill({t}.Zero);");
                w.Line($"{gradient}.Fill({t}.Zero);");
                w.Line($"{t}[] {seed} = global::System.Buffers.ArrayPool<{t}>.Shared.Rent({y}.Length);");
                w.Line($"{cotangent}.CopyTo({seed});");
                w.Line($"{fastName}({args}, {gradient}.Slice(0, {x.Name}.Length), {seed}.AsSpan(0, {y}.Length), out bool {nan});");
                w.Line($"if ({nan})");
                w.Line("{");
                w.Line("    // A NaN adjoint: rerun with ChainRule.Times, where a zero factor wins (0·∞ = 0), as the tape does.");
                w.Line($"    {y}.Fill({t}.Zero);");
                w.Line($"    {gradient}.Fill({t}.Zero);");
                w.Line($"    {cotangent}.CopyTo({seed});");
                w.Line($"    {method.Name}_Adjoint({args}, {gradient}, {seed}.AsSpan(0, {y}.Length));");
                w.Line("}");
                w.Line($"global::System.Buffers.ArrayPool<{t}>.Shared.Return({seed});");
                w.Close();
                Fast();
            }
        }
        return w.ToString();
    }

    private static void Check(Writer w, string span, string like)
    {
        w.Line($"if ({span}.Length != {like}.Length)");
        w.Line($"    global::Autodiff.Compiled.ThrowLengthMismatch(nameof({span}), {span}.Length, nameof({like}), {like}.Length);");
    }

    // A module initializer must be reachable from the module: every containing type public or internal.
    private static bool Reachable(IMethodSymbol method)
    {
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
            if (type.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
                return false;
        return true;
    }

    private static void Registration(Writer w, IMethodSymbol method, string generated)
    {
        string name = method.Name;
        w.Line("");
        w.Line($"/// <summary>Registers <c>{name}_Grad</c>, so <c>Reverse.Grad({name}, x)</c> and <c>Compiled.Grad</c> run it.</summary>");
        w.Line(generated);
        w.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        w.Line($"internal static void {name}_RegisterAdjoint() =>");
        w.Line($"    global::Autodiff.Compiled.Register(((global::Autodiff.ScalarFunction<double>){name}<double>).Method, new {name}_CompiledGradient());");
        w.Line("");
        w.Line(generated);
        w.Line($"private sealed class {name}_CompiledGradient : global::Autodiff.ICompiledGradient");
        w.Open();
        w.Line("public TValue ValueAndGrad<TValue>(global::System.ReadOnlySpan<TValue> x, global::System.Span<TValue> gradient)");
        w.Line("    where TValue : global::System.Numerics.IFloatingPointIeee754<TValue> =>");
        w.Line($"    {name}_Grad<TValue>(x, gradient);");
        w.Close();
    }

    // Only method names are escaped, and a C# identifier holds no &, < or >: an emptied replacement changes nothing.
    // Stryker disable once String : equivalent, no identifier holds &, < or > (an emptied searched string would throw in every run).
    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string File(MethodDeclarationSyntax syntax, List<TypeDeclarationSyntax> containers, string members)
    {
        var w = new Writer();
        w.Line("// <auto-generated/>");
        w.Line($"// Written by the Dual source generator (Dual.Generator) for the [Differentiable] method {syntax.Identifier.ValueText}.");
        w.Line("// Do not edit: change the method and rebuild. How to read it: docs/compiled-adjoints.md.");
        w.Line("#nullable enable");
        w.Line("#pragma warning disable");
        var unit = (CompilationUnitSyntax)syntax.SyntaxTree.GetRoot();
        foreach (UsingDirectiveSyntax u in unit.Usings)
            w.Line(u.WithoutTrivia().ToString());
        w.Line("");
        var namespaces = syntax.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Reverse().ToList();
        foreach (BaseNamespaceDeclarationSyntax ns in namespaces)
        {
            w.Line($"namespace {ns.Name}");
            w.Open();
            foreach (UsingDirectiveSyntax u in ns.Usings)
                w.Line(u.WithoutTrivia().ToString());
        }
        foreach (TypeDeclarationSyntax type in containers)
        {
            string modifiers = string.Join(" ", type.Modifiers.Where(k => k.IsKind(SyntaxKind.StaticKeyword) || k.IsKind(SyntaxKind.ReadOnlyKeyword) ||
                                                                          k.IsKind(SyntaxKind.UnsafeKeyword) || k.IsKind(SyntaxKind.RefKeyword) ||
                                                                          k.IsKind(SyntaxKind.PartialKeyword)).Select(k => k.Text));
            string keyword = type is RecordDeclarationSyntax r
                ? "record" + (r.ClassOrStructKeyword.IsKind(SyntaxKind.None) ? "" : " " + r.ClassOrStructKeyword.Text)
                : type.Keyword.Text;
            w.Line($"{modifiers.Replace("partial", "").Trim()} partial {keyword} {type.Identifier.ValueText}".Trim());
            w.Open();
        }
        foreach (string line in members.Split('\n'))
            w.Line(line);
        foreach (TypeDeclarationSyntax _ in containers)
            w.Close();
        foreach (BaseNamespaceDeclarationSyntax _ in namespaces)
            w.Close();
        return w.ToString() + "\n";
    }
}
