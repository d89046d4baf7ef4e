namespace Autodiff.Properties.Conventions;

/// <summary>
/// The chain-rule product: a zero factor wins (0 · ∞ = 0 · NaN = 0), part by part for dual numbers; and the quotient
/// rule's division: a zero numerator wins (0 / 0 = 0 / NaN = 0).
/// </summary>
public sealed class ChainRuleTests
{
    [Theory]
    [InlineData(0.0, double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity, 0.0)]
    [InlineData(-0.0, double.NaN)]
    [InlineData(double.NaN, 0.0)]
    public void A_zero_factor_wins(double a, double b) => Assert.Equal(0.0, ChainRule.Times(a, b));

    [Theory]
    [InlineData(2.0, 3.0, 6.0)]
    [InlineData(double.PositiveInfinity, -2.0, double.NegativeInfinity)]
    [InlineData(double.NaN, 1.0, double.NaN)] // a genuine NaN stays NaN
    [InlineData(double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity)]
    public void Without_a_zero_factor_it_is_the_IEEE_product(double a, double b, double product) =>
        Assert.Equal(product, ChainRule.Times(a, b));

    [Fact]
    public void Dual_factors_are_multiplied_part_by_part()
    {
        // (∞ + NaN ε)(0 + 2ε) = ∞⊙0 + (∞⊙2 + NaN⊙0) ε = 0 + ∞ ε: the first derivative of √(x·x) at 0 and its second.
        Dual<double> product = ChainRule.Times(new Dual<double>(double.PositiveInfinity, double.NaN), new Dual<double>(0, 2));
        Assert.Equal(new Dual<double>(0, double.PositiveInfinity), product);
        Assert.Equal(new Dual<double>(6, 7), ChainRule.Times(new Dual<double>(2, 1), new Dual<double>(3, 2)));
        Dual<Dual<double>> nested = ChainRule.Times(
            new Dual<Dual<double>>(new(double.PositiveInfinity, 0), new(0, 0)), new Dual<Dual<double>>(new(0, 0), new(0, 0)));
        Assert.Equal(new Dual<Dual<double>>(new(0, 0), new(0, 0)), nested);
    }

    [Fact]
    public void Sum_is_the_product_rule_pair_with_a_zero_factor_winning_in_each_term()
    {
        Assert.Equal(2.0 * 3 + 4.0 * 5, ChainRule.Sum(2.0, 3.0, 4.0, 5.0));
        Assert.Equal(7.0, ChainRule.Sum(0.0, double.PositiveInfinity, 7.0, 1.0)); // 0·∞ + 7·1
        Assert.Equal(0.0, ChainRule.Sum(double.NaN, 0.0, 0.0, double.NegativeInfinity));
        Assert.True(double.IsNaN(ChainRule.Sum(double.PositiveInfinity, 1.0, double.NegativeInfinity, 1.0))); // ∞ − ∞ stays NaN
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(-0.0, double.NaN)]
    public void A_zero_numerator_wins_in_the_quotient_rules_division(double n, double d) => Assert.Equal(0.0, ChainRule.Over(n, d));

    [Theory]
    [InlineData(6.0, 3.0, 2.0)]
    [InlineData(1.0, 0.0, double.PositiveInfinity)]
    [InlineData(-2.0, 0.0, double.NegativeInfinity)]
    [InlineData(double.NaN, 2.0, double.NaN)] // a genuine NaN stays NaN
    [InlineData(1.0, double.NaN, double.NaN)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity, double.NaN)]
    public void Without_a_zero_numerator_it_is_the_IEEE_quotient(double n, double d, double quotient) =>
        Assert.Equal(quotient, ChainRule.Over(n, d));

    [Fact]
    public void Dual_quotients_are_divided_part_by_part()
    {
        // (0 + 2ε) ⊘ (0 + 3ε) = 0 ⊘ 0 + ((2 − 0 ⊙ 3) ⊘ 0) ε = 0 + ∞ ε; (0 + 0ε) ⊘ (0 + 0ε) = 0.
        Assert.Equal(new Dual<double>(0, double.PositiveInfinity), ChainRule.Over(new Dual<double>(0, 2), new Dual<double>(0, 3)));
        Assert.Equal(new Dual<double>(0, 0), ChainRule.Over(new Dual<double>(0, 0), new Dual<double>(0, 0)));
        // A NaN numerator part stays NaN, and so does what it multiplies: (NaN + 1ε) ⊘ (0 + 1ε) = NaN + NaN ε.
        Assert.Equal(new Dual<double>(double.NaN, double.NaN), ChainRule.Over(new Dual<double>(double.NaN, 1), new Dual<double>(0, 1)));
        // Without a NaN it is Dual's quotient: (1 + 2ε)/(2 + 4ε) = 0.5 + 0ε.
        Assert.Equal(new Dual<double>(0.5, 0), ChainRule.Over(new Dual<double>(1, 2), new Dual<double>(2, 4)));
        Dual<Dual<double>> nested = ChainRule.Over(
            new Dual<Dual<double>>(new(0, 0), new(0, 0)), new Dual<Dual<double>>(new(0, 0), new(0, 0)));
        Assert.Equal(new Dual<Dual<double>>(new(0, 0), new(0, 0)), nested);
    }
}
