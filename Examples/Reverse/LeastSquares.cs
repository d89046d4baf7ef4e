using System.Numerics;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Reverse;

/// <summary>Section 10: the least-squares loss, its gradient by reverse mode, and gradient descent on it.</summary>
internal static class LeastSquares
{
    // The features Φ_i = (1, t_i, t_i²) of a quadratic model y ≈ θ₁ + θ₂t + θ₃t², and the observations y.
    private static readonly double[] Times = [-1.0, -0.5, 0.0, 0.5, 1.0];
    private static readonly double[,] Phi = Features(Times);
    private static readonly double[] Y = [2.0, 0.8, 0.4, 0.9, 2.2];

    // L(θ) = ‖e‖² = Σ_i e_i²,  e = y − Φθ.
    private static T Loss<T>(ReadOnlySpan<T> theta) where T : IFloatingPointIeee754<T>
    {
        T loss = T.Zero;
        for (int i = 0; i < Y.Length; i++)
        {
            T e = T.CreateChecked(Y[i]);
            for (int j = 0; j < theta.Length; j++)
                e -= T.CreateChecked(Phi[i, j]) * theta[j];
            loss += e * e;
        }
        return loss;
    }

    // ∂L/∂θ = 2eᵀ(−Φ) = −2(y − Φθ)ᵀΦ, on doubles.
    private static double[] ClosedFormGradient(double[] theta)
    {
        var gradient = new double[theta.Length];
        for (int i = 0; i < Y.Length; i++)
        {
            double e = Y[i];
            for (int j = 0; j < theta.Length; j++)
                e -= Phi[i, j] * theta[j];
            for (int j = 0; j < theta.Length; j++)
                gradient[j] += -2 * e * Phi[i, j];
        }
        return gradient;
    }

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("10. Least-squares loss",
            "L(θ) = ‖e‖² = eᵀe,  e(θ) = y − Φθ,  θ ∈ ℝ³,  Φ ∈ ℝ^{5×3},  y ∈ ℝ⁵",
            "∂L/∂θ = ∂L/∂e ∂e/∂θ = 2eᵀ(−Φ) = −2(yᵀ − θᵀΦᵀ)Φ ∈ ℝ^{1×3}",
            "AD: Reverse.Grad, one evaluation and one backward sweep whatever the number of parameters.");
        var data = new Table(2, "t", "Φ_i = (1, t, t²)", "y_i");
        for (int i = 0; i < Y.Length; i++)
            data.Row([Short(Times[i]), Point([Phi[i, 0], Phi[i, 1], Phi[i, 2]]), Short(Y[i])]);
        data.Print();

        var table = new Table(2, "θ", "", "AD", "closed form", "rel. diff");
        foreach (double[] theta in new[] { new[] { 0.0, 0.0, 0.0 }, [0.5, -1.0, 2.0], [1.0, 0.2, -0.7] })
        {
            double[] ad = Autodiff.Reverse.Grad(Loss, theta), closedForm = ClosedFormGradient(theta);
            for (int j = 0; j < theta.Length; j++)
                table.Row([j == 0 ? Point(theta) : "", $"∂L/∂θ{Subscript(j)}", .. log.Compare(ad[j], closedForm[j])]);
        }
        table.Print();

        Descend(log);
        return log.Comparisons;
    }

    // Gradient descent θ_{k+1} = θ_k − η ∇L(θ_k)ᵀ from θ_0 = 0, towards the θ* with ∇L(θ*) = 0, i.e. ΦᵀΦθ* = Φᵀy.
    private static void Descend(ComparisonLog log)
    {
        const double step = 0.1;
        const int steps = 200;
        double[] optimum = Solve(NormalMatrix(), NormalRight());
        Console.WriteLine($"  Gradient descent θ_(k+1) = θ_k − η ∇L(θ_k)ᵀ, η = {Short(step)}, θ_0 = 0, "
            + "with L and ∇L from Reverse.ValueAndGrad,");
        Console.WriteLine("  towards θ* solving the normal equations ΦᵀΦθ = Φᵀy (∇L = 0), by Gaussian elimination.");
        var table = new Table(1, "k", "θ_k", "L(θ_k)", "‖θ_k − θ*‖");
        double[] theta = new double[optimum.Length];
        for (int k = 0; k <= steps; k++)
        {
            (double loss, double[] gradient) = Autodiff.Reverse.ValueAndGrad(Loss, theta);
            if (k is 0 or 1 or 2 or 5 or 10 or 20 or 50 or 100 or steps)
                table.Row([Num(k), Vector(theta), Num(loss), Sci(Distance(theta, optimum))]);
            if (k < steps)
                for (int j = 0; j < theta.Length; j++)
                    theta[j] -= step * gradient[j];
        }
        table.Print();

        Console.WriteLine($"  θ_{steps} beside the normal-equation solution θ*.");
        var final = new Table(1, "", $"θ_{steps} (descent)", "θ* (normal eq.)", "rel. diff");
        for (int j = 0; j < theta.Length; j++)
            final.Row([$"θ{Subscript(j)}", .. log.Compare(theta[j], optimum[j], Comparison.Iterative)]);
        final.Print();
    }

    private static double[,] Features(double[] times)
    {
        var phi = new double[times.Length, 3];
        for (int i = 0; i < times.Length; i++)
            (phi[i, 0], phi[i, 1], phi[i, 2]) = (1, times[i], times[i] * times[i]);
        return phi;
    }

    // ΦᵀΦ and Φᵀy.
    private static double[,] NormalMatrix()
    {
        int d = Phi.GetLength(1);
        var m = new double[d, d];
        for (int p = 0; p < d; p++)
            for (int q = 0; q < d; q++)
                for (int i = 0; i < Y.Length; i++)
                    m[p, q] += Phi[i, p] * Phi[i, q];
        return m;
    }

    private static double[] NormalRight()
    {
        var r = new double[Phi.GetLength(1)];
        for (int p = 0; p < r.Length; p++)
            for (int i = 0; i < Y.Length; i++)
                r[p] += Phi[i, p] * Y[i];
        return r;
    }

    // Solves Mθ = r by Gaussian elimination with partial pivoting, then back substitution.
    private static double[] Solve(double[,] m, double[] r)
    {
        int n = r.Length;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int row = col + 1; row < n; row++)
                if (Math.Abs(m[row, col]) > Math.Abs(m[pivot, col]))
                    pivot = row;
            for (int j = 0; j < n; j++)
                (m[col, j], m[pivot, j]) = (m[pivot, j], m[col, j]);
            (r[col], r[pivot]) = (r[pivot], r[col]);
            for (int row = col + 1; row < n; row++)
            {
                double factor = m[row, col] / m[col, col];
                for (int j = col; j < n; j++)
                    m[row, j] -= factor * m[col, j];
                r[row] -= factor * r[col];
            }
        }
        var theta = new double[n];
        for (int row = n - 1; row >= 0; row--)
        {
            double sum = r[row];
            for (int j = row + 1; j < n; j++)
                sum -= m[row, j] * theta[j];
            theta[row] = sum / m[row, row];
        }
        return theta;
    }

    private static double Distance(double[] a, double[] b) =>
        Math.Sqrt(a.Zip(b, (p, q) => (p - q) * (p - q)).Sum());
}
