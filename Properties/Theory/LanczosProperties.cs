using System.Numerics;
using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;
using static Autodiff.Properties.Theory.TheoryModels;
using static Autodiff.Testing.Vectors;

namespace Autodiff.Properties.Theory;

/// <summary>
/// Lanczos on HVPs against the dense Jacobi eigendecomposition on small problems; on n = 10⁵ against the known spectrum
/// of a separable function, in memory far below one n×n matrix; the low-rank-plus-damping model as an inverse and as a
/// conjugate-gradient preconditioner.
/// </summary>
[Slow("a Lanczos run at n = 10⁵: 4 s")]
public sealed class LanczosProperties
{
    // ½ xᵀAx + Σ cos xᵢ / 10: ∇² = A − diag(cos xᵢ)/10.
    private readonly struct Quadratic(double[,] a) : IScalarFunction
    {
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            T sum = T.Zero;
            for (int i = 0; i < x.Length; i++)
            {
                sum += T.Cos(x[i]) / T.CreateChecked(10);
                for (int j = 0; j < x.Length; j++)
                    sum += x[i] * T.CreateChecked(a[i, j] / 2) * x[j];
            }
            return sum;
        }
    }

    [Fact]
    public void Lanczos_on_HVPs_finds_the_top_eigenpairs_of_the_dense_Hessian() =>
        Verify.ForAll(Arb.From(from n in Gen.Choose(1, 8)
                               from k in Gen.Choose(1, n)
                               from e in Gen.ArrayOf(Cases.In(-1, 1), n * n)
                               from x in Gen.ArrayOf(Cases.In(-1, 1), n)
                               select (k, SecondOrder.SharpnessProperties.Symmetric(n, e), x)), c =>
        {
            (int k, double[,] a, double[] x) = c;
            var f = new Quadratic(a);
            Eigenpairs<double> top = Curvature.TopEigenpairs<double>(f.F, x, k);
            double[,] dense = Hessian.Dense<double>(f.F, x);
            double[] all = SymmetricEigen.Values(dense);
            double scale = Math.Max(1, all.Max(Math.Abs));
            for (int i = 0; i < k; i++)
            {
                Tolerance.AssertClose(all[^(i + 1)], top.Values[i], 1e-9, $"λ{i + 1}", floor: scale);
                double[] u = top.Vector(i);
                double[] hu = Hessian.Hvp<double>(f.F, x, u);
                double residual = Math.Sqrt(hu.Zip(u, (p, q) => (p - top.Values[i] * q) * (p - top.Values[i] * q)).Sum());
                Assert.True(residual <= 1e-8 * scale, $"‖Hu − λu‖ = {residual:E2} for pair {i + 1}");
                Tolerance.AssertClose(1, Math.Sqrt(u.Sum(v => v * v)), 1e-12, "‖u‖");
            }
        });

    // ½ Σ cᵢ xᵢ² with c = (100, 90, 80, 70, 60) then 1 + sin² i on the rest: ∇² = diag(c), known top five.
    private readonly struct Separable : IScalarFunction
    {
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            T sum = T.Zero;
            for (int i = 0; i < x.Length; i++)
                sum += T.CreateChecked(Curvature(i) / 2) * x[i] * x[i];
            return sum;
        }

        public static double Curvature(int i) => i < 5 ? 100 - 10 * i : 1 + Math.Sin(i) * Math.Sin(i);
    }

    [Fact]
    public void At_n_one_hundred_thousand_Lanczos_runs_in_memory_of_a_few_vectors_and_finds_the_top_five()
    {
        int n = Verify.Scale(100_000, 10_000);
        double[] x = [.. Enumerable.Range(0, n).Select(i => Math.Cos(i))];
        var f = new Separable();
        Curvature.TopEigenpairs<double>(f.F, x[..10], 1); // warm up, so the measurement below sees only this call
        long before = GC.GetAllocatedBytesForCurrentThread();
        Eigenpairs<double> top = Curvature.TopEigenpairs<double>(f.F, x, 5, maxSteps: 30);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        for (int i = 0; i < 5; i++)
            Tolerance.AssertClose(Separable.Curvature(i), top.Values[i], 1e-9, $"λ{i + 1}");
        Assert.Equal(n, top.Dimension);
        // Each HVP records O(n) and the basis holds at most 30 vectors: allocation is a constant times 30·n·8 bytes,
        // while one n×n matrix alone would be 8·10¹⁰ bytes.
        long bound = 200L * 30 * n * sizeof(double);
        Assert.True(allocated < bound, $"allocated {allocated / 1e6:F0} MB, more than {bound / 1e6:F0} MB");
    }

    [Fact]
    public void The_low_rank_plus_damping_model_inverts_itself_and_preconditions_damped_CG_to_one_step() =>
        Verify.ForAll(Arb.From(from n in Gen.Choose(4, 12)
                               from k in Gen.Choose(1, 3)
                               from e in Gen.ArrayOf(Cases.In(-1, 1), n * n)
                               from b in Gen.ArrayOf(Cases.In(-1, 1), n)
                               from damping in Cases.In(0.1, 2)
                               select (k, Matrix(e, n, n), b, damping)), c =>
        {
            (int k, double[,] m, double[] b, double damping) = c;
            int n = b.Length;
            // H = Q diag(10 + 5l for l < k, 0 otherwise) Qᵀ, Q orthogonal (the eigenvectors of a random symmetric matrix):
            // rank k, so U_k Λ_k U_kᵀ + λI is H + λI itself and preconditioned CG on (H + λI) x = b ends in one step.
            (double[] _, double[,] q) = SymmetricEigen.Decompose(SecondOrder.SharpnessProperties.Symmetric(n, [.. m.Cast<double>()]));
            var h = new double[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    for (int l = 0; l < k; l++)
                        h[i, j] += q[i, l] * (10 + 5 * l) * q[j, l];
            Func<double[], double[]> product = v => Times(h, v);
            Func<double[], double[]> damped = v => [.. product(v).Zip(v, (hv, vi) => hv + damping * vi)];
            LowRankCurvature<double> model = Lanczos.TopEigenpairs(product, n, k).WithDamping(damping);
            Assert.True(Difference(model.Product(b), damped(b)) <= 1e-9, "U Λ Uᵀ + λI reproduces H + λI");
            Assert.True(Difference(model.Solve(model.Product(b)), b) <= 1e-9, "M⁻¹ M b = b");
            ConjugateGradientResult<double> plain = ConjugateGradient.Solve(damped, b, 1e-10);
            ConjugateGradientResult<double> preconditioned = ConjugateGradient.Solve(damped, b, 1e-10, preconditioner: model.Preconditioner());
            Assert.True(preconditioned.Iterations <= 1, $"preconditioned CG took {preconditioned.Iterations} iterations");
            Assert.True(plain.Iterations > 1, "plain CG ended in one step, so the preconditioner was not needed");
            Assert.True(Difference(preconditioned.Solution, plain.Solution) <= 1e-8);
        });

    // Q diag(values) Qᵀ with Q orthogonal (the eigenvectors of a random symmetric matrix), and its product.
    private static (double[,] A, Func<double[], double[]> Product) Rotated(double[] values, double[] entries)
    {
        int n = values.Length;
        (double[] _, double[,] q) = SymmetricEigen.Decompose(SecondOrder.SharpnessProperties.Symmetric(n, entries));
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int l = 0; l < n; l++)
                    a[i, j] += q[i, l] * values[l] * q[j, l];
        return (a, v => Times(a, v));
    }

    // ‖A u − θ u‖₂.
    private static double Residual(Func<double[], double[]> product, double[] u, double theta) =>
        Math.Sqrt(product(u).Zip(u, (p, q) => (p - theta * q) * (p - theta * q)).Sum());

    [Fact]
    public void Reported_residuals_are_the_true_ones_and_Ritz_values_interlace_even_when_the_steps_run_out() =>
        Verify.ForAll(Arb.From(from n in Gen.Choose(6, 30)
                               from k in Gen.Choose(1, 3)
                               from extra in Gen.Choose(0, 8)
                               from e in Gen.ArrayOf(Cases.In(-1, 1), n * n)
                               select (k, k + extra, SecondOrder.SharpnessProperties.Symmetric(n, e))), c =>
        {
            (int k, int maxSteps, double[,] a) = c;
            int n = a.GetLength(0);
            Func<double[], double[]> product = v => Times(a, v);
            Eigenpairs<double> top = Lanczos.TopEigenpairs(product, n, k, maxSteps: maxSteps);
            double[] all = SymmetricEigen.Values(a);
            double scale = Math.Max(1, all.Max(Math.Abs));
            Assert.Equal(k, top.Count);
            Assert.Equal(n, top.Dimension);
            Assert.InRange(top.Products, k, Math.Min(n, maxSteps));
            for (int i = 0; i < k; i++)
            {
                double[] u = top.Vector(i);
                // Cauchy interlacing: the i-th largest Ritz value of a compression QᵀAQ is at most λᵢ of A.
                Assert.True(top.Values[i] <= all[^(i + 1)] + 1e-12 * scale, $"θ{i + 1} = {top.Values[i]} above λ{i + 1} = {all[^(i + 1)]}");
                if (i > 0)
                    Assert.True(top.Values[i] <= top.Values[i - 1], "Ritz values not descending");
                double residual = Residual(product, u, top.Values[i]);
                Assert.True(Math.Abs(residual - top.Residuals[i]) <= 1e-10 * scale,
                    $"pair {i + 1}: reported residual {top.Residuals[i]:E3}, true {residual:E3} (after {top.Products} of {maxSteps} steps)");
                for (int l = 0; l <= i; l++)
                    Tolerance.AssertClose(l == i ? 1 : 0, top.Vector(l).Zip(u, (p, q) => p * q).Sum(), 1e-12, $"u{l + 1}·u{i + 1}");
            }
        });

    // k ≤ 3 and the diagonal of an operator on ℝⁿ, 60 ≤ n ≤ 120: its top three in [low, high], the bulk in [0, 1].
    private static Gen<(int K, double[] D)> Diagonal(double low, double high) =>
        from n in Gen.Choose(60, 120)
        from k in Gen.Choose(1, 3)
        from top in Gen.ArrayOf(Cases.In(low, high), 3)
        from bulk in Gen.ArrayOf(Cases.In(0, 1), 120)
        select (k, (double[])[.. top, .. bulk[..(n - 3)]]);

    [Fact]
    public void With_a_gap_it_stops_early_once_the_top_k_residuals_are_below_the_tolerance() =>
        Verify.ForAll(Arb.From(Diagonal(2, 10)), c =>
        {
            // A diagonal operator: the top three in [2, 10] well apart from the bulk in [0, 1], whose smallest Ritz value
            // is near 0 (the tolerance is relative to the largest |θ|).
            (int k, double[] d) = c;
            int n = d.Length;
            Func<double[], double[]> product = v => [.. v.Select((e, i) => d[i] * e)];
            const double tolerance = 1e-10;
            Eigenpairs<double> found = Lanczos.TopEigenpairs(product, n, k, tolerance: tolerance);
            double[] sorted = [.. d.OrderDescending()];
            int steps = Math.Min(n, 2 * k + 40);
            Assert.True(found.Products < steps, $"ran all {steps} steps");
            for (int i = 0; i < k; i++)
            {
                Tolerance.AssertClose(sorted[i], found.Values[i], 1e-9, $"λ{i + 1}");
                double residual = Residual(product, found.Vector(i), found.Values[i]);
                Assert.True(residual <= 1.01 * tolerance * found.Values[0] + 1e-14,
                    $"pair {i + 1} declared converged with residual {residual:E3} > {tolerance * found.Values[0]:E3}");
            }
            // And not later than needed: five products fewer (the previous test), some pair was still above the
            // tolerance relative to max|θ| (= θ₁, the spectrum being positive).
            if (found.Products - 5 >= k)
            {
                Eigenpairs<double> earlier = Lanczos.TopEigenpairs(product, n, k, tolerance: tolerance, maxSteps: found.Products - 5);
                Assert.Contains(earlier.Residuals, r => r > tolerance * earlier.Values[0]);
            }
        });

    [Fact]
    public void An_operator_with_r_distinct_eigenvalues_ends_its_Krylov_space_after_r_products() =>
        Verify.ForAll(Arb.From(from r in Gen.Choose(1, 4)
                               from n in Gen.Choose(r, 24)
                               from k in Gen.Choose(1, r)
                               from gaps in Gen.ArrayOf(Cases.In(0.5, 2), r)
                               from exponent in Gen.Choose(-2, 6)
                               from e in Gen.ArrayOf(Cases.In(-1, 1), n * n)
                               select (k, r, gaps, Math.Pow(10, exponent), e)), c =>
        {
            // Levels ℓ₁ > … > ℓ_r = 10^e (gaps in [0.5, 2] times 10^e), the first r − 1 simple and ℓ_r repeated: a generic
            // start vector's Krylov space has dimension r, so the r-th product breaks down (or the next, by rounding)
            // and the k ≤ r largest are exact.
            // (Positive levels: a breakdown counts relative to max|αⱼ|, which is then at least ‖A‖/7.)
            (int k, int r, double[] gaps, double size, double[] e) = c;
            int n = (int)Math.Round(Math.Sqrt(e.Length));
            double[] levels = [.. Enumerable.Range(0, r).Select(l => size * (1 + gaps[(l + 1)..].Sum()))];
            double[] values = [.. Enumerable.Range(0, n).Select(i => levels[Math.Min(i, r - 1)])];
            (double[,] _, Func<double[], double[]> product) = Rotated(values, e);
            Eigenpairs<double> top = Lanczos.TopEigenpairs(product, n, k);
            // The r-th product's remainder is zero only up to rounding: about one case in a hundred lands just above
            // the breakdown threshold (10⁻¹² of the scale) and takes one product more.
            Assert.InRange(top.Products, r, r + 1);
            for (int i = 0; i < k; i++)
            {
                Tolerance.AssertClose(levels[i], top.Values[i], 1e-9, $"λ{i + 1}", floor: size);
                Assert.True(Residual(product, top.Vector(i), top.Values[i]) <= 1e-9 * size, $"pair {i + 1}");
            }
        });

    [Fact]
    public void A_multiple_of_the_identity_breaks_down_at_every_product_and_restarts_once_per_pair() =>
        Verify.ForAll(Arb.From(from n in Gen.Choose(1, 8)
                               from k in Gen.Choose(1, n)
                               from c in Cases.In(0.1, 10)
                               from sign in Gen.Elements(-1.0, 1.0)
                               from tolerance in Gen.Elements(0.0, 1e-10)
                               select (n, k, sign * c, tolerance)), x =>
        {
            // A = cI keeps every vector: each product's remainder is zero up to rounding, so each of the k pairs costs one
            // product and one restart from a fresh vector orthogonal to the basis. The pairs are (c, qⱼ), exact, and the
            // residual is zero even at tolerance 0 (the remainder at a breakdown counts as zero).
            (int n, int k, double c, double tolerance) = x;
            Func<double[], double[]> product = v => [.. v.Select(e => c * e)];
            Eigenpairs<double> top = Lanczos.TopEigenpairs(product, n, k, tolerance: tolerance);
            Assert.Equal(k, top.Products);
            for (int i = 0; i < k; i++)
            {
                Tolerance.AssertClose(c, top.Values[i], 1e-12, $"θ{i + 1}");
                Assert.True(Residual(product, top.Vector(i), top.Values[i]) <= 1e-13 * Math.Abs(c), $"pair {i + 1}");
                // Stopped by convergence (k < n; at k = n by the steps running out): every residual ≤ tolerance·|c|.
                if (k < n)
                    Assert.True(top.Residuals[i] <= tolerance * Math.Abs(c), $"pair {i + 1} reports {top.Residuals[i]:E3}");
                for (int l = 0; l <= i; l++)
                    Tolerance.AssertClose(l == i ? 1 : 0, top.Vector(l).Zip(top.Vector(i), (p, q) => p * q).Sum(), 1e-12, $"q{l + 1}·q{i + 1}");
            }
        });

    [Fact]
    public void At_tolerance_zero_it_runs_the_steps_it_is_given_or_min_n_2k_plus_40() =>
        Verify.ForAll(Arb.From(from n in Gen.Choose(5, 60)
                               from k in Gen.Choose(1, 3)
                               from maxSteps in Gen.OneOf(Gen.Constant(0), Gen.Choose(k, n)) // 0: automatic
                               from e in Gen.ArrayOf(Cases.In(-1, 1), n * n)
                               select (k, maxSteps, SecondOrder.SharpnessProperties.Symmetric(n, e))), c =>
        {
            // A random symmetric A: a random start's Krylov space is all of ℝⁿ, so no remainder vanishes before the n-th
            // product and no Ritz residual is exactly zero: at tolerance 0 only the step budget ends the iteration.
            (int k, int maxSteps, double[,] a) = c;
            int n = a.GetLength(0);
            Func<double[], double[]> product = v => Times(a, v);
            Eigenpairs<double> top = Lanczos.TopEigenpairs(product, n, k, maxSteps: maxSteps, tolerance: 0);
            Assert.Equal(maxSteps == 0 ? Math.Min(n, 2 * k + 40) : maxSteps, top.Products);
        });

    [Fact]
    public void At_a_loose_tolerance_it_stops_early_and_reports_the_true_residuals() =>
        Verify.ForAll(Arb.From(from spectrum in Diagonal(1.2, 3)
                               from exponent in Cases.In(-6, -2)
                               select (spectrum.K, Math.Pow(10, exponent), spectrum.D)), c =>
        {
            // The top three near the bulk, so a loose tolerance is met before the top pairs are exact: the residuals
            // reported are then far from zero and must be the true ‖A u − θ u‖.
            (int k, double tolerance, double[] d) = c;
            int n = d.Length;
            Func<double[], double[]> product = v => [.. v.Select((e, i) => d[i] * e)];
            Eigenpairs<double> found = Lanczos.TopEigenpairs(product, n, k, tolerance: tolerance);
            Assert.True(found.Products < Math.Min(n, 2 * k + 40), "ran all the steps");
            for (int i = 0; i < k; i++)
            {
                double residual = Residual(product, found.Vector(i), found.Values[i]);
                Assert.True(Math.Abs(residual - found.Residuals[i]) <= 1e-12 * found.Values[0],
                    $"pair {i + 1}: reported residual {found.Residuals[i]:E3}, true {residual:E3} after {found.Products} products");
                Assert.True(residual <= 1.01 * tolerance * found.Values[0], $"pair {i + 1} declared converged with residual {residual:E3}");
            }
        });

    [Fact]
    public void Bad_arguments_are_refused_naming_them()
    {
        Func<double[], double[]> identity = v => v;
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => Lanczos.TopEigenpairs(identity, 3, 4)).ParamName);
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => Lanczos.TopEigenpairs(identity, 3, 0)).ParamName);
        Assert.Equal("n", Assert.ThrowsAny<ArgumentException>(() => Lanczos.TopEigenpairs(identity, 0, 1)).ParamName);
        Assert.Equal("maxSteps", Assert.ThrowsAny<ArgumentException>(() => Lanczos.TopEigenpairs(identity, 5, 3, maxSteps: 2)).ParamName);
        Assert.Equal("maxSteps", Assert.ThrowsAny<ArgumentException>(() => Lanczos.TopEigenpairs(identity, 5, 1, maxSteps: -1)).ParamName);
        Assert.Equal("product", Assert.ThrowsAny<ArgumentException>(() => Lanczos.TopEigenpairs<double>(v => [1.0], 3, 1)).ParamName);
        Eigenpairs<double> top = Lanczos.TopEigenpairs(identity, 3, 2);
        Assert.Equal("damping", Assert.ThrowsAny<ArgumentException>(() => top.WithDamping(0.0)).ParamName);
        Assert.Equal("damping", Assert.ThrowsAny<ArgumentException>(() => Lanczos.TopEigenpairs<double>(v => [.. v.Select(e => -2 * e)], 3, 1).WithDamping(1.0)).ParamName);
        Assert.Equal("v", Assert.ThrowsAny<ArgumentException>(() => top.WithDamping(1.0).Solve([1.0])).ParamName);
    }
}
