using Microsoft.CodeAnalysis;

namespace Autodiff.Properties.Compiled;

/// <summary>
/// Where a diagnostic points and what it says, construct by construct: each unsupported construct is reported with
/// its ID, a message naming it, and a location whose source text is the construct itself (so an IDE underlines the
/// right thing); nothing is generated for the method. <see cref="GeneratorDiagnosticsTests"/> has the first cases.
/// </summary>
public sealed class GeneratorLocationTests
{
    private const string Scalar = "public static T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>";
    private const string InPlace = "public static void F<T>(ReadOnlySpan<T> x, Span<T> y) where T : IFloatingPointIeee754<T>";

    private static string Source(string body, string signature, string type = "public static partial class C") =>
        GeneratorHarness.Usings + $$"""
            {{type}}
            {
                private static int Prop { get; set; }
                [Differentiable]
                public static T G<T>(T a) where T : IFloatingPointIeee754<T> => a * a;
                [Differentiable]
                public static T H<T>(ReadOnlySpan<T> v) where T : IFloatingPointIeee754<T> => v[0];
                [Differentiable]
                public static T K<T>(T a, T b, int n = 1) where T : IFloatingPointIeee754<T> => a * b * T.CreateChecked(n);
                [Differentiable]
                {{signature}}
                {{body}}
            }
            """;

    /// <summary>The generator's diagnostics for F (the other methods are fine) and the source text each points at.</summary>
    private static void AssertReported(string source, string id, string fragment, string located)
    {
        GeneratorHarness.Output output = GeneratorHarness.Run(source);
        List<Diagnostic> mine = [.. output.Diagnostics.Where(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("'F'", StringComparison.Ordinal))];
        Assert.True(mine.Count > 0, $"no diagnostic for F; the generator reported: {string.Join("\n", output.Diagnostics)}");
        Assert.All(output.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Diagnostic? d = mine.FirstOrDefault(d => d.Id == id && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(fragment, StringComparison.Ordinal));
        Assert.True(d is not null, $"no {id} naming \"{fragment}\" among:\n{string.Join("\n", mine)}");
        Assert.Equal("Source0.cs", d.Location.GetLineSpan().Path);
        Assert.Equal(located, source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));
        // The line span agrees with the span (the diagnostic is stored as plain data and rebuilt).
        Assert.Equal(source[..d.Location.SourceSpan.Start].Count(c => c == '\n'), d.Location.GetLineSpan().StartLinePosition.Line);
        // Only G, H and K, which are fine, are generated.
        Assert.DoesNotContain(output.Driver.GetRunResult().GeneratedTrees, t => t.FilePath.Contains("C.F.", StringComparison.Ordinal));
        Assert.Equal(3, output.Driver.GetRunResult().GeneratedTrees.Length);
    }

    [Theory]
    [InlineData("{ if (x[0] > T.One) throw new InvalidOperationException(); return x[0]; }", "DUAL003", "a throw statement", "throw new InvalidOperationException();")]
    [InlineData("{ using (var d = new System.IO.MemoryStream()) { } return x[0]; }", "DUAL003", "a using statement", "using (var d = new System.IO.MemoryStream()) { }")]
    [InlineData("{ lock (typeof(C)) { } return x[0]; }", "DUAL003", "a lock statement", "lock (typeof(C)) { }")]
    [InlineData("{ T s = x[0]; if (s > T.One) goto done; s = s * s; done: return s; }", "DUAL003", "goto", "goto done;")]
    [InlineData("{ G(x[0]); return x[0]; }", "DUAL003", "the statement 'G(x[0]);'", "G(x[0]);")]
    [InlineData("{ checked { } return x[0]; }", "DUAL003", "a CheckedStatement statement", "checked { }")]
    [InlineData("{ int n; return x[0]; }", "DUAL003", "the int local 'n' without an initializer", "n")]
    [InlineData("{ T s = x[0]; s %= x[1]; return s; }", "DUAL004", "the operator %=", "s %= x[1]")]
    [InlineData("{ Prop = 1; return x[0]; }", "DUAL006", "the property 'Prop'", "Prop")]
    [InlineData("{ return x.Slice(1)[0]; }", "DUAL004", "the element access 'x.Slice(1)[0]'", "x.Slice(1)[0]")]
    [InlineData("{ return x[^1]; }", "DUAL004", "the index '^1' (indices are int expressions)", "^1")]
    [InlineData("{ return x[Environment.ProcessorCount % x.Length]; }", "DUAL004", "the int expression 'Environment.ProcessorCount'", "Environment.ProcessorCount")]
    [InlineData("{ T s = x[0]; if (x.IsEmpty) s = s * s; return s; }", "DUAL004", "the condition 'x.IsEmpty'", "x.IsEmpty")]
    [InlineData("{ T s = x[0]; if ((T)(object)x[1] > T.One) s = s * s; return s; }", "DUAL004", "(CastExpression)", "(T)(object)x[1]")]
    [InlineData("{ T s = x[0]; if (T.One < (T)(object)x[1]) s = s * s; return s; }", "DUAL004", "(CastExpression)", "(T)(object)x[1]")]
    [InlineData("{ return x[1 % Environment.ProcessorCount]; }", "DUAL004", "the int expression 'Environment.ProcessorCount'", "Environment.ProcessorCount")]
    [InlineData("{ T s = x[0]; if (Environment.ProcessorCount > 1) s = s * s; return s; }", "DUAL004", "the int expression 'Environment.ProcessorCount'", "Environment.ProcessorCount")]
    [InlineData("{ T s = x[0]; if (1 < Environment.ProcessorCount) s = s * s; return s; }", "DUAL004", "the int expression 'Environment.ProcessorCount'", "Environment.ProcessorCount")]
    [InlineData("{ T s = x[0]; if (string.IsNullOrEmpty(\"\")) s = s * s; return s; }", "DUAL004", "the condition 'string.IsNullOrEmpty(\"\")'", "string.IsNullOrEmpty(\"\")")]
    [InlineData("{ return x[\"ab\".Length - 1]; }", "DUAL004", "the int expression '\"ab\".Length'", "\"ab\".Length")]
    [InlineData("{ return T.ScaleB(x[0], 2); }", "DUAL005", "'T.ScaleB'", "T.ScaleB(x[0], 2)")]
    [InlineData("{ return G(a: x[0]); }", "DUAL005", "C.G (pass every argument, by position, and use its T result)", "G(a: x[0])")]
    [InlineData("{ return K(x[0], x[1]); }", "DUAL005", "C.K (pass every argument, by position, and use its T result)", "K(x[0], x[1])")]
    [InlineData("{ return K(x[0], x[1], n: 2); }", "DUAL005", "C.K (pass every argument, by position, and use its T result)", "K(x[0], x[1], n: 2)")]
    [InlineData("{ return H(x.Slice(1)); }", "DUAL004", "the argument 'x.Slice(1)' to H", "x.Slice(1)")]
    [InlineData("{ return x[0] * (T)(object)x[1]; }", "DUAL004", "(CastExpression)", "(T)(object)x[1]")]
    [InlineData("{ T s = T.Zero; for (int i = 0; i < x.Length; i++) { return s; } return s; }", "DUAL008", "the only return", "return s;")]
    [InlineData("{ T s = x[0]; { s = s * s; return s; } }", "DUAL008", "the only return", "return s;")]
    [InlineData("{ yield return x[0]; }", "DUAL003", "yield", "yield return x[0];")]
    [InlineData("{ T s = T.Zero; for (int i = 0, j = 0; i < x.Length; i++) s += x[i]; return s; }", "DUAL009", "a for loop must declare one int index", "for")]
    [InlineData("{ T s = T.Zero; for (int i = 0; ; i++) s += x[0]; return s; }", "DUAL009", "a for loop must declare one int index", "for")]
    [InlineData("{ T s = T.Zero; for (int i = 0; x[i] < T.One; i++) s += x[i]; return s; }", "DUAL009", "the loop condition 'x[i] < T.One' depends on T values", "x[i] < T.One")]
    [InlineData("{ T s = T.Zero; for (int i = 0; i < Environment.ProcessorCount; i++) s += x[0]; return s; }", "DUAL004", "the int expression 'Environment.ProcessorCount'", "Environment.ProcessorCount")]
    [InlineData("{ T s = T.Zero; for (int i = 0; i < x.Length; i += 0) s += x[i]; return s; }", "DUAL009", "the loop step 'i += 0'", "i += 0")]
    [InlineData("{ T s = T.Zero; for (int i = x.Length - 1; i >= 0; i -= x.Length) s += x[i]; return s; }", "DUAL009", "the loop step 'i -= x.Length'", "i -= x.Length")]
    [InlineData("{ T s = T.Zero; int j = 0; for (int i = 0; i < x.Length; j += 1) s += x[0]; return s; }", "DUAL009", "the loop step 'j += 1'", "j += 1")]
    [InlineData("{ T s = T.Zero; int j = 0; for (int i = x.Length - 1; i >= 0; j -= 1) s += x[0]; return s; }", "DUAL009", "the loop step 'j -= 1'", "j -= 1")]
    public void A_construct_of_a_scalar_method_is_reported_at_itself(string body, string id, string fragment, string located) =>
        AssertReported(Source(body, Scalar), id, fragment, located);

    [Theory]
    [InlineData("{ y[0] = x[0]; y[0] *= x[1]; }", "DUAL006", "'y[0]' with *= (outputs take =, += or -=)", "y[0] *= x[1]")]
    [InlineData("{ y[0] = x[0]; y[1] = y[0] * x[1]; }", "DUAL004", "reading the output span 'y' (keep the value in a local)", "y[0]")]
    [InlineData("=> y[0] = x[0];", "DUAL003", "an expression-bodied void method", "=> y[0] = x[0]")]
    [InlineData("{ y[0] = x[0]; return; y[1] = x[1]; }", "DUAL008", "the only return", "return;")]
    public void A_construct_of_an_in_place_method_is_reported_at_itself(string body, string id, string fragment, string located) =>
        AssertReported(Source(body, InPlace), id, fragment, located);

    [Theory]
    [InlineData("public static T F<T>(T a) where T : IFloatingPointIeee754<T>", "{ a = a * a; return a; }", "DUAL006", "the parameter 'a' (copy it into a local)", "a")]
    [InlineData("public static void F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>", "{ }", "DUAL001", "a void method must write its outputs into a Span<T> parameter", "F")]
    [InlineData("public static T F<T>(ReadOnlySpan<T> x, Span<T> y) where T : IFloatingPointIeee754<T>", "{ return x[0]; }", "DUAL001", "a method returning T cannot also write into a Span<T>", "F")]
    [InlineData("public static T F<T, U>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>", "{ return x[0]; }", "DUAL001", "it must have exactly one type parameter T", "F")]
    [InlineData("public static T F<T>(ReadOnlySpan<T> x, out T y) where T : IFloatingPointIeee754<T>", "{ y = x[0]; return x[0]; }", "DUAL001", "the parameter 'y' passed by out of type 'T' is not supported", "y")]
    [InlineData("public static T F<T>(ReadOnlySpan<T> x, T[][] y) where T : IFloatingPointIeee754<T>", "{ return x[0]; }", "DUAL001", "the parameter 'y' of type 'T[][]' is not supported", "y")]
    [InlineData("public static extern T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>", ";", "DUAL001", "it must not be async or extern", "F")]
    public void A_signature_is_reported_at_the_method_or_the_parameter(string signature, string body, string id, string fragment, string located) =>
        AssertReported(Source(body, signature), id, fragment, located);

    [Fact]
    public void A_generic_or_non_partial_containing_type_is_reported_naming_it()
    {
        string generic = GeneratorHarness.Usings + """
            public static partial class C<U>
            {
                [Differentiable]
                public static T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0];
            }
            """;
        GeneratorHarness.Output reported = GeneratorHarness.Run(generic);
        Diagnostic g = Assert.Single(reported.Diagnostics);
        Assert.Equal("DUAL002", g.Id);
        Assert.Contains("its containing type 'C' must be declared partial and must not be generic", g.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("F", generic.Substring(g.Location.SourceSpan.Start, g.Location.SourceSpan.Length));
        Assert.Empty(reported.Driver.GetRunResult().GeneratedTrees);
        string nested = GeneratorHarness.Usings + """
            public static partial class Outer
            {
                public static class Inner
                {
                    [Differentiable]
                    public static T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0];
                }
            }
            """;
        GeneratorHarness.Output output = GeneratorHarness.Run(nested);
        Diagnostic d = Assert.Single(output.Diagnostics);
        Assert.Equal("DUAL002", d.Id);
        Assert.Contains("its containing type 'Inner' must be declared partial", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(output.Driver.GetRunResult().GeneratedTrees);
    }

    /// <summary>Every ID has a title, a description and the help link to the page documenting it.</summary>
    [Fact]
    public void Every_diagnostic_has_a_title_and_a_help_link_to_the_documentation_listing_its_id()
    {
        string page = File.ReadAllText(Autodiff.Properties.Support.Repository.Path("docs", "compiled-adjoints.md"));
        // Every descriptor the generator declares (its static fields), in ID order.
        DiagnosticDescriptor[] descriptors = [.. new Autodiff.Generator.DifferentiableGenerator().GetType().Assembly
            .GetType("Autodiff.Generator.Diagnostics")!
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => f.GetValue(null)).OfType<DiagnosticDescriptor>().OrderBy(d => d.Id, StringComparer.Ordinal)];
        Assert.Equal([.. Enumerable.Range(1, 9).Select(k => $"DUAL00{k}")], descriptors.Select(d => d.Id));
        foreach (DiagnosticDescriptor d in descriptors)
        {
            string title = d.Title.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(string.IsNullOrWhiteSpace(title), d.Id);
            Assert.Equal(title + ".", d.Description.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("Dual.Generator", d.Category);
            Assert.Equal("docs/compiled-adjoints.md", d.HelpLinkUri);
            Assert.Equal(DiagnosticSeverity.Error, d.DefaultSeverity);
            Assert.True(d.IsEnabledByDefault, d.Id);
            Assert.Contains($"| {d.Id} |", page, StringComparison.Ordinal);
        }
        Assert.Equal(descriptors.Length, descriptors.Select(d => d.Title.ToString(System.Globalization.CultureInfo.InvariantCulture)).Distinct().Count());
    }
}
