using System.Numerics;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Theory;

/// <summary>Section 19 (Theory 3, PhD 8): the Fisher from score gradients, the Gauss–Newton link, the natural-gradient step.</summary>
internal static class NaturalGradient
{
    private const double Sigma = 0.5;

    // ℓ(θ; (x, y)) = (y − θᵀx)²/(2σ²), the negative log-likelihood of y ~ 𝒩(θᵀx, σ²); input row (x₁, x₂, x₃, y).
    private readonly struct LinearGaussian : IModel
    {
        public T[] F<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> input) where T : IFloatingPointIeee754<T>
        {
            T e = input[3] - (parameters[0] * input[0] + parameters[1] * input[1] + parameters[2] * input[2]);
            return [e * e / T.CreateChecked(2 * Sigma * Sigma)];
        }
    }

    // f(θ, x) = θᵀx.
    private readonly struct Linear : IModel
    {
        public T[] F<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> input) where T : IFloatingPointIeee754<T> =>
            [parameters[0] * input[0] + parameters[1] * input[1] + parameters[2] * input[2]];
    }

    private static readonly double[,] X = { { 1, 0.5, -0.3 }, { 0.2, -1, 0.8 }, { -0.7, 0.4, 1.1 }, { 0.9, 0.9, 0.1 }, { -0.4, -0.6, -0.5 } };
    private static readonly double[] Y = [0.7, -1.2, 0.9, 1.5, -0.8];

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("19. Fisher information and the natural gradient (Theory 3, PhD 8)",
            "Linear regression y ~ 𝒩(θᵀx, σ²), σ = 0.5, five examples. Fisher.Empirical: F = (1/N) Σ sᵢsᵢᵀ over the scores of the",
            "negative log-likelihood at the outcomes y = θᵀx ± σ (whose first two moments are the Gaussian's, so F is the exact Fisher);",
            "Fisher.GaussNewtonProduct: Jᵀ(Jv) by a JVP and a VJP per example. Closed form: F = XᵀX/(Nσ²). Each column F eⱼ:");
        int n = X.GetLength(0);
        double[] theta = [0.3, -0.2, 0.5];
        EmpiricalFisher<double> fisher = Fisher.Empirical(new LinearGaussian(), theta, Outcomes(theta));
        var byScores = new double[3, 3];
        var byGaussNewton = new double[3, 3];
        var closed = new double[3, 3];
        for (int j = 0; j < 3; j++)
        {
            double[] e = [.. Enumerable.Range(0, 3).Select(i => i == j ? 1.0 : 0.0)];
            double[] fe = fisher.Product(e), gn = Fisher.GaussNewtonProduct(new Linear(), theta, X, e);
            for (int i = 0; i < 3; i++)
            {
                byScores[i, j] = fe[i];
                byGaussNewton[i, j] = gn[i] / (n * Sigma * Sigma);
                for (int r = 0; r < n; r++)
                    closed[i, j] += X[r, i] * X[r, j] / (n * Sigma * Sigma);
            }
        }
        log.CompareMatrices(byScores, closed, "XᵀX/(Nσ²)");
        log.CompareMatrices(byGaussNewton, closed, "XᵀX/(Nσ²)");

        Console.WriteLine("  The natural-gradient step θ⁺ = θ − η F⁻¹∇Lᵀ (η = 1, λ = 0, by conjugate gradient on Fisher-vector products)");
        Console.WriteLine("  on L(θ) = (1/N) Σ ℓᵢ lands on the least-squares solution (XᵀX)⁻¹Xᵀy in one step, as Newton's would:");
        double[] gradient = Autodiff.Reverse.Grad<double>(p =>
        {
            Tracked<double> sum = Tracked<double>.Constant(0);
            for (int r = 0; r < n; r++)
                sum += new LinearGaussian().F<Tracked<double>>(p, [.. Row(r).Select(Tracked<double>.Constant), Tracked<double>.Constant(Y[r])])[0];
            return sum / Tracked<double>.Constant(n);
        }, theta);
        double[] step = fisher.NaturalGradientStep(theta, gradient, 1.0, 0.0);
        var normal = new double[3, 3];
        var rhs = new double[3];
        for (int i = 0; i < 3; i++)
            for (int r = 0; r < n; r++)
            {
                rhs[i] += X[r, i] * Y[r];
                for (int j = 0; j < 3; j++)
                    normal[i, j] += X[r, i] * X[r, j];
            }
        double[] leastSquares = [.. Solve.Linear(normal, rhs).ValueOrThrow()];
        var table = new Table(1, "", "natural step", "(XᵀX)⁻¹Xᵀy", "rel. diff");
        for (int i = 0; i < 3; i++)
            table.Row([$"θ{Subscript(i)}⁺", .. log.Compare(step[i], leastSquares[i], Comparison.Iterative)]);
        table.Print();
        return log.Comparisons;
    }

    private static double[] Row(int r) => [X[r, 0], X[r, 1], X[r, 2]];

    private static double[,] Outcomes(double[] theta)
    {
        int n = X.GetLength(0);
        var rows = new double[2 * n, 4];
        for (int r = 0; r < n; r++)
            for (int s = 0; s < 2; s++)
            {
                double mean = 0;
                for (int j = 0; j < 3; j++)
                {
                    rows[2 * r + s, j] = X[r, j];
                    mean += theta[j] * X[r, j];
                }
                rows[2 * r + s, 3] = mean + (s == 0 ? Sigma : -Sigma);
            }
        return rows;
    }
}
