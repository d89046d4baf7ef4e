using System.Reflection;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("Autodiff.Properties.Support.SlowTestsLast", "Properties")]

namespace Autodiff.Properties.Support;

/// <summary>
/// Marks a test class whose tests take seconds (a scale test, a property that compiles hundreds of programs): its
/// collection starts after every other one.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SlowAttribute(string why) : Attribute
{
    /// <summary>What makes the class slow.</summary>
    public string Why { get; } = why;
}

/// <summary>
/// Runs the test collections (one per class) in name order, the <see cref="SlowAttribute">slow</see> ones last.
/// Why: a mutation run stops a mutant's tests at its first failing test, but only between tests, so a slow test
/// already started runs to its end. Started last, it runs only for the mutants no faster test kills.
/// </summary>
public sealed class SlowTestsLast : ITestCollectionOrderer
{
    private const string PerClassPrefix = "Test collection for ";

    /// <inheritdoc/>
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(IsSlow).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static bool IsSlow(ITestCollection collection) =>
        collection.DisplayName.StartsWith(PerClassPrefix, StringComparison.Ordinal)
        && typeof(SlowTestsLast).Assembly.GetType(collection.DisplayName[PerClassPrefix.Length..]) is { } type
        && type.GetCustomAttribute<SlowAttribute>() is not null;
}
