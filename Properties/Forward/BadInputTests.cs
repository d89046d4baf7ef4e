using System.Numerics;

namespace Autodiff.Properties.Forward;

/// <summary>Every combinator rejects bad input before any work, with an ArgumentException naming the argument.</summary>
public sealed class BadInputTests
{
    private static T Sum<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T s = T.Zero;
        foreach (T v in x)
            s += v;
        return s;
    }

    private static T[] Identity<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x.ToArray();

    private static T Square<T>(T x) where T : IFloatingPointIeee754<T> => x * x;

    private static void Throws(string parameter, string fragment, Action act)
    {
        var e = Assert.ThrowsAny<ArgumentException>(act);
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void Null_functions_are_named()
    {
        Throws("f", "f", () => Autodiff.Forward.Derivative((Func<Dual<double>, Dual<double>>)null!, 1.0));
        Throws("f", "f", () => Autodiff.Forward.Derivative((Func<Dual<double>, Dual<double>[]>)null!, 1.0));
        Throws("f", "f", () => Autodiff.Forward.Jacobian<double>(null!, [1.0], 1));
        Throws("f", "f", () => Autodiff.Forward.Jacobian<double>(null!, [1.0], new double[1], new double[1]));
        Throws("f", "f", () => Autodiff.Forward.Jvp<double>((InPlaceFunction<Dual<double>>)null!, [1.0], [1.0], new double[1], new double[1]));
        Throws("f", "f", () => Autodiff.Forward.SecondDerivative<double>(null!, 1));
        Throws("f", "f", () => Autodiff.Forward.Taylor<double>(null!, 1, 2));
        Throws("f", "f", () => Autodiff.Forward.Gradient<double>(null!, [1.0]));
        Throws("f", "f", () => Autodiff.Forward.Jacobian<double>(null!, [1.0]));
        Throws("f", "f", () => Autodiff.Forward.Hessian<double>(null!, [1.0]));
        Throws("f", "f", () => Autodiff.Forward.Jvp<double>(null!, [1.0], [1.0]));
        Throws("f", "f", () => Autodiff.Forward.DirectionalDerivative<double>(null!, [1.0], [1.0]));
    }

    [Fact]
    public void Empty_inputs_are_rejected()
    {
        Throws("x", "empty", () => Autodiff.Forward.Gradient(Sum, ReadOnlySpan<double>.Empty));
        Throws("x", "empty", () => Autodiff.Forward.Jacobian(Identity, ReadOnlySpan<double>.Empty));
        Throws("x", "empty", () => Autodiff.Forward.Hessian(Sum, ReadOnlySpan<double>.Empty));
        Throws("x", "empty", () => Autodiff.Forward.Jvp(Identity, ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty));
        Throws("x", "empty", () => Autodiff.Forward.DirectionalDerivative(Sum, ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty));
        Throws("coefficients", "c₀", () => Autodiff.Forward.EvaluateTaylor(ReadOnlySpan<double>.Empty, 0.1));
        Throws("coefficients", "c₀", () => new Taylor<double>(ReadOnlySpan<double>.Empty));
    }

    [Fact]
    public void Direction_of_the_wrong_length_names_both_lengths()
    {
        Throws("v", "v has length 3 but x has length 2", () => Autodiff.Forward.Jvp(Identity, [1.0, 2.0], [1.0, 2.0, 3.0]));
        Throws("v", "v has length 1 but x has length 2", () => Autodiff.Forward.DirectionalDerivative(Sum, [1.0, 2.0], [1.0]));
    }

    [Fact]
    public void Function_whose_arity_changes_is_rejected()
    {
        int calls = 0;
        Dual<double>[] Unstable(ReadOnlySpan<Dual<double>> x) => new Dual<double>[++calls];
        Throws("f", "returned 2 outputs where an earlier call returned 1", () => Autodiff.Forward.Jacobian(Unstable, [1.0, 2.0]));
        Throws("f", "returned null", () => Autodiff.Forward.Jacobian<double>(_ => null!, [1.0]));
        Throws("f", "no outputs", () => Autodiff.Forward.Jvp<double>(_ => [], [1.0], [1.0]));
    }

    [Fact]
    public void Negative_orders_are_rejected()
    {
        Throws("order", "order", () => Autodiff.Forward.Taylor(Square, 1.0, -1));
        Throws("order", "order", () => Taylor<double>.Variable(1.0, -1));
    }

    [Fact]
    public void Taylor_coefficient_beyond_the_order_is_rejected()
    {
        Taylor<double> x = Taylor<double>.Variable(1.0, 2);
        Throws("k", "k", () => _ = x[3]);
        Throws("k", "k", () => _ = x[-1]);
        Assert.Equal(0.0, Taylor<double>.Constant(5)[7]);
    }
}
