using Microsoft.CodeAnalysis;

namespace Autodiff.Properties.Compiled;

/// <summary>
/// Every construct the generator does not compile is a compile-time error with an ID, a message naming the
/// construct and a location inside the method — and then no code is generated at all (never wrong code).
/// </summary>
public sealed class GeneratorDiagnosticsTests
{
    private static string Method(string body, string signature = "public static T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>",
        string type = "public static partial class C", string extra = "") =>
        GeneratorHarness.Usings + $$"""
            {{type}}
            {
                private static double _field;
                private static T NotMarked<T>(T a) where T : IFloatingPointIeee754<T> => a;
                {{extra}}
                [Differentiable]
                {{signature}}
                {
                    {{body}}
                }
            }
            """;

    private static void AssertReported(string source, string id, string fragment)
    {
        GeneratorHarness.Output output = GeneratorHarness.Run(source);
        Diagnostic d = Assert.Single(output.Diagnostics, x => x.Id == id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains(fragment, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("'F'", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        // Located in the method's source, and nothing generated for it.
        Assert.Equal("Source0.cs", d.Location.GetLineSpan().Path);
        Assert.True(d.Location.SourceSpan.Start >= source.IndexOf("[Differentiable]", StringComparison.Ordinal), $"{d} is outside the method");
        Assert.True(d.Location.SourceSpan.End <= source.Length, $"{d} is outside the source");
        Assert.Empty(output.Driver.GetRunResult().GeneratedTrees);
    }

    [Theory]
    [InlineData("T s = T.Zero; int i = 0; while (i < x.Length) { s += x[i]; i = i + 1; } return s;", "DUAL003", "a while loop")]
    [InlineData("T s = T.Zero; do { s += x[0]; } while (s < T.One); return s;", "DUAL003", "a do loop")]
    [InlineData("T s = T.Zero; foreach (T v in x) s += v; return s;", "DUAL003", "a foreach loop")]
    [InlineData("T s = T.Zero; for (int i = 0; i < x.Length; i++) { if (x[i] > T.One) break; s += x[i]; } return s;", "DUAL003", "break")]
    [InlineData("T s = T.Zero; for (int i = 0; i < x.Length; i++) { if (x[i] > T.One) continue; s += x[i]; } return s;", "DUAL003", "continue")]
    [InlineData("T s = x[0]; switch (x.Length) { case 1: s = s * s; break; } return s;", "DUAL003", "a switch statement")]
    [InlineData("T s = x[0]; try { s = s * s; } finally { } return s;", "DUAL003", "a try statement")]
    [InlineData("T Sq(T a) => a * a; return Sq(x[0]);", "DUAL003", "a local function")]
    [InlineData("double d = 2; return x[0] * T.CreateChecked(d);", "DUAL003", "the local 'd' of type 'double'")]
    [InlineData("return F(x) + x[0];", "DUAL007", "calls itself")]
    [InlineData("_field = 1; return x[0];", "DUAL006", "the field '_field'")]
    [InlineData("x[0] = T.One; return x[0];", "DUAL006", "'x[0]'")]
    [InlineData("int n = x.Length; n = 2; return x[0];", "DUAL006", "the int local 'n'")]
    [InlineData("T s = x[0]; s++; return s;", "DUAL006", "with ++ or --")]
    [InlineData("return T.Max(x[0], x[1]);", "DUAL005", "T.Max")]
    [InlineData("return NotMarked(x[0]);", "DUAL005", "C.NotMarked")]
    [InlineData("return T.CreateChecked(Math.Sin(1.0)) * T.CreateChecked(x.Length) + T.CreateChecked(double.CreateChecked(x[0]));", "DUAL004", "T.CreateChecked of a value that depends on the inputs")]
    [InlineData("if (x[0] > T.Zero) return x[0]; return -x[0];", "DUAL008", "the only return")]
    [InlineData("T s = T.Zero; for (int i = 0; s < T.One; i++) s += x[0]; return s;", "DUAL009", "depends on T values")]
    [InlineData("T s = T.Zero; for (int i = 0; i < x.Length; i = i * 2) s += x[i]; return s;", "DUAL009", "the loop step")]
    [InlineData("T s = T.Zero; for (int i = 0; i < x.Length; i++) { s += x[i]; i += 1; } return s;", "DUAL006", "the int local 'i'")]
    [InlineData("return x[0] % x[1];", "DUAL004", "x[0] % x[1]")]
    [InlineData("T[] copy = x.ToArray(); return copy[0];", "DUAL003", "the local 'copy'")]
    public void An_unsupported_construct_is_an_error_naming_it(string body, string id, string fragment) =>
        AssertReported(Method(body), id, fragment);

    [Fact]
    public void Unsupported_signatures_and_containing_types_are_errors()
    {
        AssertReported(Method("return x[0];", type: "public static class C"), "DUAL002", "must be declared partial");
        AssertReported(Method("return x[0];", signature: "public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>", type: "public partial class C"),
            "DUAL001", "must be static");
        AssertReported(Method("return x[0];", signature: "public static T F<T>(ReadOnlySpan<T> x) where T : INumber<T>"), "DUAL001", "IFloatingPointIeee754");
        AssertReported(Method("return 1.0;", signature: "public static double F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>"), "DUAL001", "must return T");
        AssertReported(Method("return x[0];", signature: "public static T F<T>(ReadOnlySpan<T> x, ref T y) where T : IFloatingPointIeee754<T>"), "DUAL001", "the parameter 'y'");
        AssertReported(Method("return x[0];", signature: "public static T F<T>(ReadOnlySpan<T> x, System.Collections.Generic.List<T> y) where T : IFloatingPointIeee754<T>"),
            "DUAL001", "the parameter 'y'");
    }

    [Fact]
    public void A_supported_method_beside_gives_no_diagnostic_and_its_code_compiles()
    {
        GeneratorHarness.Output output = GeneratorHarness.Run(Method("T s = T.Zero; for (int i = 0; i < x.Length; i++) s += T.Sin(x[i]); return s;"));
        Assert.Empty(output.Diagnostics);
        Assert.Empty(output.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Single(output.Driver.GetRunResult().GeneratedTrees);
    }

    /// <summary>
    /// Editing an unrelated file re-runs no generation output: the step's results are cached, for a method that
    /// compiles and for one that reports a diagnostic (its result is found equal to the last one, so it is reported
    /// again from the cache).
    /// </summary>
    [Fact]
    public void Editing_an_unrelated_file_regenerates_nothing()
    {
        string method = Method("T s = T.Zero; for (int i = 0; i < x.Length; i++) s += T.Exp(x[i]); return s;",
            extra: "[Differentiable] public static T G<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => T.Max(x[0], x[1]);");
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation = GeneratorHarness.Compilation(method, "public static class Other { public static int A => 1; }");
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        SyntaxTree other = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(other,
            Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("public static class Other { public static int A => 2; }", GeneratorHarness.Parse, path: other.FilePath));
        driver = driver.RunGenerators(edited);
        GeneratorRunResult result = Assert.Single(driver.GetRunResult().Results);
        Assert.Single(result.GeneratedSources);
        Assert.Equal("DUAL005", Assert.Single(result.Diagnostics).Id);
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
    }
}
