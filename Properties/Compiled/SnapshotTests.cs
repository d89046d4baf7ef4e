using Autodiff.Properties.Support;

namespace Autodiff.Properties.Compiled;

/// <summary>
/// The emitted code for the seeds' examples in <see cref="CompiledFunctions"/> (the backprop example, least squares,
/// the MLP loss) and for each other form it compiles there (a scalar helper, nested loops with branches, ?:, pushes, locals recomputed in branches,
/// bits and counts, the in-place form's _Vjp, constant data, the fast variant's NaN probe), compared with reviewed
/// snapshots in <c>Snapshots/</c>: a change of the generator's output shows up as a diff to read. <c>DUAL_UPDATE_SNAPSHOTS=1</c> rewrites them (then review the diff).
/// </summary>
public sealed class SnapshotTests
{
    [Theory]
    [InlineData("Backprop")]
    [InlineData("LeastSquares")]
    [InlineData("MlpLoss")]
    [InlineData("Rosenbrock")]
    [InlineData("Helper")]
    [InlineData("Nested")]
    [InlineData("Branches")]
    [InlineData("Residuals")]
    [InlineData("Quadratic")]
    [InlineData("SqrtTrapPair")]
    [InlineData("SqrtTrapVector")]
    public void The_emitted_code_is_the_reviewed_snapshot(string name)
    {
        // The generator run in memory on the very file this project compiles with it (and the project's implicit using).
        GeneratorHarness.Output output = GeneratorHarness.Run(
            File.ReadAllText(Folder("CompiledFunctions.cs")), "global using System;");
        Assert.Empty(output.Diagnostics);
        // Named as docs/compiled-adjoints.md says: Namespace.Type.Method….g.cs.
        Microsoft.CodeAnalysis.SyntaxTree tree = output.GeneratedTree($"CompiledFunctions.{name}.");
        string file = Path.GetFileName(tree.FilePath);
        Assert.StartsWith($"Autodiff.Properties.Compiled.CompiledFunctions.{name}.", file, StringComparison.Ordinal);
        Assert.EndsWith(".g.cs", file, StringComparison.Ordinal);
        string generated = tree.ToString().ReplaceLineEndings("\n");
        string path = Folder("Snapshots", name + ".generated.txt");
        if (Environment.GetEnvironmentVariable("DUAL_UPDATE_SNAPSHOTS") == "1")
            File.WriteAllText(path, generated);
        Assert.True(File.Exists(path), $"no snapshot {path}: run with DUAL_UPDATE_SNAPSHOTS=1 and review it");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), generated);
    }

    private static string Folder(params string[] parts) => Repository.Path(["Properties", "Compiled", .. parts]);
}
