using System.Numerics;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Theory;

/// <summary>Section 22 (Theory 4): linearization and adversarial sensitivity, and the Jacobian-norm regulariser.</summary>
internal static class AdversarialSensitivity
{
    private static readonly double[] W = [1.5, -0.8, 0.3];
    private const double Label = 1;

    // The logistic loss L(x) = log(1 + exp(−y wᵀx)) of a fixed classifier, as a function of its input.
    private static T Logistic<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T margin = T.Zero;
        for (int i = 0; i < x.Length; i++)
            margin += T.CreateChecked(W[i]) * x[i];
        return T.Log(T.One + T.Exp(-T.CreateChecked(Label) * margin));
    }

    // f(θ, x) = tanh(W x), θ = W (2×3) row-major.
    private readonly struct TanhLayer : IModel
    {
        public T[] F<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> input) where T : IFloatingPointIeee754<T>
        {
            var f = new T[2];
            for (int r = 0; r < 2; r++)
            {
                T z = T.Zero;
                for (int c = 0; c < 3; c++)
                    z += parameters[r * 3 + c] * input[c];
                f[r] = T.Tanh(z);
            }
            return f;
        }
    }

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("22. Linearization and adversarial sensitivity (Theory 4)",
            "L(x) = log(1 + e^{−y wᵀx}), w = (1.5, −0.8, 0.3), y = 1, at x = (0.2, 0.4, −0.1). Adversarial.Sensitivity: one reverse sweep for ∇ₓL;",
            "closed forms ∇ₓL = −y σ(−y wᵀx) wᵀ, max_{‖δ‖₂≤ε} ∇ₓL δ = ε σ‖w‖₂, FGSM δ* = ε sign(∇ₓL) = −ε y sign(w) with change ε σ‖w‖₁.");
        double[] x = [0.2, 0.4, -0.1];
        InputSensitivity<double> s = Adversarial.Sensitivity<double>(Logistic, x);
        double margin = W.Zip(x, (a, b) => a * b).Sum(), sigma = 1 / (1 + Math.Exp(Label * margin)), eps = 0.1;
        var table = new Table(1, "", "library", "closed form", "rel. diff");
        for (int i = 0; i < 3; i++)
            table.Row([$"∂L/∂x{Subscript(i)}", .. log.Compare(s.Gradient[i], -Label * sigma * W[i])]);
        table.Row(["ε‖∇ₓL‖₂ (ε = 0.1)", .. log.Compare(s.WorstCaseL2(eps), eps * sigma * Math.Sqrt(W.Sum(v => v * v)))]);
        table.Row(["∇ₓL δ* at δ* = ε∇ₓLᵀ/‖∇ₓL‖₂", .. log.Compare(s.Change(s.WorstDirectionL2(eps)), eps * sigma * Math.Sqrt(W.Sum(v => v * v)))]);
        double[] fgsm = s.Fgsm(eps);
        for (int i = 0; i < 3; i++)
            table.Row([$"FGSM δ*{Subscript(i)}", .. log.Compare(fgsm[i], -eps * Label * Math.Sign(W[i]))]);
        table.Row(["ε‖∇ₓL‖₁ = ∇ₓL δ*", .. log.Compare(s.WorstCaseLInf(eps), eps * sigma * W.Sum(Math.Abs))]);
        table.Print();

        Console.WriteLine("  The first-order prediction ∇ₓL δ against the actual change L(x + δ) − L(x) along the FGSM direction: the error is");
        Console.WriteLine("  O(ε²), so it falls by 1/4 each time ε halves (tolerance 5 % on the ratio).");
        var linear = new Table(1, "ε", "predicted", "actual", "error", "error ratio");
        double previous = double.NaN;
        foreach (double e in new[] { 0.04, 0.02, 0.01, 0.005 })
        {
            double[] delta = s.Fgsm(e);
            double actual = Logistic<double>([.. x.Zip(delta, (a, d) => a + d)]) - s.Loss, predicted = s.Change(delta), error = Math.Abs(actual - predicted);
            string ratio = double.IsNaN(previous) ? "" : $"{Short(Math.Round(error / previous, 4))} (|· − ¼|·4 = {Sci(log.Record(Math.Abs(error / previous - 0.25) * 4, 0.05))})";
            linear.Row([Short(e), Num(predicted), Num(actual), Sci(error), ratio]);
            previous = error;
        }
        linear.Print();

        Console.WriteLine("  The Jacobian-norm regulariser R(W) = ‖Jₓ‖_F² of f(W, x) = tanh(Wx), W ∈ ℝ^{2×3}: Adversarial.JacobianPenalty by double");
        Console.WriteLine("  backprop (reverse over reverse) beside the closed forms R = Σᵣ (1 − tᵣ²)²‖Wᵣ‖², tᵣ = tanh(Wᵣx), and");
        Console.WriteLine("  ∂R/∂W_rc = 2(1 − tᵣ²)² W_rc − 4 tᵣ (1 − tᵣ²)² ‖Wᵣ‖² x_c; the estimate by S Rademacher probes E‖Jₓᵀu‖² beside it.");
        double[] theta = [0.7, -0.4, 0.9, 0.2, 0.5, -0.6];
        var layer = new TanhLayer();
        (double value, double[] gradient) = Adversarial.JacobianPenalty(layer, theta, x);
        double closedValue = 0;
        var closedGradient = new double[6];
        for (int r = 0; r < 2; r++)
        {
            double t = Math.Tanh(theta[r * 3] * x[0] + theta[r * 3 + 1] * x[1] + theta[r * 3 + 2] * x[2]), s2 = 1 - t * t;
            double rowNorm = theta[(r * 3)..(r * 3 + 3)].Sum(v => v * v);
            closedValue += s2 * s2 * rowNorm;
            for (int c = 0; c < 3; c++)
                closedGradient[r * 3 + c] = 2 * s2 * s2 * theta[r * 3 + c] - 4 * t * s2 * s2 * rowNorm * x[c];
        }
        var penalty = new Table(1, "", "double backprop", "closed form", "rel. diff");
        penalty.Row(["‖Jₓ‖_F² (basis probes)", .. log.Compare(value, closedValue)]);
        penalty.Row(["‖Jₓ‖_F² (full Jacobian, JVPs)", .. log.Compare(Adversarial.JacobianNormSquared(layer, theta, x), closedValue)]);
        for (int j = 0; j < 6; j++)
            penalty.Row([$"∂R/∂W{Subscript(j / 3)}{Subscript(j % 3)}", .. log.Compare(gradient[j], closedGradient[j])]);
        foreach (int samples in new[] { 10, 100, 1000 })
            penalty.Row([$"estimate, S = {samples}", Num(Adversarial.JacobianPenalty(layer, theta, x, samples).Value), Num(closedValue), ""]);
        penalty.Print();
        return log.Comparisons;
    }
}
