using System.Numerics.Tensors;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.MatrixCalculus;

/// <summary>
/// Section 16: least squares in matrix form — L(θ) = ‖y − Φθ‖² as three tensor primitives, its gradient
/// −2(y − Φθ)ᵀΦ, the normal-equation solution θ* = (ΦᵀΦ)⁻¹Φᵀy, and the library's momentum descent converging to it.
/// </summary>
internal static class NormalEquations
{
    private const int Samples = 40, Steps = 300;
    private static readonly double[] Times = Enumerable.Range(0, Samples).Select(i => -1 + 2.0 * i / (Samples - 1)).ToArray();

    // Φ_i = (1, t_i, t_i², t_i³) and y_i = ½ − t_i + 0.8t_i² + 2t_i³ + 0.1 sin(7t_i + 1): a cubic fit that cannot be exact.
    private static readonly double[,] Phi = Features();
    private static readonly double[] Y = Array.ConvertAll(Times, t => 0.5 - t + 0.8 * t * t + 2 * t * t * t + 0.1 * Math.Sin(7 * t + 1));

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("16. Least squares in matrix form: gradient, normal equations, descent",
            $"L(θ) = ‖y − Φθ‖², Φ ∈ ℝ^{{{Samples}×4}} with rows (1, t, t², t³), t ∈ [−1, 1],",
            "y_i = ½ − t_i + 0.8t_i² + 2t_i³ + 0.1 sin(7t_i + 1).",
            "On tensors L is three primitives: a matrix-vector product, a difference, a squared norm. Reverse mode",
            "gives ∂L/∂θ = −2(y − Φθ)ᵀΦ; setting it to zero gives the normal equations ΦᵀΦθ* = Φᵀy.");
        TensorVar<double> phi = Tensors.Matrix(Phi), y = Tensors.Vector(Y);
        TensorVar<double> Loss(TensorVar<double> theta) => (y - phi.MatMul(theta)).SquaredNorm();

        var table = new Table(1, "θ", "∂L/∂θ by Tensors.Grad", "max rel. diff to −2(y − Φθ)ᵀΦ");
        foreach (double[] theta in new[] { new[] { 0.0, 0.0, 0.0, 0.0 }, [1.0, -2.0, 0.5, 3.0], [-0.3, 0.7, 1.1, -0.4] })
        {
            double[] ad = Dense.Flatten(Tensors.Grad(Loss, Tensors.Vector(theta)));
            double[] closedForm = Dense.Scaled(Dense.Multiply(Dense.Subtract(Y, Dense.Multiply(Phi, theta)), Phi), -2);
            table.Row([Point(theta), Vector(ad), Sci(log.Record(Dense.RelativeDifference(ad, closedForm), Comparison.Exact))]);
        }
        table.Print();

        double[,] normal = Dense.Multiply(Dense.Transpose(Phi), Phi);
        double[] optimum = Dense.Multiply(Dense.Invert(normal).Inverse, Dense.Multiply(Y, Phi));
        double[] residualGradient = Dense.Flatten(Tensors.Grad(Loss, Tensors.Vector(optimum)));
        double[] startGradient = Dense.Flatten(Tensors.Grad(Loss, Tensors.Vector(new double[4])));
        Console.WriteLine($"  θ* = (ΦᵀΦ)⁻¹Φᵀy by Gauss–Jordan = {Vector(optimum)}, L(θ*) = {Num(Loss(Tensors.Vector(optimum)).ScalarValue)}");
        double stationarity = log.Record(Norm(residualGradient) / Norm(startGradient), Comparison.Converged);
        Console.WriteLine($"  ‖∇L(θ*)‖ / ‖∇L(0)‖ by AD = {Sci(stationarity)} (θ* is stationary up to rounding)");
        Console.WriteLine();

        Descend(log, Loss, normal, optimum);
        return log.Comparisons;
    }

    // The library's momentum descent from θ₀ = 0, with the heavy-ball parameters that are optimal for a quadratic
    // of Hessian H = 2ΦᵀΦ: η = 4/(√λ_max + √λ_min)², μ = ((√κ − 1)/(√κ + 1))², κ = λ_max/λ_min.
    private static void Descend(ComparisonLog log, Func<TensorVar<double>, TensorVar<double>> loss, double[,] normal, double[] optimum)
    {
        double[] eigenvalues = SymmetricEigen.Values(Dense.Scaled(normal, 2));
        double lower = Math.Sqrt(eigenvalues[0]), upper = Math.Sqrt(eigenvalues[^1]);
        var descent = new MomentumDescent(4 / ((upper + lower) * (upper + lower)), Math.Pow((upper - lower) / (upper + lower), 2));
        Console.WriteLine($"  The library's {descent} on L from θ₀ = 0, gradients from Tensors.ValueAndGrad.");
        Console.WriteLine($"  The Hessian 2ΦᵀΦ has λ_min = {Sci(eigenvalues[0])}, λ_max = {Sci(eigenvalues[^1])} (κ = {Sci(eigenvalues[^1] / eigenvalues[0])}): the optimal");
        Console.WriteLine("  heavy-ball parameters for a quadratic are η = 4/(√λ_max + √λ_min)², μ = ((√κ − 1)/(√κ + 1))².");
        var table = new Table(1, "k", "θ_k", "L(θ_k)", "‖θ_k − θ*‖");
        MomentumState<double> state = descent.Start(Tensors.Vector(new double[optimum.Length]));
        for (int k = 0; ; k++)
        {
            (double value, Tensor<double> gradient) = Tensors.ValueAndGrad(loss, state.Parameters[0]);
            double[] theta = Dense.Flatten(state.Parameters[0]);
            if (k is 0 or 1 or 2 or 5 or 10 or 20 or 50 or 100 or 150 or 200 or Steps)
                table.Row([Num(k), Vector(theta), Num(value), Sci(Norm(Dense.Subtract(theta, optimum)))]);
            if (k == Steps)
                break;
            state = descent.Step(state, [gradient]);
        }
        table.Print();

        Console.WriteLine($"  θ_{Steps} beside the normal-equation solution θ*.");
        var final = new Table(1, "", $"θ_{Steps} (descent)", "θ* (normal eq.)", "rel. diff");
        double[] last = Dense.Flatten(state.Parameters[0]);
        for (int j = 0; j < last.Length; j++)
            final.Row([$"θ{Subscript(j)}", .. log.Compare(last[j], optimum[j], Comparison.Iterative)]);
        final.Print();
    }

    private static double[,] Features()
    {
        var phi = new double[Samples, 4];
        for (int i = 0; i < Samples; i++)
            for (int j = 0; j < 4; j++)
                phi[i, j] = Math.Pow(Times[i], j);
        return phi;
    }

    private static double Norm(double[] v) => Math.Sqrt(v.Sum(x => x * x));
}
