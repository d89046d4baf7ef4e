using System.Numerics;
using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;
using static Autodiff.Properties.Theory.TheoryModels;

namespace Autodiff.Properties.Theory;

/// <summary>
/// Adversarial sensitivity against independent computations: the first-order change against the actual change of the
/// loss (its error falls as ε² — by 1/4 when ε halves), the ℓ₂ and ℓ∞ worst cases against random directions in the
/// budget, and the Jacobian-norm regulariser against a full input Jacobian (its value), the mean of many probes (the
/// estimator's expectation) and finite differences (its parameter gradient by double backprop).
/// </summary>
public sealed class AdversarialProperties
{
    // L(x) = Σᵣ log(1 + e^{fᵣ(θ, x)}) on the batch's network at its θ: a smooth loss of the input.
    private static T Loss<T>(Batch b, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        var theta = new T[b.Theta.Length];
        for (int j = 0; j < theta.Length; j++)
            theta[j] = T.CreateChecked(b.Theta[j]);
        T sum = T.Zero;
        foreach (T f in b.Network.AsModel().F<T>(theta, x))
            sum += T.Log(T.One + T.Exp(f));
        return sum;
    }

    private sealed record Case(Batch Batch, double[] Direction)
    {
        public double[] X => Row(Batch.Inputs, 0);

        public override string ToString() => $"{Batch}, d = [{string.Join(", ", Direction.Select(v => v.ToString("G4")))}]";
    }

    private static Arbitrary<Case> Cases() =>
        Arb.From(
            from b in Batches().Generator
            from d in Gen.ArrayOf(Autodiff.Testing.Cases.In(-1, 1), b.Inputs.GetLength(1))
            select new Case(b, d));

    [Fact]
    public void The_first_order_change_is_the_actual_change_to_second_order()
    {
        int curved = 0;
        Verify.ForAll(Cases(), c =>
        {
            double[] x = c.X;
            InputSensitivity<double> s = Adversarial.Sensitivity<double>(v => Loss(c.Batch, v), x);
            double Error(double eps)
            {
                double[] delta = [.. c.Direction.Select(v => eps * v)];
                double[] moved = [.. x.Zip(delta, (a, d) => a + d)];
                return Math.Abs(Loss<double>(c.Batch, moved) - s.Loss - s.Change(delta));
            }
            // The error is ½ dᵀ∇²L d ε² + O(ε³): where the curvature along d is not negligible, halving ε quarters it.
            double curvature = Autodiff.Forward.Jvp<double>(v => Autodiff.Forward.Gradient<Dual<double>>(w => Loss(c.Batch, w), v.ToArray()), x, c.Direction).Tangent
                .Zip(c.Direction, (h, d) => h * d).Sum();
            if (Math.Abs(curvature) < 1e-2)
                return;
            curved++;
            double ratio = Error(0.5e-4) / Error(1e-4);
            Assert.True(Math.Abs(ratio - 0.25) < 0.02, $"error ratio {ratio} when ε halves (dᵀHd = {curvature:G4})");
            Tolerance.AssertClose(Math.Abs(curvature) / 2 * 1e-8, Error(1e-4), 2e-2, "error vs ½dᵀHdε²", floor: 0);
        });
        Assert.True(curved >= Verify.MaxTest / 4, $"only {curved} of {Verify.MaxTest} cases had curvature along d");
    }

    [Fact]
    public void The_worst_cases_are_attained_and_bound_every_perturbation_in_the_budget() =>
        Verify.ForAll(Cases(), c =>
        {
            double[] x = c.X;
            const double eps = 0.1;
            InputSensitivity<double> s = Adversarial.Sensitivity<double>(v => Loss(c.Batch, v), x);
            double[] g = Autodiff.Forward.Gradient<double>(v => Loss(c.Batch, v), x);
            Assert.True(Difference(s.Gradient, g) <= Tolerance.Exact, "∇ₓL reverse vs forward");
            double l2 = Math.Sqrt(g.Sum(v => v * v)), l1 = g.Sum(Math.Abs);
            Tolerance.AssertClose(eps * l2, s.WorstCaseL2(eps), Tolerance.Exact, "ε‖∇ₓL‖₂");
            Tolerance.AssertClose(eps * l1, s.WorstCaseLInf(eps), Tolerance.Exact, "ε‖∇ₓL‖₁");
            double[] worst = s.WorstDirectionL2(eps);
            Tolerance.AssertClose(s.WorstCaseL2(eps), s.Change(worst), Tolerance.Exact, "∇ₓL δ* (ℓ₂)");
            if (l2 > 0)
                Tolerance.AssertClose(eps, Math.Sqrt(worst.Sum(v => v * v)), Tolerance.Exact, "‖δ*‖₂");
            double[] fgsm = s.Fgsm(eps);
            Assert.All(fgsm, v => Assert.True(Math.Abs(v) == eps || v == 0));
            Tolerance.AssertClose(s.WorstCaseLInf(eps), s.Change(fgsm), Tolerance.Exact, "∇ₓL δ* (ℓ∞)");
            // Any δ with ‖δ‖₂ = ε (the direction rescaled) or ‖δ‖∞ ≤ ε (the direction itself scaled by ε) does no better.
            double norm = Math.Sqrt(c.Direction.Sum(v => v * v));
            if (norm > 0)
                Assert.True(s.Change([.. c.Direction.Select(v => eps * v / norm)]) <= s.WorstCaseL2(eps) * (1 + 1e-12) + 1e-300);
            Assert.True(s.Change([.. c.Direction.Select(v => eps * v)]) <= s.WorstCaseLInf(eps) * (1 + 1e-12) + 1e-300);
        });

    // ‖Jₓ‖_F² from the reverse Jacobian with respect to x, written here.
    private static double FrobeniusSquared(Batch b, double[] theta, double[] x)
    {
        Tracked<double>[] weights = [.. theta.Select(Tracked<double>.Constant)];
        double[,] j = Autodiff.Reverse.Jacobian<double>(v => b.Network.AsModel().F<Tracked<double>>(weights, v), x);
        return j.Cast<double>().Sum(v => v * v);
    }

    [Fact]
    public void The_exact_penalty_is_the_squared_Frobenius_norm_of_the_input_Jacobian_and_its_gradient_the_difference() =>
        Verify.ForAll(Batches(), b =>
        {
            double[] x = Row(b.Inputs, 0);
            PerceptronModel model = b.Network.AsModel();
            (double value, double[] gradient) = Adversarial.JacobianPenalty(model, b.Theta, x);
            double reference = FrobeniusSquared(b, b.Theta, x);
            Tolerance.AssertClose(reference, value, Tolerance.Exact, "Σᵣ‖Jᵀeᵣ‖² vs ‖J‖_F²");
            Tolerance.AssertClose(reference, Adversarial.JacobianNormSquared(model, b.Theta, x), Tolerance.Exact, "forward ‖J‖_F²");
            double[] difference = FiniteDifference.Gradient(t => FrobeniusSquared(b, t, x), b.Theta);
            for (int j = 0; j < gradient.Length; j++)
                Tolerance.AssertClose(difference[j], gradient[j], Tolerance.FirstDifference, $"∂R/∂θ{j}");
        });

    [Fact]
    public void The_estimated_penalty_gradient_is_the_difference_of_the_estimate_with_the_same_probes() =>
        Verify.ForAll(Batches(), b =>
        {
            double[] x = Row(b.Inputs, 0);
            PerceptronModel model = b.Network.AsModel();
            (double _, double[] gradient) = Adversarial.JacobianPenalty(model, b.Theta, x, 3, JacobianProbe.Gaussian, seed: 7);
            double[] difference = FiniteDifference.Gradient(t => Adversarial.JacobianPenalty(model, t, x, 3, JacobianProbe.Gaussian, seed: 7).Value, b.Theta);
            for (int j = 0; j < gradient.Length; j++)
                Tolerance.AssertClose(difference[j], gradient[j], Tolerance.FirstDifference, $"∂R̂/∂θ{j}");
        });

    [Theory]
    [InlineData(JacobianProbe.Rademacher)]
    [InlineData(JacobianProbe.Gaussian)]
    public void The_estimate_is_unbiased_within_five_standard_errors(JacobianProbe probe)
    {
        var net = new Perceptron([3, 6, 3], ActivationFunction.Tanh, ActivationFunction.Identity);
        double[] theta = net.Flatten<double>(net.Initialize<double>(5));
        double[] x = [0.4, -0.7, 0.2];
        Tracked<double>[] weights = [.. theta.Select(Tracked<double>.Constant)];
        double[,] j = Autodiff.Reverse.Jacobian<double>(v => net.AsModel().F<Tracked<double>>(weights, v), x);
        int m = j.GetLength(0);
        // A = JJᵀ; E‖Jᵀu‖² = tr A; Var = 2 Σ_{r≠s} A²ᵣₛ (Rademacher) or 2 ‖A‖_F² (Gaussian).
        double trace = 0, variance = 0;
        for (int r = 0; r < m; r++)
            for (int s = 0; s < m; s++)
            {
                double a = Enumerable.Range(0, j.GetLength(1)).Sum(c => j[r, c] * j[s, c]);
                if (r == s)
                    trace += a;
                if (r != s || probe == JacobianProbe.Gaussian)
                    variance += 2 * a * a;
            }
        const int samples = 3000;
        double estimate = Adversarial.JacobianPenalty(net.AsModel(), theta, x, samples, probe, seed: 11).Value;
        double standardError = Math.Sqrt(variance / samples);
        Assert.True(Math.Abs(estimate - trace) <= 5 * standardError, $"estimate {estimate} vs ‖J‖_F² {trace} (standard error {standardError:E2})");
        Assert.True(standardError < 0.1 * trace, "the test would not tell a biased estimator apart");
    }

    [Fact]
    public void With_one_output_every_Rademacher_estimate_is_exact_and_no_Gaussian_one_is()
    {
        // m = 1: ‖Jₓᵀu‖² = u² ‖Jₓ‖_F², and u² = 1 for every Rademacher draw, while a Gaussian u² is χ²₁ (mean 1, never 1).
        var net = new Perceptron([3, 6, 1], ActivationFunction.Tanh, ActivationFunction.Identity);
        double[] theta = net.Flatten<double>(net.Initialize<double>(5));
        double[] x = [0.4, -0.7, 0.2];
        double exact = Adversarial.JacobianNormSquared(net.AsModel(), theta, x);
        Assert.True(exact > 1e-3, $"‖Jₓ‖_F² = {exact}: too small to tell the draws apart");
        for (int seed = 1; seed <= 20; seed++)
        {
            double rademacher = Adversarial.JacobianPenalty(net.AsModel(), theta, x, 3, JacobianProbe.Rademacher, seed).Value;
            Tolerance.AssertClose(exact, rademacher, 1e-12, $"Rademacher, seed {seed}");
            double gaussian = Adversarial.JacobianPenalty(net.AsModel(), theta, x, 3, JacobianProbe.Gaussian, seed).Value;
            Assert.True(Math.Abs(gaussian / exact - 1) > 1e-6, $"Gaussian, seed {seed}: the mean of u² is {gaussian / exact}");
        }
    }

    [Fact]
    public void At_a_stationary_input_every_worst_case_is_zero()
    {
        // L = x₀x₁ at the origin: ∇ₓL = 0, so no direction is better than another; the ℓ₂ maximiser is the zero vector.
        InputSensitivity<double> s = Adversarial.Sensitivity<double>(v => v[0] * v[1], [0.0, 0.0]);
        Assert.Equal([0.0, 0.0], s.Gradient);
        Assert.Equal([0.0, 0.0], s.WorstDirectionL2(0.1));
        Assert.Equal([0.0, 0.0], s.Fgsm(0.1));
        Assert.Equal(0.0, s.WorstCaseL2(0.1));
        Assert.Equal(0.0, s.WorstCaseLInf(0.1));
        Assert.Equal([0.0, 0.0], s.Point);
        Assert.Equal(0.0, s.Loss);
    }

    [Fact]
    public void Bad_arguments_are_refused_naming_them()
    {
        PerceptronModel model = new Perceptron([2, 1], ActivationFunction.Tanh, ActivationFunction.Identity).AsModel();
        double[] theta = [1, 2, 3], x = [0.5, 0.5];
        Assert.Equal("probes", Assert.ThrowsAny<ArgumentException>(() => Adversarial.JacobianPenalty(model, theta, x, 0)).ParamName);
        Assert.Equal("probe", Assert.ThrowsAny<ArgumentException>(() => Adversarial.JacobianPenalty(model, theta, x, 2, (JacobianProbe)7)).ParamName);
        InputSensitivity<double> s = Adversarial.Sensitivity<double>(v => v[0] * v[1], x);
        Assert.Equal("epsilon", Assert.ThrowsAny<ArgumentException>(() => s.Fgsm(-1)).ParamName);
        Assert.Equal("epsilon", Assert.ThrowsAny<ArgumentException>(() => s.WorstCaseL2(double.NaN)).ParamName);
        Assert.Equal("delta", Assert.ThrowsAny<ArgumentException>(() => s.Change([1.0])).ParamName);
    }
}
