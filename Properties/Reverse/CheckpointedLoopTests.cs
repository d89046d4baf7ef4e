using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Reverse;

/// <summary>
/// <see cref="Autodiff.Reverse.CheckpointedLoop{T}"/>: the same gradient as forward mode through the unrolled loop,
/// a record of the loop's boundary only, and clear errors for a body that captures a tracked value.
/// </summary>
public sealed class CheckpointedLoopTests
{
    // One step of a damped recurrence with a parameter carried in the state: (y, w) ↦ (tanh(w·y) + y/2, w).
    internal static T[] Step<T>(ReadOnlySpan<T> s) where T : System.Numerics.IFloatingPointIeee754<T> =>
        [T.Tanh(s[1] * s[0]) + s[0] / (T.One + T.One), s[1]];

    internal static T Unrolled<T>(T y, T w, int steps) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        T[] s = [y, w];
        for (int i = 0; i < steps; i++)
            s = Step<T>(s);
        return s[0] * s[0];
    }

    internal static Tracked<double> Checkpointed(ReadOnlySpan<Tracked<double>> x, int steps)
    {
        Tracked<double> y = Autodiff.Reverse.CheckpointedLoop(x, steps, Step)[0];
        return y * y;
    }

    public static TheoryData<int> StepCounts() => [0, 1, 2, 3, 4, 7, 99, 100, 101, 1_000];

    [Theory]
    [MemberData(nameof(StepCounts))]
    public void The_gradient_equals_forward_mode_through_the_unrolled_loop(int steps) =>
        Verify.ForAll(Cases.Vectors(2, -1, 1), x =>
        {
            double[] reverse = Autodiff.Reverse.Grad<double>(v => Checkpointed(v, steps), x);
            double[] forward = Autodiff.Forward.Gradient<double>(v => Unrolled(v[0], v[1], steps), x);
            AssertClose(forward[0], reverse[0], Exact, $"∂/∂y₀ after {steps} steps");
            AssertClose(forward[1], reverse[1], Exact, $"∂/∂w after {steps} steps");
        });

    public static TheoryData<int> ScheduleStepCounts() => [1, 2, 3, 4, 5, 8, 9, 10, 99, 100, 101, 1_000, 1_001];

    [Theory]
    [MemberData(nameof(ScheduleStepCounts))]
    public void The_backward_pass_replays_stretches_of_the_ceiling_of_root_n_steps_from_the_last(int steps)
    {
        // The body s ↦ s + 1 from s₀ = 0 sees the step number as its state: the forward pass must call it on
        // constants at 0, 1, …, n − 1 once each; the backward pass on tracked values, stretch by stretch from the
        // last, each of s = ⌈√n⌉ steps from a snapshot at a multiple of s (the last one shorter). Any other
        // stride or order gives the same gradient (1), so only this sequence shows the O(√n) schedule.
        var forward = new List<double>();
        var backward = new List<double>();
        double[] gradient = Autodiff.Reverse.Grad<double>(x => Autodiff.Reverse.CheckpointedLoop(x, steps, s =>
        {
            (s[0].IsConstant ? forward : backward).Add(s[0].Value);
            return [s[0] + 1.0];
        })[0], [0.0]);

        int stride = (int)Math.Ceiling(Math.Sqrt(steps));
        var stretches = new List<double>();
        for (int start = (steps - 1) / stride * stride; start >= 0; start -= stride)
            for (int step = start; step < Math.Min(start + stride, steps); step++)
                stretches.Add(step);
        Assert.Equal(Enumerable.Range(0, steps).Select(i => (double)i), forward);
        Assert.Equal(stretches, backward);
        Assert.Equal(1.0, gradient[0]);
    }

    [Fact]
    public void A_body_that_captures_a_tracked_value_throws_naming_the_fix()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Autodiff.Reverse.Grad<double>(v =>
        {
            Tracked<double> w = v[1];
            return Autodiff.Reverse.CheckpointedLoop<double>(v[..1], 10, s => [s[0] * w])[0];
        }, [0.5, 2.0]));
        Assert.Contains("did not receive as input", e.Message);
        Assert.Contains("loop's state", e.Message);
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() =>
            Autodiff.Reverse.Vjp((ScalarFunction<Tracked<double>>)null!, [1.0])).ParamName);
        Assert.Equal("steps", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Autodiff.Reverse.CheckpointedLoop<double>([1.0], -1, s => [s[0]])).ParamName);
        Assert.Equal("body", Assert.Throws<ArgumentNullException>(() =>
            Autodiff.Reverse.CheckpointedLoop<double>([1.0], 1, null!)).ParamName);
        Assert.Equal("state", Assert.Throws<ArgumentException>(() =>
            Autodiff.Reverse.CheckpointedLoop<double>([], 1, s => [s[0]])).ParamName);
        Assert.Equal("body", Assert.Throws<ArgumentException>(() =>
            Autodiff.Reverse.CheckpointedLoop<double>([1.0, 2.0], 3, s => [s[0]])).ParamName);
    }
}
