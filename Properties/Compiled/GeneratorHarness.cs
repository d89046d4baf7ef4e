using System.Collections.Immutable;
using System.Reflection;
using Autodiff.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Autodiff.Properties.Compiled;

/// <summary>
/// Runs the source generator in memory on C# source (<see cref="CSharpGeneratorDriver"/>), compiles the result
/// with Roslyn and loads it, as a build would: the generator's tests see exactly what users' builds get.
/// </summary>
internal static class GeneratorHarness
{
    public const string Usings = "using System;\nusing System.Numerics;\nusing Autodiff;\n\n";

    // Everything the test host runs on (the framework, Dual.Forward, Dual.Reverse, …), loaded once.
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
        .Where(path => path.EndsWith(".dll", StringComparison.Ordinal))
        .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
        .ToArray());

    private static int _assemblies;

    public static readonly CSharpParseOptions Parse = new(LanguageVersion.Preview);

    public sealed record Output(Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics, GeneratorDriver Driver)
    {
        public string Generated(string hintFragment) => GeneratedTree(hintFragment).ToString();

        public SyntaxTree GeneratedTree(string hintFragment) =>
            Driver.GetRunResult().GeneratedTrees.Single(t => t.FilePath.Contains(hintFragment, StringComparison.Ordinal));
    }

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create($"Generated{Interlocked.Increment(ref _assemblies)}",
            sources.Select((s, k) => CSharpSyntaxTree.ParseText(s, Parse, path: $"Source{k}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver() =>
        CSharpGeneratorDriver.Create([new DifferentiableGenerator().AsSourceGenerator()], parseOptions: Parse,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>The generator run on the sources: the compilation with its output, and its diagnostics.</summary>
    public static Output Run(params string[] sources)
    {
        GeneratorDriver driver = Driver().RunGeneratorsAndUpdateCompilation(Compilation(sources), out Compilation output,
            out ImmutableArray<Diagnostic> diagnostics);
        return new Output(output, diagnostics, driver);
    }

    /// <summary>Runs the generator, requires no diagnostic from it or the compiler, and loads the assembly.</summary>
    public static Assembly Load(params string[] sources) => Load(out _, sources);

    /// <summary>As <see cref="Load(string[])"/>, with the generator's output (to read the generated code).</summary>
    public static Assembly Load(out Output output, params string[] sources)
    {
        output = Run(sources);
        if (output.Diagnostics.Length > 0)
            throw new Xunit.Sdk.XunitException("The generator reported:\n" + string.Join("\n", output.Diagnostics));
        using var stream = new MemoryStream();
        var result = output.Compilation.Emit(stream);
        if (!result.Success)
        {
            string generated = string.Join("\n\n", output.Driver.GetRunResult().GeneratedTrees.Select(t => t.ToString()));
            throw new Xunit.Sdk.XunitException(
                "The generated code does not compile:\n" +
                string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)) +
                "\n\n" + generated[..Math.Min(generated.Length, 20000)]);
        }
        return Assembly.Load(stream.ToArray());
    }

    /// <summary>The method <paramref name="name"/> of a loaded type, made generic at <paramref name="t"/>, as a delegate.</summary>
    public static TDelegate Method<TDelegate>(Type type, string name, Type t) where TDelegate : Delegate =>
        type.GetMethod(name)!.MakeGenericMethod(t).CreateDelegate<TDelegate>();

    /// <summary>
    /// Holds the generated <c>{name}_Grad</c> of a loaded type to the tape (<c>Reverse.ValueAndGrad</c> on the method
    /// itself) and to forward mode at each point: the value and every partial, to a relative <paramref name="rtol"/>.
    /// </summary>
    public static void AgreesWithTapeAndForward(Type type, string name, double rtol, params double[][] points)
    {
        MethodInfo primal = type.GetMethod(name)!;
        var tracked = primal.MakeGenericMethod(typeof(Tracked<double>)).CreateDelegate<ScalarFunction<Tracked<double>>>();
        var dual = primal.MakeGenericMethod(typeof(Dual<double>)).CreateDelegate<ScalarFunction<Dual<double>>>();
        var compiled = type.GetMethod(name + "_Grad")!.MakeGenericMethod(typeof(double)).CreateDelegate<GradientFunction>();
        foreach (double[] x in points)
        {
            var gradient = new double[x.Length];
            double value = compiled(x, gradient);
            (double tapeValue, double[] tape) = Autodiff.Reverse.ValueAndGrad<double>(v => tracked(v), x);
            double[] forward = Autodiff.Forward.Gradient(dual, x);
            string at = string.Join(", ", x);
            Support.Tolerance.AssertClose(tapeValue, value, rtol, $"{name} value at {at}");
            for (int j = 0; j < x.Length; j++)
            {
                Support.Tolerance.AssertClose(tape[j], gradient[j], rtol, $"{name} ∂f/∂x{j} vs tape at {at}");
                Support.Tolerance.AssertClose(forward[j], gradient[j], rtol, $"{name} ∂f/∂x{j} vs forward at {at}");
            }
        }
    }
}

/// <summary>A generated gradient F_Grad&lt;double&gt;(x, gradient) → f(x).</summary>
internal delegate double GradientFunction(ReadOnlySpan<double> x, Span<double> gradient);

/// <summary>A generated gradient of a method with constant data, F_Grad&lt;double&gt;(x, data, gradient) → f(x).</summary>
internal delegate double GradientWithDataFunction(ReadOnlySpan<double> x, double[] data, Span<double> gradient);

/// <summary>A generated in-place VJP F_Vjp&lt;double&gt;(x, y, ȳ, gradient): y = f(x), gradient = J(x)ᵀ ȳ.</summary>
internal delegate void VjpFunction(ReadOnlySpan<double> x, Span<double> y, ReadOnlySpan<double> cotangent, Span<double> gradient);
