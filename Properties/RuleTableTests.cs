using Autodiff.Rules;

namespace Autodiff.Properties;

/// <summary>The rule table is complete, so "every rule is tested" holds by construction.</summary>
public sealed class RuleTableTests
{
    [Fact]
    public void Every_rule_in_the_library_has_a_row_in_the_table()
    {
        var listed = RuleTable.Unary.Map(e => e.Function.GetType())
            .Concat(RuleTable.Binary.Map(e => e.Function.GetType()))
            .ToHashSet();
        var rules = typeof(IUnaryRule).Assembly.GetTypes()
            .Where(t => t.IsValueType && (typeof(IUnaryRule).IsAssignableFrom(t) || typeof(IBinaryRule).IsAssignableFrom(t)));
        Assert.All(rules, rule => Assert.Contains(rule, listed));
    }

    [Fact]
    public void Names_are_unique_and_domains_are_proper_intervals()
    {
        Assert.Equal(RuleTable.Unary.Count, RuleTable.Unary.Map(e => e.Name).Distinct().Count());
        Assert.Equal(RuleTable.Binary.Count, RuleTable.Binary.Map(e => e.Name).Distinct().Count());
        Assert.All(RuleTable.Unary, e => Assert.True(e.Domain.Min < e.Domain.Max, e.Name));
        Assert.All(RuleTable.Binary, e => Assert.True(e.XDomain.Min < e.XDomain.Max && e.YDomain.Min < e.YDomain.Max, e.Name));
    }
}
