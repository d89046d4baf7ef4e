using System.Numerics;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Forward;

/// <summary>Section 6: the Jacobians of a linear map, an element-wise square and an element-wise sigmoid.</summary>
internal static class Jacobians
{
    private static readonly double[,] MatrixA = { { 1.0, 2.0, -1.0 }, { 0.5, -3.0, 4.0 } };

    private static T[] Linear<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        var y = new T[MatrixA.GetLength(0)];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = T.Zero;
            for (int j = 0; j < x.Length; j++)
                y[i] += T.CreateChecked(MatrixA[i, j]) * x[j];
        }
        return y;
    }

    private static T[] Square<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        var y = new T[x.Length];
        for (int i = 0; i < y.Length; i++)
            y[i] = x[i] * x[i];
        return y;
    }

    private static T[] Sigmoid<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        var y = new T[x.Length];
        for (int i = 0; i < y.Length; i++)
            y[i] = Activation.Sigmoid(x[i]);
        return y;
    }

    private static double[,] Diagonal(double[] d)
    {
        var m = new double[d.Length, d.Length];
        for (int i = 0; i < d.Length; i++)
            m[i, i] = d[i];
        return m;
    }

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        double[] x = [0.3, -1.2, 2.0];
        Heading("6. Jacobians",
            "J = df(x)/dx ∈ ℝ^{m×n},  J_ij = ∂f_i/∂x_j",
            $"AD: Forward.Jacobian (one dual evaluation per column) at x = {Point(x)}.");

        Console.WriteLine("  f(x) = Ax,  f_i(x) = Σ_j A_ij x_j  ⟹  df/dx = A");
        log.CompareMatrices(Autodiff.Forward.Jacobian(Linear, x), (double[,])MatrixA.Clone(), "A");

        Console.WriteLine("  f(x) = x ⊙ x (element-wise square)  ⟹  df/dx = diag(2x)");
        log.CompareMatrices(Autodiff.Forward.Jacobian(Square, x), Diagonal(Array.ConvertAll(x, v => 2 * v)),
            "diag(2x)");

        Console.WriteLine("  f(x) = σ(x) (sigmoid, element-wise)  ⟹  df/dx = diag(σ(x) ⊙ (1 − σ(x)))");
        double[] sigma = Array.ConvertAll(x, v => 1 / (1 + Math.Exp(-v)));
        log.CompareMatrices(Autodiff.Forward.Jacobian(Sigmoid, x), Diagonal(Array.ConvertAll(sigma, s => s * (1 - s))),
            "diag(σ ⊙ (1 − σ))");
        return log.Comparisons;
    }
}
