using Autodiff.Properties.RandomPrograms;
using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.InPlace;

using Forward = Autodiff.Forward;
using Reverse = Autodiff.Reverse;

/// <summary>
/// In-place functions f!(y, x) and curves x: ℝ → ℝᵐ, on random programs: every in-place combinator gives what the
/// allocating one gives on the same program written as a returning function (exactly, except where the two graphs
/// sum an adjoint's terms in different orders), and the curve derivative is the JVP along the curve's direction.
/// </summary>
public sealed class InPlaceProperties
{
    [Fact]
    public void Forward_in_place_Jacobian_equals_the_allocating_one() => Verify.ForAll(Programs.Vector, c =>
    {
        int m = c.Outputs.Length, n = c.Inputs;
        var value = new double[m];
        var jacobian = new double[m * n];
        Forward.Jacobian<double>(c.InPlace, c.Point, value, jacobian);
        Assert.Equal(c.Vector<double>(c.Point), value);
        Assert.Equal(Forward.Jacobian<double>(c.Vector, c.Point).Cast<double>(), jacobian);
        Assert.Equal(jacobian, Forward.Jacobian<double>(c.InPlace, c.Point, m).Cast<double>());
    });

    [Fact]
    public void Forward_in_place_JVP_equals_the_allocating_one() => Verify.ForAll(Programs.Vector, c =>
    {
        int m = c.Outputs.Length;
        var value = new double[m];
        var tangent = new double[m];
        Forward.Jvp<double>(c.InPlace, c.Point, c.Direction, value, tangent);
        (double[] expectedValue, double[] expectedTangent) = Forward.Jvp<double>(c.Vector, c.Point, c.Direction);
        Assert.Equal(expectedValue, value);
        Assert.Equal(expectedTangent, tangent);
    });

    [Fact]
    public void Reverse_in_place_Jacobian_equals_the_allocating_one() => Verify.ForAll(Programs.Vector, c =>
    {
        int m = c.Outputs.Length, n = c.Inputs;
        var value = new double[m];
        var jacobian = new double[m * n];
        Reverse.Jacobian<double>(c.InPlace, c.Point, value, jacobian);
        Assert.Equal(c.Vector<double>(c.Point), value);
        Assert.Equal(Reverse.Jacobian<double>(c.Vector, c.Point).Cast<double>(), jacobian);
        Assert.Equal(jacobian, Reverse.Jacobian<double>(c.InPlace, c.Point, m).Cast<double>());
    });

    [Fact]
    public void Reverse_in_place_pullback_equals_the_allocating_one() => Verify.ForAll(Programs.Vector, c =>
    {
        var value = new double[c.Outputs.Length];
        Pullback<double> pullback = Reverse.Vjp<double>(c.InPlace, c.Point, value);
        var inputAdjoint = new double[c.Inputs];
        pullback.Invoke(c.Cotangent, inputAdjoint);
        (double[] expectedValue, Pullback<double> expected) = Reverse.Vjp<double>(c.Vector, c.Point);
        Assert.Equal(expectedValue, value);
        // Close, not equal: with several outputs seeded, the in-place program records y_i = 0 + f_i(x) on top of the
        // returning one's graph, so an input's adjoint sums the same terms in another order (f = [x₀, x₀²] at −0.2,
        // ū = [−0.7, 0.4]: −0.86 against −0.8600000000000001).
        double[] allocating = expected.Invoke(c.Cotangent);
        for (int j = 0; j < allocating.Length; j++)
            AssertClose(allocating[j], inputAdjoint[j], Exact, $"{c}: x̄[{j}]");
        Assert.Equal(inputAdjoint, pullback.Invoke(c.Cotangent));
    });

    /// <summary>d/dt f(x + t v) at t = 0 is J v: the curve's derivative against the JVP.</summary>
    [Fact]
    public void Curve_derivative_is_the_JVP_along_its_direction() => Verify.ForAll(Programs.Vector, c =>
    {
        double[] velocity = Forward.Derivative<double>(t => c.Vector<Dual<double>>(Line(c, t)), 0.0);
        (double[] _, double[] jv) = Forward.Jvp<double>(c.Vector, c.Point, c.Direction);
        Assert.Equal(jv.Length, velocity.Length);
        for (int i = 0; i < jv.Length; i++)
            AssertClose(jv[i], velocity[i], Exact, $"{c}: x′(0)[{i}] vs (J v)[{i}]");
    });

    [Fact]
    public void Curve_derivative_of_the_circle() =>
        Assert.Equal([-Math.Sin(0.7), Math.Cos(0.7)],
            Forward.Derivative<double>(t => [Dual<double>.Cos(t), Dual<double>.Sin(t)], 0.7));

    [Fact]
    public void An_output_left_unwritten_is_the_constant_zero()
    {
        var value = new double[] { 9, 9 };
        var jacobian = new double[4];
        Forward.Jacobian<double>((x, y) => y[0] = x[0] * x[1], [2.0, 3.0], value, jacobian);
        Assert.Equal([6.0, 0.0], value);
        Assert.Equal([3.0, 2.0, 0.0, 0.0], jacobian);
        Reverse.Jacobian<double>((x, y) => y[1] = x[0] * x[1], [2.0, 3.0], value, jacobian);
        Assert.Equal([0.0, 6.0], value);
        Assert.Equal([0.0, 0.0, 3.0, 2.0], jacobian);
    }

    /// <summary>The forward in-place forms allocate nothing per call (their buffers come from the pool).</summary>
    [Fact]
    public void Forward_in_place_forms_allocate_nothing()
    {
        double[] x = [0.5, 1.5, -0.25], v = [1, 2, 3], value = new double[2], tangent = new double[2], jacobian = new double[6];
        InPlaceFunction<Dual<double>> f = Ring;
        for (int warm = 0; warm < 3; warm++)
        {
            Forward.Jacobian(f, x, value, jacobian);
            Forward.Jvp(f, x, v, value, tangent);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        Forward.Jacobian(f, x, value, jacobian);
        Forward.Jvp(f, x, v, value, tangent);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void Ring(ReadOnlySpan<Dual<double>> x, Span<Dual<double>> y)
    {
        y[0] = Dual<double>.Sin(x[0] * x[1]);
        y[1] = x[1] * x[2] + x[0];
    }

    [Fact]
    public void Destination_lengths_are_checked_and_named()
    {
        double[] x = [1.0, 2.0];
        InPlaceFunction<Dual<double>> f = (x, y) => y[0] = x[0];
        InPlaceFunction<Tracked<double>> g = (x, y) => y[0] = x[0];
        Refusals.Refused("value", () => Forward.Jacobian(f, x, [], new double[2]),
            "value is empty; its length fixes the number of outputs, at least one.");
        Refusals.Refused("jacobian", () => Forward.Jacobian(f, x, new double[1], new double[3]),
            "jacobian has length 3 but a row-major m×n Jacobian (m = value.Length, n = x.Length) needs 2 entries.");
        Assert.Equal("tangent", Assert.Throws<ArgumentException>(() => Forward.Jvp(f, x, x, new double[1], new double[2])).ParamName);
        Assert.Equal("v", Assert.Throws<ArgumentException>(() => Forward.Jvp(f, x, [1.0], new double[1], new double[1])).ParamName);
        Refusals.Refused("x", () => Forward.Jvp(f, [], [], new double[1], new double[1]), "x is empty");
        Refusals.Refused("value", () => Forward.Jvp(f, x, x, [], []),
            "value is empty; its length fixes the number of outputs, at least one.");
        Refusals.Refused("tangent", () => Forward.Jvp(f, x, x, new double[1], new double[2]),
            "tangent has length 2 but one entry per output needs 1 entries.");
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Forward.Jacobian(f, [], new double[1], new double[0])).ParamName);
        Assert.Equal("outputs", Assert.Throws<ArgumentOutOfRangeException>(() => Forward.Jacobian(f, x, 0)).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => Reverse.Jacobian(g, x, [], new double[2])).ParamName);
        Assert.Equal("jacobian", Assert.Throws<ArgumentException>(() => Reverse.Jacobian(g, x, new double[1], new double[1])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Reverse.Vjp(g, [], new double[1])).ParamName);
        Assert.Equal("outputs", Assert.Throws<ArgumentOutOfRangeException>(() => Reverse.Jacobian(g, x, -1)).ParamName);
        Pullback<double> pullback = Reverse.Vjp(g, x, new double[1]);
        Assert.Equal("inputAdjoint", Assert.Throws<ArgumentException>(() => pullback.Invoke([1.0], new double[3])).ParamName);
        Assert.Equal("cotangent", Assert.Throws<ArgumentException>(() => pullback.Invoke([1.0, 2.0], new double[2])).ParamName);
    }

    // The line x + t v on any number type.
    private static Dual<double>[] Line(ProgramCase c, Dual<double> t) =>
        [.. c.Point.Zip(c.Direction, (a, d) => new Dual<double>(a, 0) + new Dual<double>(d, 0) * t)];
}
