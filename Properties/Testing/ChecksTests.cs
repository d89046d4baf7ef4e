using Autodiff.Properties.Support;
using static Autodiff.Properties.Testing.Functions;

namespace Autodiff.Properties.Testing;

/// <summary>
/// The ready-made properties pass on right code and fail on wrong code: forward = reverse and adjointness against a
/// forward-only error, the chain rule against a wrong inner Jacobian, on fixed points and on random programs; and
/// GradCheck fails every random program whose gradient is off by 0.1 in one entry.
/// </summary>
public sealed class ChecksTests
{
    private static readonly double[] X = [0.8, -0.3], V = [1.0, -0.5], U = [0.25, -1.0, 2.0];

    [Fact]
    public void Forward_equals_reverse_passes_on_right_code_and_fails_on_a_wrong_tangent()
    {
        double[] x = [0.7, -1.2, 0.4];
        Checks.ForwardEqualsReverse(new Coupled(), x, new Tolerances(1e-12, 1e-12)).ThrowIfFailed();
        GradCheckReport report = Checks.ForwardEqualsReverse(new OffForwardGradient(), x);
        Assert.Equal(1, report.FailureCount);
        Assert.Equal("[0]", report.Worst[0].Index);
    }

    /// <summary>
    /// An infinite derivative is matched only by the same infinity: relative to ∞ every finite value used to be within
    /// tolerance (∞ ≤ rtol · ∞), so forward +∞ against a finite reverse ∂/∂x₀ passed.
    /// </summary>
    [Fact]
    public void Forward_equals_reverse_holds_an_infinite_derivative_to_the_same_infinity()
    {
        double[] x = [0.7, -1.2, 0.4];
        GradCheckReport report = Checks.ForwardEqualsReverse(new InfiniteForwardGradient(), x);
        Assert.Equal(1, report.FailureCount);
        Assert.Equal(double.PositiveInfinity, report.Worst[0].Value);
        Assert.True(double.IsFinite(report.Worst[0].Reference));
        GradCheckReport agreeing = Checks.ForwardEqualsReverse(new InfiniteGradient(), [0.7, -1.2]);
        agreeing.ThrowIfFailed();
        Assert.Equal(double.PositiveInfinity, agreeing.Worst.Single(e => e.Index == "[0]").Reference);
    }

    [Fact]
    public void Adjointness_passes_on_right_code_and_fails_on_a_wrong_tangent()
    {
        Checks.Adjoint(new Curve(), X, V, U).ThrowIfFailed();
        GradCheckReport report = Checks.Adjoint(new OffForward(), X, V, U);
        Assert.False(report.Passed);
        Assert.Contains("⟨ū, J v⟩", report.ToString());
    }

    [Fact]
    public void The_chain_rule_passes_on_right_code_and_fails_on_a_wrong_inner_Jacobian()
    {
        Checks.ChainRule(new Curve(), new LogNorm(), X).ThrowIfFailed();
        Assert.False(Checks.ChainRule(new OffForward(), new LogNorm(), X).Passed);
    }

    [Fact]
    public void Adjointness_rejects_mismatched_lengths()
    {
        Assert.Equal("v", Assert.Throws<ArgumentException>(() => Checks.Adjoint(new Curve(), X, [1.0], U)).ParamName);
        Assert.Equal("u", Assert.Throws<ArgumentException>(() => Checks.Adjoint(new Curve(), X, V, [1.0])).ParamName);
    }

    [Fact]
    public void Random_programs_satisfy_adjointness_and_the_library_passes_its_own_gradcheck() =>
        Verify.ForAll(Programs.Vector, c => Checks.Adjoint(new Program(c), c.Point, c.Direction, c.Cotangent, new Tolerances(1e-10, 1e-10)).Passed
            && GradCheck.Scalar(c.Scalar, c.Scalar, c.Scalar, c.Point).Passed);

    [Fact]
    public void GradCheck_fails_every_random_program_with_a_gradient_off_by_a_tenth() =>
        Verify.ForAll(Programs.Scalar, c =>
        {
            GradCheckReport report = GradCheck.Scalar(new OffProgram(c), c.Point);
            return report.FailureCount == 2 && report.Worst.Take(2).All(e => e.Index == "[0]");
        });

    // A random program as a function value.
    private readonly struct Program(ProgramCase c) : IVectorFunction
    {
        public T[] F<T>(ReadOnlySpan<T> x) where T : System.Numerics.IFloatingPointIeee754<T> => c.Vector(x);
    }
}
