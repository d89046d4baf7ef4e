using Autodiff.Properties.Support;
using static Autodiff.Properties.Testing.Functions;

namespace Autodiff.Properties.Testing;

/// <summary>
/// The ready-made properties pass on right code and fail on wrong code: forward = reverse and adjointness against a
/// forward-only error, the chain rule against a wrong inner Jacobian, on fixed points and on random programs.
/// </summary>
public sealed class ChecksTests
{
    private static readonly double[] X = [0.8, -0.3], V = [1.0, -0.5], U = [0.25, -1.0, 2.0];

    [Fact]
    public void Forward_equals_reverse_passes_on_right_code() =>
        Checks.ForwardEqualsReverse(new Coupled(), [0.7, -1.2, 0.4], new Tolerances(1e-12, 1e-12)).ThrowIfFailed();

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

    // A random program as a function value.
    private readonly struct Program(ProgramCase c) : IVectorFunction
    {
        public T[] F<T>(ReadOnlySpan<T> x) where T : System.Numerics.IFloatingPointIeee754<T> => c.Vector(x);
    }
}
