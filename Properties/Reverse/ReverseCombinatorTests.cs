using System.Numerics;
using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Reverse;

/// <summary>Custom primitives, checkpointing, nesting with other modes, and rejection of bad input.</summary>
public sealed class ReverseCombinatorTests
{
    // A segment with many intermediates: y ← tanh(y·w + x) for 50 layers.
    private static T[] Layers<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T y = x[0], w = x[1];
        for (int i = 0; i < 50; i++)
            y = T.Tanh(y * w + x[0]);
        return [y, y * w];
    }

    private static T Loss<T>(T[] y) where T : IFloatingPointIeee754<T> => y[0] * y[0] + T.Sin(y[1]);

    [Fact]
    public void Checkpointed_segment_gives_the_same_gradient_with_a_shorter_record() =>
        Verify.ForAll(Cases.Vectors(2, -1, 1), x =>
        {
            (_, Pullback<double> plain) = Autodiff.Reverse.Vjp<double>(v => Loss(Layers(v)), x);
            (_, Pullback<double> checkpointed) = Autodiff.Reverse.Vjp<double>(v => Loss(Autodiff.Reverse.Checkpoint(Layers, v)), x);
            double[] expected = plain.Invoke([1.0]), actual = checkpointed.Invoke([1.0]);
            AssertClose(expected[0], actual[0], Exact, "∂L/∂x");
            AssertClose(expected[1], actual[1], Exact, "∂L/∂w");
            Assert.True(checkpointed.OperationCount < plain.OperationCount / 10,
                $"checkpointed record {checkpointed.OperationCount} vs plain {plain.OperationCount}");
        });

    [Fact]
    public void Custom_primitive_uses_its_VJP_rule_and_composes() =>
        Verify.ForAll(Cases.Vectors(2, -2, 2), x =>
        {
            // A user-declared primitive (x, y) ↦ (xy, x + y) with its VJP rule ū ↦ (ū₀y + ū₁, ū₀x + ū₁).
            int ruleCalls = 0;
            Tracked<double> F(ReadOnlySpan<Tracked<double>> v)
            {
                Tracked<double>[] p = Autodiff.Reverse.Primitive(v,
                    a => [a[0] * a[1], a[0] + a[1]],
                    (u, a, _) => { ruleCalls++; return [u[0] * a[1] + u[1], u[0] * a[0] + u[1]]; });
                return Tracked<double>.Sin(p[0]) * p[1];
            }
            double[] gradient = Autodiff.Reverse.Grad<double>(F, x);
            double[] expected = Autodiff.Forward.Gradient<double>(v => Dual<double>.Sin(v[0] * v[1]) * (v[0] + v[1]), x);
            Assert.Equal(1, ruleCalls);
            AssertClose(expected[0], gradient[0], Exact, "∂/∂x");
            AssertClose(expected[1], gradient[1], Exact, "∂/∂y");
        });

    [Fact]
    public void Forward_over_reverse_and_reverse_over_reverse_give_the_Hessian() =>
        Verify.ForAll(Cases.Vectors(2, -1.5, 1.5), x =>
        {
            double[,] h = Autodiff.Forward.Hessian(Coupled, x);
            // Forward over reverse: the reverse gradient on Dual numbers seeded along e₀ is the first row of H.
            Dual<double>[] seeded = [new(x[0], 1), new(x[1], 0)];
            Dual<double>[] row = Autodiff.Reverse.Grad<Dual<double>>(Coupled, seeded);
            // Reverse over reverse: the gradient of ∂f/∂x₁ computed by an inner reverse pass.
            double[] second = Autodiff.Reverse.Grad<double>(v => Autodiff.Reverse.Grad<Tracked<double>>(Coupled, v.ToArray())[1], x);
            for (int j = 0; j < 2; j++)
            {
                AssertClose(h[0, j], row[j].Tangent, Exact, $"forward-over-reverse H[0,{j}]");
                AssertClose(h[1, j], second[j], Exact, $"reverse-over-reverse H[1,{j}]");
            }
        });

    [Fact]
    public void Reverse_inside_forward_differentiates_the_gradient() =>
        Verify.ForAll(Cases.Points(-1.5, 1.5), x =>
        {
            // d/dx of (∂/∂y (x·sin(xy)) at y = 1) = d/dx x² cos x = 2x cos x − x² sin x.
            double derivative = Autodiff.Forward.Derivative<double>(
                s => Autodiff.Reverse.Grad<Dual<double>>(v => s * Tracked<Dual<double>>.Sin(s * v[0]), [Dual<double>.Constant(1)])[0], x);
            AssertClose(2 * x * Math.Cos(x) - x * x * Math.Sin(x), derivative, Exact, "d/dx ∂/∂y x sin(xy)");
        });

    [Fact]
    public void A_function_independent_of_its_input_has_a_zero_gradient()
    {
        Assert.Equal([0.0, 0.0], Autodiff.Reverse.Grad<double>(_ => Tracked<double>.Constant(3), [1.0, 2.0]));
        Assert.Equal([0.0, 1.0], Autodiff.Reverse.Grad<double>(v => v[1], [1.0, 2.0]));
    }

    [Fact]
    public void A_zero_cotangent_does_not_turn_an_infinite_partial_into_NaN()
    {
        // max(√x, 1) at x = 0 takes the constant branch: √x's record has an infinite partial and a zero adjoint.
        double[] gradient = Autodiff.Reverse.Grad<double>(v => Tracked<double>.Max(Tracked<double>.Sqrt(v[0]), 1.0), [0.0]);
        Assert.Equal(0.0, gradient[0]);
        (_, Pullback<double> pullback) = Autodiff.Reverse.Vjp<double>(v => [Tracked<double>.Sqrt(v[0]), v[0]], [0.0]);
        Assert.Equal(1.0, pullback.Invoke([0.0, 1.0])[0]);
    }

    [Fact]
    public void Bad_input_is_rejected_with_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => Autodiff.Reverse.Vjp<double>(v => [v[0]], [1.0]).Pullback.Invoke([1.0, 2.0]));
        Assert.Equal("cotangent", e.ParamName);
        Assert.Contains("length 2 but the function has 1 outputs", e.Message);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Autodiff.Reverse.Grad<double>(v => v[0], [])).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => Autodiff.Reverse.Grad<double>(null!, [1.0])).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentException>(() => Autodiff.Reverse.Jacobian<double>(_ => [], [1.0])).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => Autodiff.Reverse.Primitive<double>([], a => a, (u, _, _) => u.ToArray())).ParamName);
    }

    [Fact]
    public void Values_from_two_differentiations_cannot_meet()
    {
        Tracked<double> leaked = default;
        Autodiff.Reverse.Grad<double>(v => leaked = v[0] * 2, [1.0]);
        var finished = Assert.Throws<InvalidOperationException>(() => leaked * leaked);
        Assert.Contains("already finished", finished.Message);
        // A custom primitive is recorded as a block; it too refuses a finished differentiation's values.
        var finishedBlock = Assert.Throws<InvalidOperationException>(() =>
            Autodiff.Reverse.Primitive([leaked, leaked], a => a, (u, _, _) => u.ToArray()));
        Assert.Contains("already finished", finishedBlock.Message);
        // The confused way to nest: the inner function closes over the outer differentiation's variable.
        Tracked<double> Confused(ReadOnlySpan<Tracked<double>> outer)
        {
            Tracked<double> x = outer[0];
            return Autodiff.Reverse.Grad<double>(inner => inner[0] * x, [2.0])[0] * x;
        }
        var mixed = Assert.Throws<InvalidOperationException>(() => Autodiff.Reverse.Grad<double>(Confused, [1.0]));
        Assert.Contains("two different differentiations", mixed.Message);
    }

    [Fact]
    public void Custom_rule_returning_the_wrong_arity_is_reported()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Autodiff.Reverse.Grad<double>(
            v => Autodiff.Reverse.Primitive(v, a => [a[0] + a[1]], (u, _, _) => [u[0]])[0], [1.0, 2.0]));
        Assert.Contains("returned 1 entries for a primitive of 2 inputs", e.Message);
    }

    private static T Coupled<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        T.Exp(x[0] * x[1] / T.CreateChecked(3)) * T.Sin(x[0] + x[1] * x[1]);
}
