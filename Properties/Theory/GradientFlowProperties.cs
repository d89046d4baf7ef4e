using System.Numerics;
using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;
using static Autodiff.Properties.Theory.TheoryModels;

namespace Autodiff.Properties.Theory;

/// <summary>
/// Gradient flow by Dormand–Prince 5(4) against the closed-form flow of a separable quadratic, and the implicit bias:
/// on underdetermined least squares from θ = 0, both the flow and gradient descent end at the minimum-norm solution
/// Aᵀ(AAᵀ)⁻¹b, computed here by the library's LU solve; the loss never increases along the flow.
/// </summary>
[Slow("integrates flows to their end time: 5 s")]
public sealed class GradientFlowProperties
{
    /// <summary>An underdetermined system A θ = b, A ∈ ℝ^{m×n}, m &lt; n.</summary>
    public sealed record System(double[,] A, double[] B)
    {
        public override string ToString() =>
            $"A = [{string.Join("; ", Enumerable.Range(0, A.GetLength(0)).Select(i => string.Join(", ", Row(A, i).Select(v => v.ToString("G4")))))}], b = [{string.Join(", ", B.Select(v => v.ToString("G4")))}]";

        public T Loss<T>(ReadOnlySpan<T> theta) where T : IFloatingPointIeee754<T>
        {
            T sum = T.Zero;
            for (int i = 0; i < B.Length; i++)
            {
                T r = -T.CreateChecked(B[i]);
                for (int j = 0; j < theta.Length; j++)
                    r += T.CreateChecked(A[i, j]) * theta[j];
                sum += r * r;
            }
            return sum / T.CreateChecked(2);
        }
    }

    private static Arbitrary<System> Systems() =>
        Arb.From(
            from m in Gen.Choose(1, 3)
            from n in Gen.Choose(m + 1, 5)
            from a in Gen.ArrayOf(Autodiff.Testing.Cases.In(-1, 1), m * n)
            from b in Gen.ArrayOf(Autodiff.Testing.Cases.In(-1, 1), m)
            select new System(Matrix(a, m, n), b));

    [Fact]
    public void Flow_and_descent_from_zero_reach_the_minimum_norm_solution_and_the_flow_loss_never_increases()
    {
        int conditioned = 0;
        Verify.ForAll(Systems(), sys =>
        {
            double[,] gram = Gram(sys.A);
            double[] eigen = SymmetricEigen.Values(gram);
            double smallest = eigen.Min(), largest = eigen.Max();
            if (smallest < 0.05 || largest / smallest > 50)
                return;
            conditioned++;
            int n = sys.A.GetLength(1);
            double[] minimumNorm = Vectors(Matrix.Solve(gram, sys.B), sys.A);
            var zero = new double[n];
            FlowPath<double> path = GradientFlow.Integrate<double>(sys.Loss, zero, 40 / smallest, 1e-10);
            Assert.Equal(40 / smallest, path.Times[^1]);
            Assert.True(Difference(path.Final, minimumNorm) <= 1e-7, $"flow end vs Aᵀ(AAᵀ)⁻¹b: {Difference(path.Final, minimumNorm):E2}");
            // Near the minimum L = ½‖r‖² is at the integrator's floor: each accepted step may move θ by up to tol·(1 + |θ|)
            // off the exact flow, so r (entries of A in [−1, 1]) by up to n·tol·(1 + |θ|), and L by half its square.
            double floor = 0.5 * Math.Pow(n * 1e-10 * (1 + path.Final.Max(Math.Abs)), 2);
            for (int k = 1; k < path.Losses.Count; k++)
                Assert.True(path.Losses[k] <= path.Losses[k - 1] + 1e-15 * path.Losses[0] + floor, $"loss rose at step {k}: {path.Losses[k - 1]} → {path.Losses[k]}");
            // Gradient descent with η = 1/λ_max(AᵀA): the error contracts by 1 − λ_min/λ_max per step.
            int iterations = Math.Max(1, (int)Math.Ceiling(Math.Log(1e-12) / Math.Log(1 - smallest / largest * (1 - 1e-9))));
            double[] descent = GradientDescent.Run<double>(sys.Loss, zero, 1 / largest, 0.0, iterations).Final;
            Assert.True(Difference(descent, minimumNorm) <= 1e-9, $"descent end vs Aᵀ(AAᵀ)⁻¹b: {Difference(descent, minimumNorm):E2}");
        });
        Assert.True(conditioned >= Verify.MaxTest / 4, $"only {conditioned} of {Verify.MaxTest} systems were well conditioned");
    }

    // Aᵀ y.
    private static double[] Vectors(double[] y, double[,] a) =>
        [.. Enumerable.Range(0, a.GetLength(1)).Select(j => Enumerable.Range(0, y.Length).Sum(i => a[i, j] * y[i]))];

    [Fact]
    public void The_path_of_a_separable_quadratic_is_the_exponential_decay_at_every_accepted_time() =>
        Verify.ForAll(Arb.From(
            from n in Gen.Choose(1, 4)
            from d in Gen.ArrayOf(Autodiff.Testing.Cases.In(0.1, 10), n)
            from x in Gen.ArrayOf(Autodiff.Testing.Cases.In(-2, 2), n)
            select (d, x)), c =>
        {
            (double[] d, double[] x0) = c;
            // L = ½ Σ dᵢ θᵢ² + Σ θᵢ: θᵢ(t) = −1/dᵢ + (θ₀ᵢ + 1/dᵢ) e^{−dᵢt}.
            T Loss<T>(ReadOnlySpan<T> theta) where T : IFloatingPointIeee754<T>
            {
                T sum = T.Zero;
                for (int i = 0; i < theta.Length; i++)
                    sum += T.CreateChecked(d[i] / 2) * theta[i] * theta[i] + theta[i];
                return sum;
            }
            FlowPath<double> path = GradientFlow.Integrate<double>(Loss, x0, 2.0, 1e-9);
            Assert.True(path.Steps >= 2);
            for (int k = 0; k < path.Times.Count; k++)
            {
                double t = path.Times[k];
                double[] exact = [.. d.Select((di, i) => -1 / di + (x0[i] + 1 / di) * Math.Exp(-di * t))];
                Assert.True(Difference(path.Points[k], exact) <= 1e-7, $"t = {t}: {Difference(path.Points[k], exact):E2}");
                Tolerance.AssertClose(Loss<double>(exact), path.Losses[k], 1e-7, $"L at t = {t}");
            }
        });

    [Fact]
    public void On_a_linear_loss_the_path_is_exact_and_each_step_five_times_the_last_from_the_first_guess() =>
        Verify.ForAll(Arb.From(
            from n in Gen.Choose(1, 3)
            from c in Gen.ArrayOf(Autodiff.Testing.Cases.In(-2, 2), n)
            from x in Gen.ArrayOf(Autodiff.Testing.Cases.In(-2, 2), n)
            from end in Autodiff.Testing.Cases.In(0.5, 50)
            select (c, x, end)), k =>
        {
            (double[] c, double[] x0, double end) = k;
            if (c.All(v => Math.Abs(v) < 1e-3) || x0.All(v => Math.Abs(v) < 1e-3))
                return;
            // L = cᵀθ: θ(t) = θ₀ − c t, every stage the same slope, so the error estimate is ~0 and each step grows by
            // the largest factor, 5, until the last is cut to end at T.
            T Loss<T>(ReadOnlySpan<T> theta) where T : IFloatingPointIeee754<T>
            {
                T sum = T.Zero;
                for (int i = 0; i < theta.Length; i++)
                    sum += T.CreateChecked(c[i]) * theta[i];
                return sum;
            }
            const double tolerance = 1e-6;
            FlowPath<double> path = GradientFlow.Integrate<double>(Loss, x0, end, tolerance);
            Assert.Equal(0, path.Rejected);
            Assert.Equal(end, path.Times[^1]);
            for (int s = 0; s < path.Times.Count; s++)
            {
                double t = path.Times[s];
                Assert.True(Difference(path.Points[s], [.. x0.Zip(c, (a, b) => a - b * t)]) <= 1e-12, $"θ({t})");
                Tolerance.AssertClose(Loss<double>([.. x0.Zip(c, (a, b) => a - b * t)]), path.Losses[s], 1e-12, $"L({t})");
            }
            // Hairer–Nørsett–Wanner's first guess 0.01‖θ₀‖/‖θ′‖ in the norm scaled by tol·(1 + |θ₀ᵢ|), at most T.
            double d0 = x0.Sum(v => Math.Pow(v / (tolerance * (1 + Math.Abs(v))), 2));
            double d1 = c.Select((v, i) => Math.Pow(v / (tolerance * (1 + Math.Abs(x0[i]))), 2)).Sum();
            Tolerance.AssertClose(Math.Min(end, 0.01 * Math.Sqrt(d0 / d1)), path.Times[1], 1e-12, "first step");
            for (int s = 2; s < path.Times.Count - 1; s++)
                Tolerance.AssertClose(5 * (path.Times[s - 1] - path.Times[s - 2]), path.Times[s] - path.Times[s - 1], 1e-9, $"step {s}");
        });

    [Fact]
    public void From_zero_the_first_step_is_one_millionth() =>
        Tolerance.AssertClose(1e-6, GradientFlow.Integrate<double>(v => v[0] + v[1], [0.0, 0.0], 1.0, 1e-6).Times[1], 1e-15, "first step", floor: 0);

    [Fact]
    public void The_step_budget_counts_accepted_and_rejected_steps_and_cuts_the_path_short() =>
        Verify.ForAll(Arb.From(
            from n in Gen.Choose(1, 3)
            from d in Gen.ArrayOf(Autodiff.Testing.Cases.In(1, 300), n)
            from x in Gen.ArrayOf(Autodiff.Testing.Cases.In(-2, 2), n)
            select (d, x)), k =>
        {
            (double[] d, double[] x0) = k;
            // L = ½ Σ dᵢ θᵢ² over a long time: the step grows to the stability limit of the stiffest mode and is rejected there.
            T Loss<T>(ReadOnlySpan<T> theta) where T : IFloatingPointIeee754<T>
            {
                T sum = T.Zero;
                for (int i = 0; i < theta.Length; i++)
                    sum += T.CreateChecked(d[i] / 2) * theta[i] * theta[i];
                return sum;
            }
            FlowPath<double> full = GradientFlow.Integrate<double>(Loss, x0, 20.0, 1e-6);
            int attempts = full.Steps + full.Rejected;
            Assert.Equal(20.0, full.Times[^1]);
            Assert.Equal(full, GradientFlow.Integrate<double>(Loss, x0, 20.0, 1e-6, attempts), PathComparer);
            FlowPath<double> cut = GradientFlow.Integrate<double>(Loss, x0, 20.0, 1e-6, attempts - 1);
            Assert.Equal(attempts - 1, cut.Steps + cut.Rejected);
            Assert.True(cut.Times[^1] < 20.0, "the path reached T with one attempt fewer");
            for (int s = 0; s < cut.Times.Count; s++)
            {
                Assert.Equal(full.Times[s], cut.Times[s]);
                Assert.Equal(full.Points[s], cut.Points[s]);
            }
        });

    private static readonly IEqualityComparer<FlowPath<double>> PathComparer = EqualityComparer<FlowPath<double>>.Create(
        (a, b) => a!.Rejected == b!.Rejected && a.Times.SequenceEqual(b.Times) && a.Losses.SequenceEqual(b.Losses)
                  && Enumerable.Zip(a.Points, b.Points, (p, q) => p.SequenceEqual(q)).All(same => same),
        p => p.Times.Count);

    [Fact]
    public void Bad_arguments_are_refused_naming_them()
    {
        Assert.Equal("endTime", Assert.ThrowsAny<ArgumentException>(() => GradientFlow.Integrate<double>(TestFunctions.SumOfSquares, [1.0], 0.0, 1e-6)).ParamName);
        Assert.Equal("tolerance", Assert.ThrowsAny<ArgumentException>(() => GradientFlow.Integrate<double>(TestFunctions.SumOfSquares, [1.0], 1.0, 0.0)).ParamName);
        Assert.Equal("start", Assert.ThrowsAny<ArgumentException>(() => GradientFlow.Integrate<double>(TestFunctions.SumOfSquares, [double.NaN], 1.0, 1e-6)).ParamName);
        Assert.Equal("maxSteps", Assert.ThrowsAny<ArgumentException>(() => GradientFlow.Integrate<double>(TestFunctions.SumOfSquares, [1.0], 1.0, 1e-6, 0)).ParamName);
    }
}
