using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Refusals;

namespace Autodiff.Properties.SecondOrder;

/// <summary>
/// The refusals of the derivative tensors, the curvature estimates, the stationary-point test, gradient descent,
/// Newton's helpers, the Lie derivative and the symmetric factorisation: each names its
/// parameter, says what is wrong with the numbers involved, and comes before any other check fails; the values at
/// the edge of each range are accepted, and the second-order test's relative threshold is held at its tie.
/// </summary>
public sealed class SecondOrderMessageTests
{
    // f = a x² + b y²: ∇f(0) = 0 exactly and ∇²f = diag(2a, 2b) exactly.
    private static ScalarFunction<Tracked<Dual<double>>> Quadratic(double a, double b) =>
        v => Quadratic(v, a, b);

    private static T Quadratic<T>(ReadOnlySpan<T> v, double a, double b) where T : System.Numerics.IFloatingPointIeee754<T> =>
        T.CreateChecked(a) * v[0] * v[0] + T.CreateChecked(b) * v[1] * v[1];

    [Fact]
    public void Derivative_tensors_say_what_is_wrong_and_accept_the_edges()
    {
        Refused<ArgumentOutOfRangeException>("k", () => DerivativeTensor.Contract<double>([2.0], [3.0], -1));
        Refused<ArgumentOutOfRangeException>("k", () => DerivativeTensor.Contract<double>([2.0], [3.0], 5));
        Refused("delta", () => DerivativeTensor.Contract<double>([2.0], [], 0), "δ needs at least one entry");
        Refused("tensor", () => DerivativeTensor.Contract<double>([1.0, 2.0, 3.0], [1.0, 2.0], 2),
            "tensor has 3 entries but a tensor of order 2 over ℝ^2 has 4.");
        Refused("delta", () => DerivativeTensor.Contract<double>([1.0], new double[33], 4),
            "A tensor of order 4 over ℝ^33 would have more than 1048576 entries; it is meant for small n.");
        Refused<ArgumentOutOfRangeException>("order", () => DerivativeTensor.TaylorModel<double>(v => v[0], [1.0], 5));
        // f and x are checked before the order.
        Refused<ArgumentNullException>("f", () => DerivativeTensor.Of<double>(null!, [1.0], -1));
        Refused<ArgumentNullException>("f", () => DerivativeTensor.TaylorModel<double>(null!, [1.0], -1));
        Refused("x", () => DerivativeTensor.TaylorModel<double>(v => v[0], [], -1));
        // A model knows its order, gives its tensors up to it and evaluates only at a δ of x₀'s length.
        TaylorModel<double> model = DerivativeTensor.TaylorModel<double>(v => v[0] * v[1], [1.0, 2.0], 2);
        Assert.Equal(2, model.Order);
        Assert.Equal([0.0, 1.0, 1.0, 0.0], model.Tensor(2));
        Refused<ArgumentOutOfRangeException>("k", () => model.Tensor(3));
        Refused("delta", () => model.Evaluate([1.0]), "delta has length 1 but x has length 2");
        // The edges: order 4 (3⁵ would be refused above), 2²⁰ entries exactly (n = 32, k = 4), and order 0.
        Assert.Equal(2 * 81.0, DerivativeTensor.Contract<double>([2.0], [3.0], 4));
        double[] ones = new double[1 << 20];
        ones.AsSpan().Fill(1.0);
        double[] delta = new double[32];
        delta[0] = 2.0;
        Assert.Equal(16.0, DerivativeTensor.Contract<double>(ones, delta, 4));
        Assert.Equal(2.0, DerivativeTensor.Contract<double>([2.0], [3.0], 0));
    }

    [Fact]
    public void Hessians_check_f_and_x_first_and_say_when_the_outputs_change()
    {
        Refused("x", () => Hessian.Hvp<double>(v => v[0], [], []));
        Refused<ArgumentNullException>("f", () => Hessian.OfVectorFunction<double>(null!, []));
        int calls = 0;
        Refused("f", () => Hessian.OfVectorFunction<double>(v => ++calls == 1 ? [v[0]] : [v[0], v[1]], [1.0, 2.0]),
            "The function returned 2 outputs on pass 2 but 1 on the first: its number of outputs must not change.");
    }

    [Fact]
    public void Sharpness_says_what_is_wrong_first_and_accepts_a_zero_tolerance()
    {
        Refused<ArgumentNullException>("f", () => Curvature.Sharpness<double>(null!, [1.0], tolerance: -1));
        Refused("x", () => Curvature.Sharpness(Quadratic(1, 2), [], maxIterations: 0));
        foreach (double tolerance in new[] { -1e-3, double.NaN, double.PositiveInfinity })
            Refused<ArgumentOutOfRangeException>("tolerance", () => Curvature.Sharpness(Quadratic(1, 2), [1.0, 1.0], tolerance: tolerance),
                "The tolerance must be finite and non-negative.");
        Tolerance.AssertClose(6.0, Curvature.Sharpness(Quadratic(1, 3), [0.5, -0.5], tolerance: 0), 1e-8, "λ_max at tolerance 0");
    }

    [Fact]
    public void The_second_order_test_says_what_is_wrong_first_and_holds_its_thresholds_at_their_ties()
    {
        Refused<ArgumentNullException>("f", () => StationaryPoint.Classify<double>(null!, [1.0], tolerance: -1));
        Refused("x", () => StationaryPoint.Classify(Quadratic(1, 2), [], tolerance: -1));
        foreach (double tolerance in new[] { -1e-3, double.NaN, double.PositiveInfinity })
            Refused<ArgumentOutOfRangeException>("tolerance", () => StationaryPoint.Classify(Quadratic(1, 2), [0.0, 0.0], tolerance),
                "The tolerance must be finite and non-negative.");
        double[] origin = [0.0, 0.0];
        // Tolerance 0: ‖∇f‖ = 0 ≤ 0 is stationary, and no eigenvalue is ≤ 0 · max|λ|.
        Assert.Equal(StationaryPointKind.Minimum, StationaryPoint.Classify(Quadratic(1, 0.5), origin, 0));
        // λ = (2, 1) at tolerance ½: 1 ≤ ½ · 2 exactly, degenerate; just below the tie, a minimum.
        Assert.Equal(StationaryPointKind.Degenerate, StationaryPoint.Classify(Quadratic(1, 0.5), origin, 0.5));
        Assert.Equal(StationaryPointKind.Minimum, StationaryPoint.Classify(Quadratic(1, 0.5), origin, 0.49));
        // The threshold is relative to max|λ| = 200: λ = 1 is degenerate at 1 %, not at 0.1 %.
        Assert.Equal(StationaryPointKind.Degenerate, StationaryPoint.Classify(Quadratic(100, 0.5), origin, 0.01));
        Assert.Equal(StationaryPointKind.Minimum, StationaryPoint.Classify(Quadratic(100, 0.5), origin, 0.001));
    }

    [Fact]
    public void Optimisers_and_curvature_tools_check_their_function_and_point_first()
    {
        Refused<ArgumentNullException>("f", () => GradientDescent.Run<double>(null!, [double.NaN], 0.1, 0, 1));
        Refused("x0", () => GradientDescent.Run<double>(v => v[0], [1.0, double.NaN], 0.1, 0, 1),
            "x0 has the entry NaN; the starting point must be finite.");
        Refused<ArgumentNullException>("f", () => Newton.GradientAndHessian<double>(null!, []));
        Refused("x", () => Curvature.HutchinsonTrace(Quadratic(1, 2), [], 0));
        Refused<ArgumentNullException>("f", () => Curvature.TopEigenpairs<double>(null!, [], -1));
        Refused("x", () => Curvature.TopEigenpairs(Quadratic(1, 2), [], -1));
        Refused<ArgumentNullException>("f", () => Invariance.LieDerivative<double>(null!, [], null!));
        Refused("x", () => Invariance.LieDerivative<double>(v => v[0], [], new double[0, 0]));
        string error = Newton.GaussNewtonStep<double>(v => [v[0] * double.NaN], [1.0]).Match(_ => "no error", e => e.Message);
        Assert.Equal("The residual or its Jacobian at theta has a NaN or infinite entry; the Gauss–Newton step is undefined.", error);
    }

    [Fact]
    public void A_Cholesky_factorisation_refuses_an_asymmetric_matrix_naming_the_entries()
    {
        double[,] a = { { 4, 0, 0.5 }, { 0, 4, 5 }, { 0.5, 0, 4 } };
        Refused("a", () => CholeskyFactorization<double>.Factor(a),
            "a is not symmetric: a[1, 2] = 5 but a[2, 1] = 0 (they may differ by at most 1e-10 · max|a_kl| = 5E-10).");
    }
}
