using System.Numerics;

namespace Autodiff.Properties.Conventions;

/// <summary>
/// Issue 12, "modes disagree at kinks": at each point where a function is not differentiable, every mode answers
/// the documented convention — the same number forward (Dual), hyper-dual, Taylor, reverse (Tracked) and
/// forward-over-reverse (Tracked&lt;Dual&gt;, the HVPs of Hessian.Dense and Newton.GradientAndHessian).
/// </summary>
/// <remarks>
/// The conventions: in the chain rule a zero factor wins, 0 · ∞ = 0 · NaN = 0 (<see cref="ChainRule.Times{T}"/>);
/// d|x| = sign x with 0 at 0 and d²|x| = 0; Hypot and Atan2 have gradient and Hessian 0 at the origin.
/// </remarks>
public sealed class KinkAgreementTests
{
    /// <summary>A function ℝⁿ → ℝ written once, run by every mode.</summary>
    public interface IScalar
    {
        /// <summary>The function.</summary>
        T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>;
    }

    /// <summary>√(x·x) = |x|, through a product whose local partials are 0 at 0 meeting √'s infinite partial.</summary>
    public readonly struct SqrtOfSquare : IScalar
    {
        /// <inheritdoc/>
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => T.Sqrt(x[0] * x[0]);
    }

    /// <summary>0 · √x with the 0 a constant (a mask): the zero partial meets √'s infinite tangent.</summary>
    public readonly struct MaskedSqrt : IScalar
    {
        /// <inheritdoc/>
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => T.Zero * T.Sqrt(x[0]);
    }

    /// <summary>|x|.</summary>
    public readonly struct Abs : IScalar
    {
        /// <inheritdoc/>
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => T.Abs(x[0]);
    }

    /// <summary>atan2(x₀, x₁).</summary>
    public readonly struct Atan2 : IScalar
    {
        /// <inheritdoc/>
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => T.Atan2(x[0], x[1]);
    }

    /// <summary>hypot(x₀, x₁).</summary>
    public readonly struct Hypot : IScalar
    {
        /// <inheritdoc/>
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => T.Hypot(x[0], x[1]);
    }

    [Fact]
    public void Sqrt_of_a_square_has_derivative_zero_at_zero_in_every_mode() =>
        GradientsAgree(new SqrtOfSquare(), [0.0], [0.0]);

    [Fact]
    public void Sqrt_of_a_square_has_derivative_zero_at_zero_in_reverse_mode()
    {
        Assert.Equal(0.0, Autodiff.Reverse.Grad(new SqrtOfSquare().F, [0.0])[0]); // was NaN: ∞ · 0 in the sweep
        Assert.Equal(0.0, Newton.GradientAndHessian(new SqrtOfSquare().F, [0.0]).Gradient[0]);
    }

    [Fact]
    public void Sqrt_of_a_square_has_second_derivative_infinity_at_zero_in_every_second_order_mode() =>
        // d²√(x·x) = d²|x| is 2δ(x) in the sense of distributions: the modes all answer +∞ (never NaN).
        HessiansAgree(new SqrtOfSquare(), [0.0], new[,] { { double.PositiveInfinity } });

    [Fact]
    public void A_constant_zero_times_sqrt_has_derivatives_zero_at_zero_in_every_mode()
    {
        GradientsAgree(new MaskedSqrt(), [0.0], [0.0]);
        HessiansAgree(new MaskedSqrt(), [0.0], new[,] { { 0.0 } });
    }

    [Fact]
    public void A_constant_zero_times_sqrt_has_derivative_zero_at_zero_in_reverse_mode() =>
        Assert.Equal(0.0, Autodiff.Reverse.Grad(new MaskedSqrt().F, [0.0])[0]);

    [Fact]
    public void Abs_has_first_and_second_derivative_zero_at_zero_in_every_mode()
    {
        GradientsAgree(new Abs(), [0.0], [0.0]);
        HessiansAgree(new Abs(), [0.0], new[,] { { 0.0 } }); // was 1: the rule returned x itself at the kink
        HessiansAgree(new Abs(), [-2.0], new[,] { { 0.0 } });
        GradientsAgree(new Abs(), [-2.0], [-1.0]);
    }

    [Fact]
    public void Atan2_has_gradient_and_Hessian_zero_at_the_origin_in_every_mode()
    {
        GradientsAgree(new Atan2(), [0.0, 0.0], [0.0, 0.0]);
        HessiansAgree(new Atan2(), [0.0, 0.0], new double[2, 2]);
    }

    [Fact]
    public void Hypot_has_gradient_and_Hessian_zero_at_the_origin_in_every_mode()
    {
        GradientsAgree(new Hypot(), [0.0, 0.0], [0.0, 0.0]);
        HessiansAgree(new Hypot(), [0.0, 0.0], new double[2, 2]);
    }

    /// <summary>ln x / 2: a quotient by a constant, so the divisor's zero tangent meets the infinite quotient at 0.</summary>
    public readonly struct HalfLog : IScalar
    {
        /// <inheritdoc/>
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => T.Log(x[0]) / T.CreateChecked(2);
    }

    [Fact]
    public void A_quotient_by_a_constant_keeps_the_infinite_derivative_of_ln_at_zero_in_every_mode() =>
        // d(ln x / 2) = 1/(2x) = +∞ at 0; IEEE gave (∞ − (−∞)·0)/2 = NaN forward, +∞ in reverse.
        GradientsAgree(new HalfLog(), [0.0], [double.PositiveInfinity]);

    [Fact]
    public void Atan2_and_Hypot_keep_their_calculus_away_from_the_origin()
    {
        // At (y, x) = (3, 4): ∂atan2/∂y = x/25, ∂atan2/∂x = −y/25; ∂hypot = (3, 4)/5.
        GradientsAgree(new Atan2(), [3.0, 4.0], [4.0 / 25, -3.0 / 25], exact: false);
        GradientsAgree(new Hypot(), [3.0, 4.0], [0.6, 0.8], exact: false);
    }

    // Forward (Dual), hyper-dual (E1 and E2), Taylor (order 1), reverse (Tracked) and forward-over-reverse
    // (Tracked<Dual>) all give the expected gradient: exactly at a kink (a convention), to rounding elsewhere.
    private static void GradientsAgree<TF>(TF f, double[] x, double[] expected, bool exact = true) where TF : struct, IScalar
    {
        int n = x.Length;
        var modes = new List<(string Mode, double[] Gradient)>
        {
            ("Dual", Autodiff.Forward.Gradient(f.F, x)),
            ("Tracked", Autodiff.Reverse.Grad(f.F, x)),
            ("Tracked<Dual>", Newton.GradientAndHessian(f.F, x).Gradient),
            ("HyperDual ε₁", Enumerable.Range(0, n).Select(i => f.F(Seed(x, i)).E1).ToArray()),
            ("HyperDual ε₂", Enumerable.Range(0, n).Select(i => f.F(Seed(x, i)).E2).ToArray()),
            ("Taylor", Enumerable.Range(0, n).Select(i => Hessian.DirectionalDerivative(f.F, x, Unit(n, i), 1)).ToArray()),
        };
        foreach ((string mode, double[] gradient) in modes)
            for (int i = 0; i < n; i++)
                Same(expected[i], gradient[i], exact, $"{typeof(TF).Name}: ∂f/∂x{i} by {mode}");
    }

    // Hyper-dual (Forward.Hessian), forward-over-reverse (Hessian.Dense, Newton.GradientAndHessian), nested duals
    // (Dual<Dual>) and Taylor (order 2 along each axis: the diagonal) all give the expected Hessian.
    private static void HessiansAgree<TF>(TF f, double[] x, double[,] expected) where TF : struct, IScalar
    {
        int n = x.Length;
        var modes = new List<(string Mode, double[,] Hessian)>
        {
            ("HyperDual", Autodiff.Forward.Hessian(f.F, x)),
            ("Tracked<Dual> (Dense)", Hessian.Dense(f.F, x)),
            ("Tracked<Dual> (GradientAndHessian)", Newton.GradientAndHessian(f.F, x).Hessian),
            ("Dual<Dual>", NestedDual(f, x)),
        };
        foreach ((string mode, double[,] hessian) in modes)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    Same(expected[i, j], hessian[i, j], exact: true, $"{typeof(TF).Name}: ∂²f/∂x{i}∂x{j} by {mode}");
        for (int i = 0; i < n; i++)
            Same(expected[i, i], Hessian.DirectionalDerivative(f.F, x, Unit(n, i), 2), exact: true, $"{typeof(TF).Name}: ∂²f/∂x{i}² by Taylor");
    }

    // H_ij = ∂/∂x_j ∂f/∂x_i on Dual<Dual<double>>: the inner perturbation along e_i, the outer along e_j.
    private static double[,] NestedDual<TF>(TF f, double[] x) where TF : struct, IScalar
    {
        int n = x.Length;
        var h = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                var seeded = new Dual<Dual<double>>[n];
                for (int k = 0; k < n; k++)
                    seeded[k] = new(new(x[k], k == i ? 1 : 0), new(k == j ? 1 : 0, 0));
                h[i, j] = f.F<Dual<Dual<double>>>(seeded).Tangent.Tangent;
            }
        return h;
    }

    private static HyperDual<double>[] Seed(double[] x, int i) =>
        x.Select((v, k) => k == i ? new HyperDual<double>(v, 1, 1, 0) : HyperDual<double>.Constant(v)).ToArray();

    private static double[] Unit(int n, int i) => Enumerable.Range(0, n).Select(k => k == i ? 1.0 : 0.0).ToArray();

    private static void Same(double expected, double actual, bool exact, string what)
    {
        if (exact)
            Assert.True(expected.Equals(actual), $"{what}: expected {expected:R}, got {actual:R}");
        else
            Support.Tolerance.AssertClose(expected, actual, 1e-13, what);
    }
}
