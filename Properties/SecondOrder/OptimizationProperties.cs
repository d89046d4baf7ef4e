using System.Numerics;
using Autodiff.Properties.Support;
using LanguageExt;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.SecondOrder;

/// <summary>Newton, Gauss–Newton, gradient descent, stationary points and curvature estimates.</summary>
public sealed class OptimizationProperties
{
    // f(x) = ½ xᵀAx − bᵀx with A = [[4, 1, 0], [1, 3, 0.5], [0, 0.5, 2]] (SPD) and b = (1, −2, 0.5).
    private static readonly double[,] A = { { 4, 1, 0 }, { 1, 3, 0.5 }, { 0, 0.5, 2 } };
    private static readonly double[] B = [1, -2, 0.5];

    private static T Quadratic<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero, half = T.CreateChecked(0.5);
        for (int i = 0; i < 3; i++)
        {
            sum -= T.CreateChecked(B[i]) * x[i];
            for (int j = 0; j < 3; j++)
                sum += half * x[i] * T.CreateChecked(A[i, j]) * x[j];
        }
        return sum;
    }

    private static T Rosenbrock<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T a = x[1] - x[0] * x[0], b = T.One - x[0];
        return T.CreateChecked(100) * a * a + b * b;
    }

    private static double[] Minimizer() => Solve.Linear(A, B).ValueOrThrow().ToArray();

    [Fact]
    public void Newton_step_solves_a_quadratic_in_one_step() =>
        Verify.ForAll(Cases.Vectors(3, -5, 5), x =>
        {
            double[] step = Newton.Step(Quadratic, x).ValueOrThrow().ToArray();
            double[] expected = Minimizer();
            for (int i = 0; i < 3; i++)
                AssertClose(expected[i], x[i] + step[i], 1e-10, $"(x + Δ*)_{i} = (A⁻¹b)_{i}");
        });

    [Fact]
    public void Newton_converges_on_Rosenbrock_quadratically()
    {
        double[] x = [-1.2, 1.0];
        for (int k = 0; k < 12; k++)
        {
            double[] step = Newton.Step(Rosenbrock, x).ValueOrThrow().ToArray();
            x = [x[0] + step[0], x[1] + step[1]];
        }
        AssertClose(1, x[0], 1e-12, "x₁ → 1");
        AssertClose(1, x[1], 1e-12, "x₂ → 1");
    }

    [Fact]
    public void Newton_step_at_a_singular_Hessian_fails_with_a_reason()
    {
        static T Valley<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => (x[0] + x[1]) * (x[0] + x[1]);
        Fin<Arr<double>> step = Newton.Step(Valley, [1.0, 2.0]);
        Assert.True(step.IsFail);
        step.IfFail(e => Assert.Contains("singular", e.Message));
    }

    [Fact]
    public void A_non_finite_gradient_or_Hessian_is_a_failure_and_a_non_finite_point_is_bad_input()
    {
        static T Root<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => T.Sqrt(x[0]) + x[1] * x[1];
        static T[] RootResidual<T>(ReadOnlySpan<T> t) where T : IFloatingPointIeee754<T> => [T.Sqrt(t[0]), t[1]];
        Fin<Arr<double>> step = Newton.Step(Root, [-1.0, 2.0]); // √ of a negative: NaN
        Assert.True(step.IsFail);
        step.IfFail(e => Assert.Contains("NaN or infinite", e.Message));
        Assert.True(Newton.GaussNewtonStep(RootResidual, [-1.0, 2.0]).IsFail);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Newton.Step(Root, [double.NaN, 2.0])).ParamName);
        Assert.Equal("theta", Assert.Throws<ArgumentException>(() => Newton.GaussNewtonStep(RootResidual, [1.0, double.PositiveInfinity])).ParamName);
    }

    [Fact]
    public void Gauss_Newton_solves_linear_least_squares_in_one_step() =>
        Verify.ForAll(Cases.Vectors(3, -3, 3), theta =>
        {
            double[,] phi = { { 1, -1, 1 }, { 1, -0.5, 0.25 }, { 1, 0, 0 }, { 1, 0.5, 0.25 }, { 1, 1, 1 } };
            double[] y = [2, 0.8, 0.4, 0.9, 2.2];
            T[] Residual<T>(ReadOnlySpan<T> t) where T : IFloatingPointIeee754<T>
            {
                var r = new T[5];
                for (int i = 0; i < 5; i++)
                    r[i] = T.CreateChecked(y[i]) - (T.CreateChecked(phi[i, 0]) * t[0] + T.CreateChecked(phi[i, 1]) * t[1] + T.CreateChecked(phi[i, 2]) * t[2]);
                return r;
            }
            double[] step = Newton.GaussNewtonStep(Residual, theta).ValueOrThrow().ToArray();
            double[] afterStep = [theta[0] + step[0], theta[1] + step[1], theta[2] + step[2]];
            double[] gradient = Autodiff.Reverse.Grad<double>(t => Half(Residual(t)), afterStep);
            Assert.All(gradient, g => Assert.True(Math.Abs(g) < 1e-10, $"∇L after one Gauss–Newton step: {g}"));
        });

    [Fact]
    public void Exact_Hessian_of_half_squared_residuals_is_JtJ_plus_sum_of_r_times_residual_Hessians() =>
        Verify.ForAll(Cases.Vectors(2, -1, 1), theta =>
        {
            double[,] exact = Hessian.Dense<double>(t => Half(Nonlinear(t)), theta);
            double[,] j = Autodiff.Forward.Jacobian(Nonlinear, theta);
            double[] r = Nonlinear<double>(theta);
            for (int a = 0; a < 2; a++)
                for (int b = 0; b < 2; b++)
                {
                    double model = 0;
                    for (int i = 0; i < r.Length; i++)
                    {
                        int output = i;
                        model += j[i, a] * j[i, b] + r[i] * Autodiff.Forward.Hessian<double>(t => Nonlinear(t)[output], theta)[a, b];
                    }
                    AssertClose(model, exact[a, b], 1e-10, $"∇²L[{a},{b}] = (JᵀJ + Σ rᵢ∇²rᵢ)[{a},{b}]");
                }
        });

    [Fact]
    public void Rank_deficient_residual_Jacobian_fails_the_Gauss_Newton_step()
    {
        static T[] Collinear<T>(ReadOnlySpan<T> t) where T : IFloatingPointIeee754<T> => [t[0] + t[1] - T.One, T.CreateChecked(2) * (t[0] + t[1])];
        Assert.True(Newton.GaussNewtonStep(Collinear, [0.5, 0.5]).IsFail);
    }

    [Fact]
    public void Momentum_beats_plain_descent_in_a_ravine()
    {
        // The seeds' ravine: steep across (x₂), shallow along (x₁).
        static T Ravine<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => T.CreateChecked(0.05) * x[0] * x[0] + T.CreateChecked(5) * x[1] * x[1];
        Trajectory<double> plain = GradientDescent.Run(Ravine, [-4.0, 1.0], 0.09, 0.0, 100);
        Trajectory<double> heavyBall = GradientDescent.Run(Ravine, [-4.0, 1.0], 0.09, 0.9, 100);
        Assert.Equal(101, plain.Points.Count);
        Assert.Equal(Ravine<double>([-4.0, 1.0]), plain.Losses[0]);
        Assert.True(heavyBall.Losses[^1] < plain.Losses[^1] / 10, $"momentum {heavyBall.Losses[^1]:E2} vs plain {plain.Losses[^1]:E2}");
        for (int k = 1; k < plain.Losses.Count; k++)
            Assert.True(plain.Losses[k] <= plain.Losses[k - 1], "plain descent with a small step never increases the loss");
        Assert.Equal(plain.Points[^1], plain.Final);
    }

    [Fact]
    public void Gradient_descent_rejects_bad_hyperparameters()
    {
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => GradientDescent.Run(Quadratic, [1.0, 2.0, 3.0], 0.0, 0.0, 3)).ParamName);
        Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => GradientDescent.Run(Quadratic, [1.0, 2.0, 3.0], 0.1, 1.0, 3)).ParamName);
        Assert.Equal("iterations", Assert.Throws<ArgumentOutOfRangeException>(() => GradientDescent.Run(Quadratic, [1.0, 2.0, 3.0], 0.1, 0.5, -1)).ParamName);
    }

    [Fact]
    public void Stationary_points_are_classified_by_the_Hessian_eigenvalues()
    {
        static T Bowl<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0] * x[0] + T.CreateChecked(3) * x[1] * x[1];
        static T Cap<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => -Bowl(x);
        static T Saddle<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0] * x[0] - x[1] * x[1];
        static T Flat<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0] * x[0] * x[0] * x[0] + x[1] * x[1];
        Assert.Equal(StationaryPointKind.Minimum, StationaryPoint.Classify(Bowl, [0.0, 0.0]));
        Assert.Equal(StationaryPointKind.Maximum, StationaryPoint.Classify(Cap, [0.0, 0.0]));
        Assert.Equal(StationaryPointKind.Saddle, StationaryPoint.Classify(Saddle, [0.0, 0.0]));
        Assert.Equal(StationaryPointKind.Degenerate, StationaryPoint.Classify(Flat, [0.0, 0.0]));
        Assert.Equal(StationaryPointKind.Minimum, StationaryPoint.Classify(Rosenbrock, [1.0, 1.0]));
    }

    [Fact]
    public void A_point_where_the_gradient_does_not_vanish_is_not_stationary()
    {
        static T Bowl<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0] * x[0] + x[1] * x[1];
        Assert.Equal(StationaryPointKind.NotStationary, StationaryPoint.Classify(Bowl, [3.0, 4.0])); // ‖∇f‖ = 10
        Assert.Equal(StationaryPointKind.NotStationary, StationaryPoint.Classify(Bowl, [1e-9, 0.0]));  // ‖∇f‖ = 2·10⁻⁹ > 10⁻¹⁰
        Assert.Equal(StationaryPointKind.Minimum, StationaryPoint.Classify(Bowl, [1e-9, 0.0], tolerance: 1e-8));
        Assert.Equal(StationaryPointKind.NotStationary, StationaryPoint.Classify(Rosenbrock, [0.0, 0.0]));
    }

    [Fact]
    public void Sharpness_is_the_top_eigenvalue_and_Hutchinson_estimates_the_trace()
    {
        double[] eigenvalues = SymmetricEigen.Values(A);
        AssertClose(eigenvalues[^1], Curvature.Sharpness(Quadratic, [0.3, 0.1, -0.2]), 1e-9, "λ_max by power iteration");
        double trace = A[0, 0] + A[1, 1] + A[2, 2];
        AssertClose(trace, Curvature.HutchinsonTrace(Quadratic, [0.3, 0.1, -0.2], samples: 4000, seed: 7), 0.05, "E[zᵀHz] = tr H");
        Assert.Equal(Curvature.HutchinsonTrace(Quadratic, [0.3, 0.1, -0.2], 50, seed: 3), Curvature.HutchinsonTrace(Quadratic, [0.3, 0.1, -0.2], 50, seed: 3));
        static T Diagonal<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0] * x[0] + T.CreateChecked(2.5) * x[1] * x[1];
        Assert.Equal(7.0, Curvature.HutchinsonTrace(Diagonal, [1.0, 1.0], samples: 3), 12); // zᵀDz = tr D exactly for diagonal D
    }

    private static T Half<T>(T[] r) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        foreach (T e in r)
            sum += e * e;
        return sum / T.CreateChecked(2);
    }

    private static T[] Nonlinear<T>(ReadOnlySpan<T> t) where T : IFloatingPointIeee754<T> =>
        [T.Exp(t[0]) - t[1], T.Sin(t[0] * t[1]) - T.CreateChecked(0.3), t[0] * t[0] + t[1] - T.One];
}
