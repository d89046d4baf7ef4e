using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Compiled;

/// <summary>
/// The incremental pipeline reuses a method's previous result when the new one is equal: so equality must see every
/// change that matters. An edit that moves a diagnostic, changes its message, or changes the generated code must
/// reach the output; <see cref="GeneratorDiagnosticsTests"/> checks the other side (an unrelated edit regenerates
/// nothing).
/// </summary>
public sealed class GeneratorIncrementalTests
{
    private static string Method(string body, string before = "") => GeneratorHarness.Usings + before + $$"""
        public static partial class C
        {
            [Differentiable]
            public static T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
            {
                {{body}}
            }
        }
        """;

    /// <summary>Runs the driver on the first source, then on the second (the same file edited), as an IDE would.</summary>
    private static (GeneratorDriver Driver, Compilation Edited) Edit(string first, string second)
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(first);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        Compilation edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(second, GeneratorHarness.Parse, path: tree.FilePath));
        return (driver.RunGenerators(edited), edited);
    }

    [Fact]
    public void A_diagnostic_moved_by_an_edit_is_reported_at_its_new_place()
    {
        const string body = "return T.Max(x[0], x[1]);";
        string first = Method(body), second = Method(body, before: "// a comment\n// and another\n");
        (GeneratorDriver driver, _) = Edit(first, second);
        Diagnostic d = Assert.Single(driver.GetRunResult().Diagnostics);
        Assert.Equal("DUAL005", d.Id);
        Assert.Equal("T.Max(x[0], x[1])", second.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));
        Assert.Equal(second[..d.Location.SourceSpan.Start].Count(c => c == '\n'), d.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void A_diagnostic_whose_message_an_edit_changes_is_reported_with_the_new_message()
    {
        (GeneratorDriver driver, _) = Edit(Method("return T.Max(x[0], x[1]);"), Method("return T.Min(x[0], x[1]);"));
        Diagnostic d = Assert.Single(driver.GetRunResult().Diagnostics);
        Assert.Contains("'T.Min'", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void An_edit_that_fixes_or_breaks_the_method_updates_the_diagnostics_and_the_output()
    {
        (GeneratorDriver fixedDriver, _) = Edit(Method("return T.Max(x[0], x[1]);"), Method("return T.Sin(x[0]) * x[1];"));
        Assert.Empty(fixedDriver.GetRunResult().Diagnostics);
        Assert.Single(fixedDriver.GetRunResult().GeneratedTrees);
        (GeneratorDriver brokenDriver, _) = Edit(Method("return T.Sin(x[0]) * x[1];"), Method("return T.Max(x[0], x[1]);"));
        Assert.Single(brokenDriver.GetRunResult().Diagnostics);
        Assert.Empty(brokenDriver.GetRunResult().GeneratedTrees);
    }

    [Fact]
    public void An_edit_that_changes_the_method_regenerates_its_adjoint()
    {
        (GeneratorDriver driver, Compilation edited) = Edit(Method("return T.Sin(x[0]) * x[1];"), Method("return T.Cos(x[0]) * x[1];"));
        Assert.Empty(driver.GetRunResult().Diagnostics);
        GeneratorDriverRunResult result = driver.GetRunResult();
        Compilation output = edited.AddSyntaxTrees(result.GeneratedTrees);
        using var stream = new MemoryStream();
        Assert.True(output.Emit(stream).Success);
        Type c = Assembly.Load(stream.ToArray()).GetType("C")!;
        var compiled = c.GetMethod("F_Grad")!.MakeGenericMethod(typeof(double)).CreateDelegate<GradientFunction>();
        double[] x = [0.3, 1.7], gradient = new double[2];
        compiled(x, gradient);
        AssertClose(-Math.Sin(0.3) * 1.7, gradient[0], 1e-15, "∂(cos x₀ · x₁)/∂x₀");
        AssertClose(Math.Cos(0.3), gradient[1], 1e-15, "∂(cos x₀ · x₁)/∂x₁");
    }
}
