namespace Autodiff.Properties.Testing;

/// <summary>docs/testing.md shows the code of GuideExample.cs (which compiles and runs in this suite), verbatim.</summary>
public sealed class GuideExampleTests
{
    [Fact]
    public void The_guide_shows_the_compiled_example()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Dual.sln")))
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Dual.sln not found above the test binaries.");
        string guide = File.ReadAllText(Path.Combine(root, "docs", "testing.md")).ReplaceLineEndings("\n");
        int start = guide.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        string shown = guide[start..guide.IndexOf("```", start, StringComparison.Ordinal)];
        string compiled = File.ReadAllText(Path.Combine(root, "Properties", "Testing", "GuideExample.cs")).ReplaceLineEndings("\n");
        Assert.True(compiled.EndsWith(shown, StringComparison.Ordinal), "docs/testing.md's example differs from Properties/Testing/GuideExample.cs");
    }
}
