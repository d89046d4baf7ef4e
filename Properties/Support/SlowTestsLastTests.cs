using Xunit.Abstractions;
using Xunit.Sdk;

namespace Autodiff.Properties.Support;

/// <summary>The suite's collection order: the classes marked slow last, each group in name order.</summary>
public sealed class SlowTestsLastTests
{
    private static readonly TestAssembly Assembly = new(Reflector.Wrap(typeof(SlowTestsLastTests).Assembly));

    [Fact]
    public void Slow_classes_run_after_the_others_and_each_group_in_name_order()
    {
        const string prefix = "Test collection for Autodiff.Properties.";
        string[] names =
        [
            prefix + "Reverse.ScaleTests", prefix + "Reverse.CheckpointedLoopTests", prefix + "Compiled.CompiledAdjointProperties",
            "A collection of no class", prefix + "NoSuchClass", prefix + "Compiled.SnapshotTests",
        ];
        IEnumerable<string> ordered = new SlowTestsLast().OrderTestCollections(names.Select(n => (ITestCollection)new TestCollection(Assembly, null, n, Guid.NewGuid()))).Select(c => c.DisplayName);
        Assert.Equal(
        [
            "A collection of no class", prefix + "Compiled.SnapshotTests", prefix + "NoSuchClass", prefix + "Reverse.CheckpointedLoopTests",
            prefix + "Compiled.CompiledAdjointProperties", prefix + "Reverse.ScaleTests",
        ], ordered);
    }
}
