using System.Globalization;
using Autodiff.Properties.Support;

namespace Autodiff.Properties.Reverse;

/// <summary>
/// The reverse mode's edges: constants, finished and foreign records, reused memory, long records spanning many
/// chunks, custom rules and their zero-cotangent convention, and the calculus-free members of <see cref="Tracked{T}"/>.
/// </summary>
public sealed class ReverseEdgeCaseTests
{
    [Theory]
    [InlineData(150_000, 100_000)]
    public void Every_input_of_a_record_longer_than_many_chunks_gets_its_own_gradient(int first, int second)
    {
        // Records spanning several chunks, every input's adjoint mattering; the second, shorter record reuses the
        // first one's pooled chunks and adjoints, whose stale entries past its end must never be swept.
        foreach (int n in new[] { first, second })
        {
            double[] x = Enumerable.Range(0, n).Select(i => Math.Sin(i * 0.37)).ToArray();
            double[] gradient = Autodiff.Reverse.Grad<double>(v =>
            {
                Tracked<double> sum = 0.0;
                foreach (Tracked<double> vi in v)
                    sum += Tracked<double>.Sin(vi);
                return sum;
            }, x);
            for (int i = 0; i < x.Length; i++)
                if (gradient[i] != Math.Cos(x[i]))
                    Assert.Fail($"n = {n}, ∂/∂x_{i}: expected {Math.Cos(x[i]):R}, got {gradient[i]:R}");
        }
    }

    [Fact]
    public void Memory_reused_from_earlier_differentiations_never_leaks_into_a_gradient()
    {
        static Tracked<double> Big(ReadOnlySpan<Tracked<double>> v)
        {
            Tracked<double> y = v[0];
            for (int i = 0; i < 200_000; i++)
                y = y * v[1] + v[0] * 0.5;
            return y;
        }
        static T Small<T>(ReadOnlySpan<T> v) where T : System.Numerics.IFloatingPointIeee754<T> => v[0] * v[1] + T.Sin(v[0]);
        for (int round = 0; round < 3; round++)
        {
            Autodiff.Reverse.Grad<double>(Big, [0.3, 0.2]);
            double[] small = Autodiff.Reverse.Grad(Small, [0.7, -1.1]);
            Assert.Equal(Autodiff.Forward.Gradient(Small, [0.7, -1.1]), small);
        }
    }

    [Fact]
    public void Values_of_a_finished_Vjp_cannot_be_computed_with_or_returned()
    {
        Tracked<double> leaked = default;
        (_, Pullback<double> pullback) = Autodiff.Reverse.Vjp<double>(v => leaked = v[0] * 3, [2.0]);
        Assert.Contains("already finished", Assert.Throws<InvalidOperationException>(() => leaked + leaked).Message);
        Assert.Equal([3.0], pullback.Invoke([1.0]));
        var foreign = Assert.Throws<InvalidOperationException>(() => Autodiff.Reverse.Grad<double>(_ => leaked, [1.0]));
        Assert.Contains("recorded by a different differentiation", foreign.Message);
    }

    [Fact]
    public void Mixing_two_differentiations_explains_how_to_nest()
    {
        Tracked<double> outer = default;
        var e = Assert.Throws<InvalidOperationException>(() => Autodiff.Reverse.Grad<double>(v =>
        {
            outer = v[0];
            return Autodiff.Reverse.Grad<double>(w => w[0] * outer, [1.0])[0];
        }, [2.0]));
        Assert.Contains("two different differentiations", e.Message);
        Assert.Contains("nest the number types (e.g. Tracked<Tracked<double>>)", e.Message);
        Assert.Contains("outer function's values in the inner one", e.Message);
    }

    [Fact]
    public void Constants_record_nothing_and_keep_their_values()
    {
        Tracked<double> c = Tracked<double>.Constant(2);
        Assert.True(c.IsConstant);
        Assert.Equal(Tracked<double>.Constant(-2), -c);
        Assert.True((-c).IsConstant);
        Assert.True(Tracked<double>.IsZero(Tracked<double>.Constant(0)));
        Assert.False(Tracked<double>.IsZero(c));
        Assert.Equal("2", c.ToString());
        Assert.Equal("2.00", c.ToString("F2", CultureInfo.InvariantCulture));
        Tracked<double>[] outputs = Autodiff.Reverse.Primitive<double>([c, 3.0], a => [a[0] * a[1]], (u, a, _) => [u[0] * a[1], u[0] * a[0]]);
        Assert.True(outputs[0].IsConstant);
        Assert.Equal(6.0, outputs[0].Value);
    }

    [Fact]
    public void Tracked_values_know_their_record()
    {
        Autodiff.Reverse.Grad<double>(v =>
        {
            Tracked<double> y = -v[0];
            Assert.False(v[0].IsConstant);
            Assert.False(Tracked<double>.IsZero(v[0]));      // a variable is never structurally zero, even at 0
            Assert.Equal(-0.0, y.Value);
            Assert.Equal("0 @0", v[0].ToString());
            Assert.Equal("-0 @2", y.ToString());
            Assert.True(v[0].Equals(v[0]));
            Assert.False(v[0].Equals(v[1]));                 // same value, different record
            Assert.False(v[0].Equals(Tracked<double>.Constant(0)));
            Assert.False(v[0].Equals((object)"v"));
            Assert.Equal(v[0].GetHashCode(), v[0].GetHashCode());
            return y;
        }, [0.0, 0.0]);
        Tracked<double> first = default, second = default;
        Autodiff.Reverse.Grad<double>(v => first = v[0] * 1, [4.0]);
        Autodiff.Reverse.Grad<double>(v => second = v[0] * 1, [4.0]);
        Assert.False(first.Equals(second)); // same value and index, different differentiations
        Assert.Equal([-1.0], Autodiff.Reverse.Grad<double>(v => -v[0], [5.0]));
        Assert.Equal(-5.0, Autodiff.Reverse.ValueAndGrad<double>(v => -v[0], [5.0]).Value);
    }

    [Fact]
    public void A_constant_input_of_a_custom_primitive_receives_no_adjoint()
    {
        // default(Tracked<double>) is the constant 0; its adjoint must not land on the first input's record.
        double[] gradient = Autodiff.Reverse.Grad<double>(v =>
            Autodiff.Reverse.Primitive([v[0], default, v[1]], a => [a[0] + 10 * a[1] + 100 * a[2]], (u, _, _) => [u[0], 10 * u[0], 100 * u[0]])[0], [1.0, 2.0]);
        Assert.Equal([1.0, 100.0], gradient);
    }

    [Fact]
    public void A_custom_rule_is_not_called_for_a_zero_cotangent()
    {
        // √ as a custom primitive at 0 has an infinite partial; its output is not used, so its rule must not run.
        int calls = 0;
        double[] gradient = Autodiff.Reverse.Grad<double>(v =>
        {
            Tracked<double> root = Autodiff.Reverse.Primitive([v[0]], a => [Math.Sqrt(a[0])], (u, _, y) => { calls++; return [u[0] / (2 * y[0])]; })[0];
            return Tracked<double>.Max(root, 1.0) + v[0];
        }, [0.0]);
        Assert.Equal([1.0], gradient);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void Null_arguments_are_named()
    {
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => Autodiff.Reverse.Vjp<double>((VectorFunction<Tracked<double>>)null!, [1.0])).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => Autodiff.Reverse.Jacobian<double>(null!, [1.0])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Autodiff.Reverse.Jacobian<double>(v => [v[0]], [])).ParamName);
        Assert.Equal("forward", Assert.Throws<ArgumentNullException>(() => Autodiff.Reverse.Primitive<double>([1.0], null!, (u, _, _) => u.ToArray())).ParamName);
        Assert.Equal("vjp", Assert.Throws<ArgumentNullException>(() => Autodiff.Reverse.Primitive<double>([1.0], a => a, null!)).ParamName);
        Assert.Equal("segment", Assert.Throws<ArgumentNullException>(() => Autodiff.Reverse.Checkpoint<double>(null!, [1.0])).ParamName);
        var e = Assert.Throws<InvalidOperationException>(() => Autodiff.Reverse.Grad<double>(
            v => Autodiff.Reverse.Primitive(v, a => [a[0]], (_, _, _) => null!)[0], [1.0]));
        Assert.Contains("returned null entries for a primitive of 1 inputs", e.Message);
    }

    [Fact]
    public void A_block_whose_outputs_straddle_two_tape_chunks_is_pulled_once()
    {
        // 65 530 scalar records, then a 20-output primitive y_k = k·x²: records 65 531 … 65 550 cross the
        // 2¹⁶-record chunk boundary. f = x + Σ_k y_k, so f′ = 1 + 2x Σ_k k.
        double[] gradient = Autodiff.Reverse.Grad<double>(v =>
        {
            Tracked<double> x = v[0], chain = v[0];
            for (int i = 0; i < 65_530; i++)
                chain = chain * 1.0;
            Tracked<double>[] y = Autodiff.Reverse.Primitive([x], a => [.. Enumerable.Range(1, 20).Select(k => k * a[0] * a[0])],
                (u, a, _) =>
                {
                    double xBar = 0;
                    for (int k = 1; k <= 20; k++)
                        xBar += u[k - 1] * 2 * k * a[0];
                    return [xBar];
                });
            Tracked<double> sum = chain;
            foreach (Tracked<double> yk in y)
                sum += yk;
            return sum;
        }, [1.5]);
        Assert.Equal(1 + 2 * 1.5 * 210, gradient[0], 12);
    }

    [Fact]
    public void A_primitive_of_m_outputs_takes_m_records_and_its_outputs_are_the_records_that_follow()
    {
        // Two inputs, a 5-output primitive, one multiplication of two of its outputs: 2 + 5 + 1 records, and the
        // product's adjoint reaches the outputs it used (f = y₀ y₄ with y_k = (k + 1) x₀ + x₁).
        (double value, Pullback<double> pullback) = Autodiff.Reverse.Vjp<double>(v =>
        {
            Tracked<double>[] y = Autodiff.Reverse.Primitive(v, a => [.. Enumerable.Range(1, 5).Select(k => k * a[0] + a[1])],
                (u, _, _) =>
                {
                    double[] w = u.ToArray();
                    return [Enumerable.Range(1, 5).Sum(k => k * w[k - 1]), w.Sum()];
                });
            return y[0] * y[4];
        }, [2.0, 3.0]);
        Assert.Equal(2 + 5 + 1, pullback.OperationCount);
        Assert.Equal(5.0 * 13.0, value);
        double[] gradient = pullback.Invoke([1.0]);
        Assert.Equal(13.0 * 1 + 5.0 * 5, gradient[0], 12);
        Assert.Equal(13.0 + 5.0, gradient[1], 12);
    }

    [Fact]
    public void Values_kept_from_an_in_place_Jacobian_or_a_two_argument_gradient_refuse_to_compute()
    {
        // Both release their tape when done, and releasing ends the recording: a kept value cannot record on it.
        Tracked<double> fromJacobian = default, fromGradient = default;
        Autodiff.Reverse.Jacobian<double>((v, y) => y[0] = fromJacobian = v[0] * 2, [1.0], new double[1], new double[1]);
        Autodiff.Reverse.ValueAndGrad<double>((a, b) => fromGradient = a[0] * b[0], [1.0], [2.0]);
        Assert.Contains("already finished", Assert.Throws<InvalidOperationException>(() => fromJacobian * fromJacobian).Message);
        Assert.Contains("already finished", Assert.Throws<InvalidOperationException>(() => fromGradient + 1.0).Message);
    }

    [Fact]
    public void A_custom_rule_computing_with_a_kept_value_during_the_sweep_is_refused_in_every_gradient()
    {
        // The sweep runs on a frozen tape, as a pullback's does: recording during it is refused, never silent.
        Tracked<double> kept = default;
        Tracked<double> Primitive(ReadOnlySpan<Tracked<double>> v)
        {
            kept = v[0] * 2;
            return Autodiff.Reverse.Primitive(v, a => [a[0]], (u, _, _) => [(kept * u[0]).Value])[0];
        }
        foreach (Action differentiate in new Action[]
        {
            () => Autodiff.Reverse.Grad<double>(v => Primitive(v), [1.0]),
            () => Autodiff.Reverse.ValueAndGrad<double>((a, b) => Primitive(a) * b[0], [1.0], [2.0]),
            () => Autodiff.Reverse.Jacobian<double>((v, y) => y[0] = Primitive(v), [1.0], new double[1], new double[1]),
        })
            Assert.Contains("already finished", Assert.Throws<InvalidOperationException>(differentiate).Message);
    }

    [Fact]
    public void A_refused_use_of_a_finished_value_leaves_its_pullback_whole()
    {
        // The pullback's tape is frozen, not released. A primitive of 300 outputs on the kept value would reserve a
        // whole tape chunk before its first record: it must be refused before the tape changes.
        Tracked<double> kept = default;
        (_, Pullback<double> pullback) = Autodiff.Reverse.Vjp<double>(v => kept = v[0] * v[1], [2.0, 3.0]);
        var refused = Assert.Throws<InvalidOperationException>(() =>
            Autodiff.Reverse.Primitive([kept], a => new double[300], (u, _, _) => [u[0]]));
        Assert.Contains("already finished", refused.Message);
        Assert.Equal([3.0, 2.0], pullback.Invoke([1.0]));
    }

    [Fact]
    public void A_pullback_whose_last_records_are_its_inputs_pulls_the_cotangent_back_unchanged()
    {
        // 256 inputs fill the tape's first chunk exactly, so they are reserved without one, and the identity records
        // nothing after them: the pullback's tape ends in a chunk that was never rented.
        double[] x = [.. Enumerable.Range(0, 256).Select(i => 0.5 * i)];
        double[] u = [.. Enumerable.Range(0, 256).Select(i => 1.0 - i)];
        (double[] value, Pullback<double> pullback) = Autodiff.Reverse.Vjp<double>(v => [.. v], x);
        Assert.Equal(x, value);
        Assert.Equal(u, pullback.Invoke(u));
    }

    [Fact]
    public void An_output_an_in_place_function_leaves_unwritten_is_zero_whatever_the_pool_held()
    {
        // The outputs y start in an array from the shared pool, which any code may give back dirty; this one is the
        // array the next rent of that size on this thread hands out (x's 20 entries come from another size).
        System.Buffers.ArrayPool<Tracked<double>> pool = System.Buffers.ArrayPool<Tracked<double>>.Shared;
        Tracked<double>[] dirty = pool.Rent(2);
        dirty.AsSpan().Fill(5.0);
        pool.Return(dirty);
        double[] x = [.. Enumerable.Range(1, 20).Select(i => (double)i)];
        var value = new double[2];
        var jacobian = new double[2 * 20];
        Autodiff.Reverse.Jacobian<double>((v, y) => y[0] = v[0] * v[1], x, value, jacobian);
        Assert.Equal([2.0, 0.0], value);
        Assert.Equal([2.0, 1.0, .. new double[18], .. new double[20]], jacobian);
    }
}
