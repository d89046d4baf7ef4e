using System.Numerics;
using Autodiff.Properties.Support;

namespace Autodiff.Properties.SecondOrder;

/// <summary>Every second-order entry point rejects bad input before any work, naming the argument.</summary>
public sealed class SecondOrderBadInputTests
{
    private static T Linear<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0] + T.CreateChecked(2) * x[^1];

    private static void Named(string parameter, Action act) => Assert.Equal(parameter, Assert.ThrowsAny<ArgumentException>(act).ParamName);

    [Fact]
    public void Null_functions_and_empty_points_are_named()
    {
        Named("f", () => Hessian.Dense<double>(null!, [1.0]));
        Named("x", () => Hessian.OfVectorFunction<double>(v => [v[0]], []));
        Named("f", () => Hessian.DirectionalDerivative<double>(null!, [1.0], [1.0], 1));
        Named("x", () => Hessian.DirectionalDerivative<double>(v => v[0], [], [], 1));
        Named("f", () => Hessian.Hvp<double>(null!, [1.0], [1.0]));
        Named("x", () => Hessian.Hvp(TestFunctions.Coupled, ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty));
        Named("f", () => Newton.GradientAndHessian<double>(null!, [1.0]));
        Named("x", () => Newton.GradientAndHessian(TestFunctions.Coupled, ReadOnlySpan<double>.Empty));
        Named("f", () => GradientDescent.Run<double>(null!, [1.0], 0.1, 0.0, 1));
        Named("x0", () => GradientDescent.Run(TestFunctions.Coupled, ReadOnlySpan<double>.Empty, 0.1, 0.0, 1));
        Named("x", () => Curvature.Sharpness(TestFunctions.Coupled, ReadOnlySpan<double>.Empty));
        Named("x", () => Curvature.HutchinsonTrace(TestFunctions.Coupled, ReadOnlySpan<double>.Empty, 3));
        Named("samples", () => Curvature.HutchinsonTrace(TestFunctions.Coupled, [1.0], 0));
    }

    [Fact]
    public void Hyperparameter_errors_say_what_is_allowed()
    {
        Assert.Contains("learning rate η must be positive", Assert.Throws<ArgumentOutOfRangeException>(() => GradientDescent.Run(Linear, [1.0], -0.1, 0.0, 1)).Message);
        Assert.Contains("momentum μ must lie in [0, 1)", Assert.Throws<ArgumentOutOfRangeException>(() => GradientDescent.Run(Linear, [1.0], 0.1, -0.5, 1)).Message);
    }

    [Fact]
    public void A_function_with_no_curvature_has_zero_sharpness_and_trace()
    {
        // H = 0: every HVP is the zero vector, which power iteration must not normalise into NaN.
        Assert.Equal(0.0, Curvature.Sharpness(Linear, [1.0, 2.0, 3.0]));
        Assert.Equal(0.0, Curvature.HutchinsonTrace(Linear, [1.0, 2.0, 3.0], 5));
    }

    [Fact]
    public void Power_iteration_resolves_close_eigenvalues()
    {
        // λ = 10, 9.5, 1: the ratio 0.95 needs hundreds of iterations; a loose stop would answer between 9.5 and 10.
        static T Close<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
            (T.CreateChecked(10) * x[0] * x[0] + T.CreateChecked(9.5) * x[1] * x[1] + x[2] * x[2]) / T.CreateChecked(2);
        Tolerance.AssertClose(10, Curvature.Sharpness(Close, [0.1, 0.2, 0.3], seed: 5, maxIterations: 5000), 1e-6, "λ_max");
        double rough = Curvature.Sharpness(Close, [0.1, 0.2, 0.3], seed: 5, maxIterations: 2);
        Assert.True(rough < 10 - 1e-3, $"two iterations cannot have converged: {rough}");
    }

    [Fact]
    public void Nearly_degenerate_stationary_points_follow_the_relative_tolerance()
    {
        static T Thin<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0] * x[0] + T.CreateChecked(1e-12) * x[1] * x[1];
        static T Slim<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0] * x[0] + T.CreateChecked(1e-8) * x[1] * x[1];
        static T Tilted<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => -x[0] * x[0] - T.CreateChecked(1e-8) * x[1] * x[1];
        Assert.Equal(StationaryPointKind.Degenerate, StationaryPoint.Classify(Thin, [0.0, 0.0]));
        Assert.Equal(StationaryPointKind.Minimum, StationaryPoint.Classify(Slim, [0.0, 0.0]));
        Assert.Equal(StationaryPointKind.Maximum, StationaryPoint.Classify(Tilted, [0.0, 0.0]));
        Assert.Equal(StationaryPointKind.Degenerate, StationaryPoint.Classify(Slim, [0.0, 0.0], tolerance: 1e-6));
        Assert.Equal(StationaryPointKind.NotStationary, StationaryPoint.Classify(Linear, [0.0, 0.0])); // ∇f = (1, 2)
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Gradient_descent_rejects_a_non_finite_learning_rate(double eta) =>
        Named("learningRate", () => GradientDescent.Run(Linear, [1.0], eta, 0.0, 1));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1.0)]
    public void Gradient_descent_rejects_a_momentum_outside_0_1(double mu) =>
        Named("momentum", () => GradientDescent.Run(Linear, [1.0], 0.1, mu, 1));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void Gradient_descent_rejects_a_non_finite_start(double x0) =>
        Named("x0", () => GradientDescent.Run(Linear, [1.0, x0], 0.1, 0.0, 1));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-1e-10)]
    [InlineData(double.PositiveInfinity)]
    public void Classify_rejects_a_NaN_negative_or_infinite_tolerance(double tolerance) =>
        Named("tolerance", () => StationaryPoint.Classify(Linear, [0.0, 0.0], tolerance));

    [Fact]
    public void Gauss_Newton_names_its_own_parameters()
    {
        static T[] Residual<T>(ReadOnlySpan<T> t) where T : IFloatingPointIeee754<T> => [t[0] - T.One];
        Named("residual", () => Newton.GaussNewtonStep<double>(null!, [1.0]));
        Named("theta", () => Newton.GaussNewtonStep(Residual, ReadOnlySpan<double>.Empty));
        Named("residual", () => Newton.GaussNewtonStep<double>(t => [], [1.0]));
        Named("residual", () => Newton.GaussNewtonStep<double>(t => null!, [1.0]));
    }
}
