using System.Numerics;
using Autodiff.Properties.Support;

namespace Autodiff.Properties.Forward;

/// <summary>The series algebra itself: constants, orders, equality, order 0, and the cost of nested rules.</summary>
public sealed class TaylorArithmeticTests
{
    private static T Pow<T>(T x) where T : IFloatingPointIeee754<T> => T.Pow(x, x);
    private static T ExpOfXLogX<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp(x * T.Log(x));

    [Fact]
    public void Constants_combine_into_exact_constants()
    {
        Taylor<double> a = 6.0, b = 4.0;
        Assert.Equal(Taylor<double>.Constant(10), a + b);
        Assert.Equal(Taylor<double>.Constant(2), a - b);
        Assert.Equal(Taylor<double>.Constant(24), a * b);
        Assert.Equal(Taylor<double>.Constant(1.5), a / b);
        Assert.Equal(Taylor<double>.Constant(-6), -a);
        Assert.True((a * b).IsConstant);
        Assert.Equal([24.0], (a * b).ToArray());
        Assert.Equal([0.0], default(Taylor<double>).ToArray());
        Assert.Equal(Taylor<double>.Constant(0), -default(Taylor<double>));
        Assert.True(Taylor<double>.IsZero(default));
        Assert.True(default(Taylor<double>).Equals(Taylor<double>.Constant(0)));
    }

    [Fact]
    public void Series_arithmetic_follows_the_recurrences()
    {
        var x = new Taylor<double>([1.0, 2.0, 3.0]);
        var y = new Taylor<double>([2.0, -1.0, 0.5]);
        Assert.Equal([3.0, 1.0, 3.5], (x + y).ToArray());
        Assert.Equal([-1.0, 3.0, 2.5], (x - y).ToArray());
        Assert.Equal([2.0, 3.0, 4.5], (x * y).ToArray());       // (1 + 2t + 3t²)(2 − t + t²/2)
        Assert.Equal([-1.0, -2.0, -3.0], (-x).ToArray());
        Taylor<double> q = x / y;
        Assert.Equal([0.0, 0.0, 0.0], (x - q * y).ToArray());    // q·y reproduces x to the order kept
        Assert.Equal([0.5, 1.25, 2.0], q.ToArray());
        Assert.Equal([3.0, 6.0, 9.0], (x * 3.0).ToArray());
        Assert.Equal([0.5, 1.0, 1.5], (x / 2.0).ToArray());
        Assert.Equal([0.5, 0.25, 0.0], (Taylor<double>.Constant(1) / y).ToArray());
    }

    [Fact]
    public void Order_zero_is_plain_evaluation()
    {
        double[] c = Autodiff.Forward.Taylor(ExpOfXLogX, 0.3, 0);
        Assert.Single(c);
        Assert.Equal(Math.Exp(0.3 * Math.Log(0.3)), c[0]);
        Assert.Equal(0, Taylor<double>.Variable(2, 0).Order);
        Assert.Equal([2.0], Taylor<double>.Variable(2, 0).ToArray());
    }

    [Fact]
    public void Structural_equality_compares_order_and_every_coefficient()
    {
        var x = new Taylor<double>([1.0, 2.0, 3.0]);
        Assert.True(x.Equals(new Taylor<double>([1.0, 2.0, 3.0])));
        Assert.False(x.Equals(new Taylor<double>([1.0, 2.0, 4.0])));
        Assert.False(x.Equals(new Taylor<double>([1.0, 2.0])));
        Assert.False(x.Equals(Taylor<double>.Constant(1)));
        Assert.True(Taylor<double>.Constant(1).Equals(Taylor<double>.Constant(1)));
        Assert.False(Taylor<double>.Constant(1).Equals(Taylor<double>.Constant(2)));
        Assert.False(x.Equals((object)"x"));
        Assert.True(x.Equals((object)new Taylor<double>([1.0, 2.0, 3.0])));
        Assert.False(Taylor<double>.IsZero(new Taylor<double>([0.0, 0.0, 1.0])));
        Assert.True(Taylor<double>.IsZero(new Taylor<double>([0.0, 0.0, 0.0])));
    }

    [Fact]
    public void Nested_rules_stay_polynomial_in_the_order()
    {
        // xˣ with both arguments variable: ∂/∂x = y·x^(y−1) recurses into Pow at every order. Evaluated once per
        // order it is cheap; re-evaluated at every step it would take factorial time, and this test would time out.
        double[] pow = Autodiff.Forward.Taylor(Pow, 1.3, 24);
        double[] reference = Autodiff.Forward.Taylor(ExpOfXLogX, 1.3, 24);
        for (int k = 0; k <= 24; k++)
            Tolerance.AssertClose(reference[k], pow[k], 1e-9, $"c_{k} of xˣ", floor: 1e-12);
    }
}
