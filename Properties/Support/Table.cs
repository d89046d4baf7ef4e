using Autodiff.Rules;

namespace Autodiff.Properties.Support;

/// <summary>The rule table as xunit theory data: one test per function, named after it.</summary>
public static class Table
{
    /// <summary>The names of the unary functions.</summary>
    public static TheoryData<string> UnaryNames => [.. RuleTable.Unary.Map(e => e.Name)];

    /// <summary>The names of the binary functions.</summary>
    public static TheoryData<string> BinaryNames => [.. RuleTable.Binary.Map(e => e.Name)];

    /// <summary>The unary entry of that name.</summary>
    public static UnaryEntry Unary(string name) =>
        RuleTable.Unary.Find(e => e.Name == name).IfNone(() => throw new ArgumentException($"No unary entry {name}."));

    /// <summary>The binary entry of that name.</summary>
    public static BinaryEntry Binary(string name) =>
        RuleTable.Binary.Find(e => e.Name == name).IfNone(() => throw new ArgumentException($"No binary entry {name}."));
}
