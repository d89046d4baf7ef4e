using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;
using static Autodiff.Properties.Theory.TheoryModels;
using static Autodiff.Testing.Vectors;

namespace Autodiff.Properties.Theory;

/// <summary>
/// The Fisher of a Gaussian likelihood, from scores of the negative log-likelihood, against the Gauss–Newton product
/// Jᵀ(Jv) of the model (JVP then VJP); the natural-gradient step against a linear reparameterisation θ = Aφ; conjugate
/// gradient against an LU solve.
/// </summary>
public sealed class FisherProperties
{
    // Each example (x, y) with y = f(θ, x) + σ s for every sign vector s ∈ {±1}^m: over these 2^m outcomes E[s] = 0 and
    // E[ssᵀ] = I, the first two moments of 𝒩(0, I), and the scores are linear in y, so their outer products average
    // to the Fisher of y ~ 𝒩(f, σ²I) exactly.
    private static double[,] Outcomes(Batch b, double sigma)
    {
        int n = b.Inputs.GetLength(0), n0 = b.Network.InputSize, m = b.Network.OutputSize;
        var rows = new List<double[]>();
        for (int i = 0; i < n; i++)
        {
            double[] x = Row(b.Inputs, i);
            double[] f = b.Network.ScalarForward<double, double>(b.Theta, x);
            for (int signs = 0; signs < 1 << m; signs++)
                rows.Add([.. x, .. f.Select((fr, r) => fr + sigma * (((signs >> r) & 1) == 0 ? 1 : -1))]);
        }
        return Matrix([.. rows.SelectMany(r => r)], rows.Count, n0 + m);
    }

    [Fact]
    public void For_a_Gaussian_likelihood_the_Fisher_of_the_scores_is_the_Gauss_Newton_matrix_over_N_sigma_squared() =>
        Verify.ForAll(Arb.From(from b in Batches().Generator
                               from sigma in Cases.In(0.3, 2)
                               from v in Gen.ArrayOf(Cases.In(-1, 1), 64)
                               select (b, sigma, v)), c =>
        {
            (Batch b, double sigma, double[] v64) = c;
            double[] v = [.. b.Theta.Select((_, j) => v64[j % v64.Length])];
            EmpiricalFisher<double> fisher = Fisher.Empirical(new GaussianNll<PerceptronModel>(b.Network.AsModel(), b.Network.InputSize, sigma), b.Theta, Outcomes(b, sigma));
            double[] gn = Fisher.GaussNewtonProduct(b.Network.AsModel(), b.Theta, b.Inputs, v);
            double scale = b.Inputs.GetLength(0) * sigma * sigma;
            Assert.True(Difference(fisher.Product(v), [.. gn.Select(g => g / scale)]) <= 1e-10,
                $"Fv vs JᵀJv/(Nσ²): {Difference(fisher.Product(v), [.. gn.Select(g => g / scale)]):E2}");
        });

    [Fact]
    public void The_Gauss_Newton_product_is_JT_J_v_with_J_by_forward_mode() =>
        Verify.ForAll(Arb.From(from b in Batches().Generator from v in Gen.ArrayOf(Cases.In(-1, 1), 64) select (b, v)), c =>
        {
            (Batch b, double[] v64) = c;
            double[] v = [.. b.Theta.Select((_, j) => v64[j % v64.Length])];
            double[] flat = b.Flat;
            double[,] j = Autodiff.Forward.Jacobian<double>(theta => b.Network.ScalarForward(theta, flat), b.Theta);
            double[] jv = [.. Enumerable.Range(0, j.GetLength(0)).Select(r => Enumerable.Range(0, v.Length).Sum(q => j[r, q] * v[q]))];
            double[] expected = [.. Enumerable.Range(0, v.Length).Select(q => Enumerable.Range(0, jv.Length).Sum(r => j[r, q] * jv[r]))];
            Assert.True(Difference(Fisher.GaussNewtonProduct(b.Network.AsModel(), b.Theta, b.Inputs, v), expected) <= Tolerance.Exact);
        });

    // One tanh unit of three inputs (P = 4) with 14 examples (x, y), so the empirical Fisher is nonsingular;
    // A = I + a random perturbation.
    private static Arbitrary<(double[] Phi, double[,] A, double[,] Examples)> Reparameterisations() =>
        Arb.From(
            from phi in Gen.ArrayOf(Cases.In(-1, 1), 4)
            from a in Gen.ArrayOf(Cases.In(-0.4, 0.4), 16)
            from data in Gen.ArrayOf(Cases.In(-1.5, 1.5), 14 * 4)
            select (phi, Matrix([.. a.Select((e, k) => e + (k / 4 == k % 4 ? 1 : 0))], 4, 4), Matrix(data, 14, 4)));

    [Fact]
    public void The_natural_gradient_step_is_invariant_to_a_linear_reparameterisation_and_plain_descent_is_not()
    {
        var nll = new GaussianNll<TanhUnit>(new TanhUnit(), 3, 1.0);
        Verify.ForAll(Reparameterisations(), c =>
        {
            (double[] phi, double[,] a, double[,] examples) = c;
            if (Math.Abs(GramDeterminant(a)) < 0.05)
                return;
            double[] theta = Times(a, phi);
            EmpiricalFisher<double> inTheta = Fisher.Empirical(nll, theta, examples);
            EmpiricalFisher<double> inPhi = Fisher.Empirical(new Reparameterised<GaussianNll<TanhUnit>>(nll, a), phi, examples);
            double[] thetaNext = inTheta.NaturalGradientStep(theta, inTheta.MeanLossGradient(), 0.5, 0.0);
            double[] phiNext = inPhi.NaturalGradientStep(phi, inPhi.MeanLossGradient(), 0.5, 0.0);
            double[] step = [.. thetaNext.Zip(theta, (p, q) => p - q)];
            double[] mapped = [.. Times(a, phiNext).Zip(theta, (p, q) => p - q)];
            // CG stops at a relative residual of 10⁻¹², so each step is accurate to about κ(F)·10⁻¹².
            double[] spectrum = SymmetricEigen.Values(Dense(inTheta));
            double kappa = spectrum[^1] / spectrum[0];
            if (!(spectrum[0] > 0 && kappa < 1e8))
                return;
            double tolerance = Math.Max(1e-9, 1e-11 * kappa);
            Assert.True(Difference(mapped, step) <= tolerance, $"A Δφ vs Δθ: {Difference(mapped, step):E2} > {tolerance:E1} (κ(F) = {kappa:E1})");

            double[] gradientStep = [.. inTheta.MeanLossGradient().Select(g => -0.5 * g)];
            double[] mappedGradientStep = Times(a, [.. inPhi.MeanLossGradient().Select(g => -0.5 * g)]);
            Assert.True(Difference(mappedGradientStep, gradientStep) > 1e-3 * Math.Max(1, gradientStep.Max(Math.Abs)) || gradientStep.All(g => Math.Abs(g) < 1e-6),
                "plain gradient descent came out invariant, so the property would not see a broken natural gradient");
        });
    }

    // F column by column from products (a test-only dense matrix of a 7-parameter model).
    private static double[,] Dense(EmpiricalFisher<double> f)
    {
        int p = f.Parameters;
        var dense = new double[p, p];
        for (int j = 0; j < p; j++)
        {
            double[] column = f.Product([.. Enumerable.Range(0, p).Select(i => i == j ? 1.0 : 0.0)]);
            for (int i = 0; i < p; i++)
                dense[i, j] = column[i];
        }
        return dense;
    }

    private static double GramDeterminant(double[,] a) => SymmetricEigen.Values(Gram(a)).Aggregate(1.0, (p, l) => p * l);

    // AᵀA.
    private static double[,] Gram(double[,] a) => Tensors.Plain.Multiply(Tensors.Plain.Transpose(a), a);

    [Fact]
    public void Conjugate_gradient_solves_symmetric_positive_definite_systems_as_LU_does() =>
        Verify.ForAll(Arb.From(from n in Gen.Choose(1, 8)
                               from e in Gen.ArrayOf(Cases.In(-1, 1), n * n)
                               from b in Gen.ArrayOf(Cases.In(-1, 1), n)
                               select (Matrix(e, n, n), b)), c =>
        {
            (double[,] m, double[] b) = c;
            int n = b.Length;
            double[,] a = Gram(m);
            for (int i = 0; i < n; i++)
                a[i, i] += 0.5;
            ConjugateGradientResult<double> cg = ConjugateGradient.Solve(v => Times(a, v), b, tolerance: 1e-13);
            double[] lu = [.. Solve.Linear(a, b).ValueOrThrow()];
            Assert.True(cg.Converged);
            Assert.True(Difference(cg.Solution, lu) <= 1e-9, $"CG vs LU: {Difference(cg.Solution, lu):E2}");
        });

    [Fact]
    public void The_damped_natural_gradient_step_is_theta_minus_eta_times_the_dense_damped_solve() =>
        Verify.ForAll(Arb.From(from n in Gen.Choose(1, 6)
                               from p in Gen.Choose(1, 5)
                               from scores in Gen.ArrayOf(Cases.In(-1, 1), n * p)
                               from theta in Gen.ArrayOf(Cases.In(-1, 1), p)
                               from g in Gen.ArrayOf(Cases.In(-1, 1), p)
                               from eta in Cases.In(-1, 1)
                               from damping in Cases.In(0.1, 2)
                               select (Matrix(scores, n, p), theta, g, eta, damping)), c =>
        {
            (double[,] given, double[] theta, double[] g, double eta, double damping) = c;
            double[,] s = (double[,])given.Clone();
            int n = s.GetLength(0), p = s.GetLength(1);
            EmpiricalFisher<double> fisher = EmpiricalFisher<double>.FromScores(given);
            given[0, 0] += 100; // FromScores copied the scores
            Assert.Equal(n, fisher.Examples);
            Assert.Equal(p, fisher.Parameters);
            // F + λI written out from the scores, F = SᵀS/N, solved by LU.
            var damped = new double[p, p];
            for (int i = 0; i < p; i++)
                for (int j = 0; j < p; j++)
                    damped[i, j] = Enumerable.Range(0, n).Sum(r => s[r, i] * s[r, j]) / n + (i == j ? damping : 0);
            double[] direction = [.. Solve.Linear(damped, g).ValueOrThrow()];
            double[] expected = [.. theta.Zip(direction, (t, d) => t - eta * d)];
            double[] step = fisher.NaturalGradientStep(theta, g, eta, damping);
            Assert.True(Difference(step, expected) <= 1e-9, $"θ − η(F + λI)⁻¹g vs LU: {Difference(step, expected):E2}");
            // ∇L = −(1/N) Σᵢ sᵢ: minus the column means of the scores.
            double[] mean = [.. Enumerable.Range(0, p).Select(j => -Enumerable.Range(0, n).Sum(r => s[r, j]) / n)];
            Assert.True(Difference(fisher.MeanLossGradient(), mean) <= Tolerance.Exact);
        });

    [Fact]
    public void The_mean_loss_gradient_of_the_empirical_Fisher_is_the_reverse_gradient_of_the_mean_negative_log_likelihood() =>
        Verify.ForAll(Arb.From(from b in Batches().Generator
                               from sigma in Cases.In(0.3, 2)
                               from y in Gen.ArrayOf(Cases.In(-1, 1), 30)
                               select (b, sigma, y)), c =>
        {
            // Targets drawn apart from the model (Outcomes' symmetric ones would make the mean gradient zero).
            (Batch b, double sigma, double[] y) = c;
            int d = b.Network.InputSize, m = b.Network.OutputSize;
            double[,] examples = Matrix([.. Enumerable.Range(0, b.Inputs.GetLength(0)).SelectMany(i => (double[])[.. Row(b.Inputs, i), .. y[(i * m)..((i + 1) * m)]])],
                b.Inputs.GetLength(0), d + m);
            var nll = new GaussianNll<PerceptronModel>(b.Network.AsModel(), b.Network.InputSize, sigma);
            EmpiricalFisher<double> fisher = Fisher.Empirical(nll, b.Theta, examples);
            int n = examples.GetLength(0);
            double[] expected = Autodiff.Reverse.Grad<double>(theta =>
            {
                Tracked<double> sum = Tracked<double>.Constant(0);
                for (int i = 0; i < n; i++)
                    sum += nll.F<Tracked<double>>(theta, [.. Row(examples, i).Select(Tracked<double>.Constant)])[0];
                return sum / Tracked<double>.Constant(n);
            }, b.Theta);
            Assert.True(Difference(fisher.MeanLossGradient(), expected) <= Tolerance.Exact,
                $"−(1/N)Σsᵢ vs ∇(1/N)Σℓᵢ: {Difference(fisher.MeanLossGradient(), expected):E2}");
        });

    [Fact]
    public void Conjugate_gradient_ends_in_as_many_iterations_as_the_operator_has_distinct_eigenvalues() =>
        Verify.ForAll(Arb.From(from r in Gen.Choose(1, 4)
                               from n in Gen.Choose(r, 12)
                               from levels in Gen.ArrayOf(Cases.In(1, 10), r)
                               from e in Gen.ArrayOf(Cases.In(-1, 1), n * n)
                               from b in Gen.ArrayOf(Cases.In(-1, 1), n)
                               select (levels, e, b)), c =>
        {
            (double[] levels, double[] e, double[] b) = c;
            int n = b.Length, r = levels.Length;
            if (levels.Distinct().Count() < r || b.All(v => v == 0))
                return;
            // A = Q diag(ℓ) Qᵀ with each level used at least once (the last repeated), Q orthogonal.
            (double[] _, double[,] q) = SymmetricEigen.Decompose(SecondOrder.SharpnessProperties.Symmetric(n, e));
            var a = new double[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    for (int l = 0; l < n; l++)
                        a[i, j] += q[i, l] * levels[Math.Min(l, r - 1)] * q[j, l];
            ConjugateGradientResult<double> cg = ConjugateGradient.Solve(v => Times(a, v), b, tolerance: 1e-9);
            double[] lu = [.. Solve.Linear(a, b).ValueOrThrow()];
            Assert.True(cg.Converged);
            Assert.InRange(cg.Iterations, 1, r);
            Assert.True(Difference(cg.Solution, lu) <= 1e-8, $"CG vs LU: {Difference(cg.Solution, lu):E2}");
            // Cut short after one product: not converged, and the residual it reports is ‖b − A x‖ of what it returns.
            if (cg.Iterations > 1)
            {
                ConjugateGradientResult<double> one = ConjugateGradient.Solve(v => Times(a, v), b, tolerance: 1e-9, maxIterations: 1);
                double[] residual = [.. b.Zip(Times(a, one.Solution), (p, ax) => p - ax)];
                Assert.False(one.Converged);
                Assert.Equal(1, one.Iterations);
                Tolerance.AssertClose(Math.Sqrt(residual.Sum(v => v * v)), one.ResidualNorm, 1e-12, "‖b − Ax‖");
                Assert.True(one.ResidualNorm > 1e-9 * Math.Sqrt(b.Sum(v => v * v)));
            }
        });

    [Fact]
    public void Conjugate_gradient_with_a_zero_tolerance_stops_at_an_exact_solution_and_calls_it_converged()
    {
        // A = I: one step gives x = b and r = 0 exactly; a second would divide 0 by 0.
        ConjugateGradientResult<double> exact = ConjugateGradient.Solve<double>(v => [.. v], [1.0, -2.0, 0.5], tolerance: 0);
        Assert.Equal(1, exact.Iterations);
        Assert.True(exact.Converged);
        Assert.Equal(0.0, exact.ResidualNorm);
        Assert.Equal([1.0, -2.0, 0.5], exact.Solution);
        // b = 0: already solved, no product at all.
        ConjugateGradientResult<double> zero = ConjugateGradient.Solve<double>(v => throw new InvalidOperationException("no product needed"), [0.0, 0.0], tolerance: 0);
        Assert.Equal(0, zero.Iterations);
        Assert.True(zero.Converged);
        Assert.Equal([0.0, 0.0], zero.Solution);
    }

    [Fact]
    public void Bad_arguments_are_refused_naming_them()
    {
        EmpiricalFisher<double> f = EmpiricalFisher<double>.FromScores(new double[,] { { 1, 2 }, { 3, 4 } });
        Assert.Equal("v", Assert.ThrowsAny<ArgumentException>(() => f.Product([1.0])).ParamName);
        Assert.Equal("gradient", Assert.ThrowsAny<ArgumentException>(() => f.NaturalGradientStep([1.0, 2.0], [1.0], 0.1, 0.0)).ParamName);
        Assert.Equal("damping", Assert.ThrowsAny<ArgumentException>(() => f.NaturalGradientStep([1.0, 2.0], [1.0, 1.0], 0.1, -1.0)).ParamName);
        Assert.Equal("scores", Assert.ThrowsAny<ArgumentException>(() => EmpiricalFisher<double>.FromScores(new double[0, 2])).ParamName);
        Assert.Equal("b", Assert.ThrowsAny<ArgumentException>(() => ConjugateGradient.Solve<double>(v => v, [])).ParamName);
        Assert.Equal("product", Assert.ThrowsAny<ArgumentException>(() => ConjugateGradient.Solve<double>(v => [1.0], [1.0, 2.0])).ParamName);
        Assert.Equal("maxIterations", Assert.ThrowsAny<ArgumentException>(() => ConjugateGradient.Solve<double>(v => v, [1.0], maxIterations: 0)).ParamName);
    }
}
