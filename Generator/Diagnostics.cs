using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Autodiff.Generator;

/// <summary>The generator's diagnostics: every construct it cannot differentiate is an error, never wrong code.</summary>
internal static class Diagnostics
{
    private const string Category = "Dual.Generator";
    private const string Help = "docs/compiled-adjoints.md";

    public static readonly DiagnosticDescriptor Signature = Error("DUAL001",
        "Unsupported [Differentiable] signature",
        "[Differentiable] method '{0}': {1}");

    public static readonly DiagnosticDescriptor NotPartial = Error("DUAL002",
        "The containing type must be partial and not generic",
        "[Differentiable] method '{0}': its containing type '{1}' must be declared partial and must not be generic, so the generated adjoint can be added to it");

    public static readonly DiagnosticDescriptor Statement = Error("DUAL003",
        "Unsupported statement",
        "[Differentiable] method '{0}': {1} is not supported by the compiled adjoint (the tape, Reverse.Grad without [Differentiable], supports it)");

    public static readonly DiagnosticDescriptor Expression = Error("DUAL004",
        "Unsupported expression",
        "[Differentiable] method '{0}': {1} is not supported by the compiled adjoint");

    public static readonly DiagnosticDescriptor Call = Error("DUAL005",
        "Unsupported call",
        "[Differentiable] method '{0}': the call to '{1}' is not supported: only rule-table functions of T, T.CreateChecked constants and other [Differentiable] methods can be differentiated");

    public static readonly DiagnosticDescriptor Write = Error("DUAL006",
        "Unsupported write",
        "[Differentiable] method '{0}': writing to {1} is not supported: only T and int locals and the elements of Span<T> outputs may be written");

    public static readonly DiagnosticDescriptor Recursion = Error("DUAL007",
        "Recursion",
        "[Differentiable] method '{0}' calls itself: recursion is not supported by the compiled adjoint");

    public static readonly DiagnosticDescriptor EarlyReturn = Error("DUAL008",
        "Return before the end",
        "[Differentiable] method '{0}': the only return must be the last statement of the method");

    public static readonly DiagnosticDescriptor Loop = Error("DUAL009",
        "Unsupported loop",
        "[Differentiable] method '{0}': {1}");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: title + ".", helpLinkUri: Help);
}

/// <summary>A diagnostic as plain, comparable data (the incremental pipeline caches by equality; Location holds a tree).</summary>
internal sealed class DiagnosticInfo : IEquatable<DiagnosticInfo>
{
    public DiagnosticInfo(DiagnosticDescriptor descriptor, Location location, params string[] arguments)
    {
        Descriptor = descriptor;
        Arguments = arguments;
        FileLinePositionSpan lines = location.GetLineSpan();
        FilePath = lines.Path;
        Span = location.SourceSpan;
        LineSpan = lines.Span;
    }

    public DiagnosticDescriptor Descriptor { get; }
    public string[] Arguments { get; }
    public string FilePath { get; }
    public TextSpan Span { get; }
    public LinePositionSpan LineSpan { get; }

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location.Create(FilePath, Span, LineSpan), Arguments.Cast<object>().ToArray());

    public bool Equals(DiagnosticInfo? other) =>
        other is not null && (Descriptor.Id, FilePath, Span) == (other.Descriptor.Id, other.FilePath, other.Span) &&
        Arguments.SequenceEqual(other.Arguments);

    public override bool Equals(object? obj) => Equals(obj as DiagnosticInfo);

    public override int GetHashCode() => (Descriptor.Id, FilePath, Span).GetHashCode();
}

/// <summary>What one [Differentiable] method gives: a source file, or the diagnostics that stop it.</summary>
internal sealed class GenerationResult : IEquatable<GenerationResult>
{
    public GenerationResult(string hintName, string? source, IReadOnlyList<DiagnosticInfo> diagnostics)
    {
        HintName = hintName;
        Source = source;
        Diagnostics = diagnostics;
    }

    public string HintName { get; }
    public string? Source { get; }
    public IReadOnlyList<DiagnosticInfo> Diagnostics { get; }

    // The hint name is left out: it follows from the source (which spells the containing types, the method and its
    // parameter types), and a result without source adds no file.
    public bool Equals(GenerationResult? other) =>
        other is not null && Source == other.Source && Diagnostics.SequenceEqual(other.Diagnostics);

    public override bool Equals(object? obj) => Equals(obj as GenerationResult);

    public override int GetHashCode() => (Source, Diagnostics.Count).GetHashCode();
}
