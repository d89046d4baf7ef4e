using Autodiff.Properties.Support;

namespace Autodiff.Properties.Testing;

/// <summary>docs/testing.md shows the code of GuideExample.cs (which compiles and runs in this suite), verbatim.</summary>
public sealed class GuideExampleTests
{
    [Fact]
    public void The_guide_shows_the_compiled_example()
    {
        string guide = File.ReadAllText(Repository.Path("docs", "testing.md")).ReplaceLineEndings("\n");
        int start = guide.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        string shown = guide[start..guide.IndexOf("```", start, StringComparison.Ordinal)];
        string compiled = File.ReadAllText(Repository.Path("Properties", "Testing", "GuideExample.cs")).ReplaceLineEndings("\n");
        Assert.True(compiled.EndsWith(shown, StringComparison.Ordinal), "docs/testing.md's example differs from Properties/Testing/GuideExample.cs");
    }
}
