using System.Numerics;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Theory;

/// <summary>Section 18 (PhD 7): per-example gradients, the neural tangent kernel, and training predicted in function space.</summary>
internal static class NeuralTangentKernel
{
    // f(θ, x) = Σⱼ θⱼ φⱼ(x), φⱼ(x) = cos(j x): linear in θ.
    private readonly struct Cosines : IModel
    {
        public T[] F<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> input) where T : IFloatingPointIeee754<T>
        {
            T sum = T.Zero;
            for (int j = 0; j < parameters.Length; j++)
                sum += parameters[j] * T.Cos(T.CreateChecked(j) * input[0]);
            return [sum];
        }
    }

    private static readonly double[] Xs = [-0.9, -0.55, -0.2, 0.15, 0.5, 0.85];

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("18. Per-example gradients and the neural tangent kernel (PhD 7)",
            "K_ij = ⟨∇θ f(xᵢ), ∇θ f(xⱼ)⟩ from PerExample.Jacobians (one reverse record per example), for the 1-3-1 tanh network",
            "f(θ, x) = Σⱼ aⱼ tanh(wⱼx + bⱼ) + c, beside the hand-derived gradient ∂f/∂(wⱼ, bⱼ, aⱼ, c) = (aⱼ x sech²zⱼ, aⱼ sech²zⱼ, tanh zⱼ, 1).");
        var net = new Perceptron([1, 3, 1], ActivationFunction.Tanh, ActivationFunction.Identity);
        double[] theta = net.Flatten<double>(net.Initialize<double>(5));
        double[,] x = Column(Xs);
        double[,] k = Autodiff.NeuralTangentKernel.Kernel(net.AsModel(), theta, x);
        double[][] hand = [.. Xs.Select(xi => HandGradient(theta, xi))];
        var closed = new double[Xs.Length, Xs.Length];
        for (int i = 0; i < Xs.Length; i++)
            for (int j = 0; j < Xs.Length; j++)
                closed[i, j] = hand[i].Zip(hand[j], (p, q) => p * q).Sum();
        log.CompareMatrices(k, closed, "Σ hand-derived ∂f(xᵢ)·∂f(xⱼ)");

        Console.WriteLine("  Gradient descent θ ← θ − η∇L on L = ½ Σᵢ (f(θ, xᵢ) − yᵢ)², y = sin(πx)/2, against KernelDynamics:");
        Console.WriteLine("  ŷ_k = y − (I − ηK)ᵏ(y − ŷ(0)) (exact for a model linear in θ) and ŷ(t) = y − e^{−ηKt}(y − ŷ(0)) (gradient flow).");
        double[] y = [.. Xs.Select(v => Math.Sin(Math.PI * v) / 2)];
        var table = new Table(1, "model", "step", "‖y − ŷ‖ trained", "‖y − ŷ‖ predicted", "max |Δŷ| / ‖y − ŷ(0)‖∞", "tolerance");
        _ = Track(log, table, "cosines (linear in θ), (I − ηK)ᵏ", new Cosines(), [0.1, -0.2, 0.3, 0.05], y, 0.5, 40, (d, s) => d.Descent(s), Comparison.Iterative);
        var wide = new Perceptron([1, 512, 1], ActivationFunction.Tanh, ActivationFunction.Identity);
        double[] theta0 = wide.Flatten<double>(wide.Initialize<double>(7));
        double[] kernelSpectrum = SymmetricEigen.Values(Autodiff.NeuralTangentKernel.Kernel(wide.AsModel(), theta0, Column(Xs)));
        Console.WriteLine($"  Picture: {TheoryPictures.Spectrum([.. kernelSpectrum.Select(v => Math.Max(v, 1e-16))], [], "NTK of the 1-512-1 tanh network at θ₀: K = UΛUᵀ, mode k decays at rate ηλₖ (section 18)", "eigenvalues λₖ of K (log scale)", "", logScale: true, "ntk-spectrum.png")}");
        (double[] trained, double[] predicted) = Track(log, table, "1-512-1 tanh network, e^{−ηKt}", wide.AsModel(),
            theta0, y, 0.05, 150, (d, s) => d.Flow(s), 0.02);
        table.Print();
        Console.WriteLine($"  Picture: {TheoryPictures.KernelPrediction(trained, predicted, "ntk-training.png")}");
        return log.Comparisons;
    }

    // Trains by reverse gradients of L and prints the residual every few steps beside the kernel prediction; returns
    // ‖y − ŷ‖ trained and predicted at every step.
    private static (double[] Trained, double[] Predicted) Track<TM>(ComparisonLog log, Table table, string name, TM model, double[] theta, double[] y,
        double etaTimesLambdaMax, int steps, Func<KernelDynamics<double>, int, double[]> predict, double tolerance) where TM : IModel
    {
        double[,] x = Column(Xs);
        double[,] k = Autodiff.NeuralTangentKernel.Kernel(model, theta, x);
        double eta = etaTimesLambdaMax / SymmetricEigen.Values(k)[^1];
        double[] Predict(double[] p) => [.. Xs.Select(v => model.F<double>(p, [v])[0])];
        double[] start = Predict(theta);
        KernelDynamics<double> dynamics = Autodiff.NeuralTangentKernel.Dynamics(k, eta, y, start);
        double scale = y.Zip(start, (a, b) => Math.Abs(a - b)).Max(), worst = 0;
        double[] trainedResiduals = new double[steps + 1], predictedResiduals = new double[steps + 1];
        for (int step = 0; step <= steps; step++)
        {
            double[] trained = Predict(theta), predicted = predict(dynamics, step);
            (trainedResiduals[step], predictedResiduals[step]) = (Distance(y, trained), Distance(y, predicted));
            worst = Math.Max(worst, trained.Zip(predicted, (a, b) => Math.Abs(a - b)).Max() / scale);
            if (step % (steps / 4) == 0)
                table.Row([step == 0 ? name : "", Num(step), Num(Distance(y, trained)), Num(Distance(y, predicted)), Sci(worst), Sci(tolerance)]);
            double[] g = Autodiff.Reverse.Grad<double>(p =>
            {
                Tracked<double> loss = Tracked<double>.Constant(0);
                for (int i = 0; i < Xs.Length; i++)
                {
                    Tracked<double> e = model.F<Tracked<double>>(p, [Tracked<double>.Constant(Xs[i])])[0] - Tracked<double>.Constant(y[i]);
                    loss += e * e / Tracked<double>.Constant(2);
                }
                return loss;
            }, theta);
            theta = [.. theta.Zip(g, (t, gi) => t - eta * gi)];
        }
        log.Record(worst, tolerance);
        return (trainedResiduals, predictedResiduals);
    }

    // θ = (A₀ = w, b₀ = b, A₁ = a, b₁ = c) for the 1-3-1 network.
    private static double[] HandGradient(double[] theta, double x)
    {
        double[] w = theta[0..3], b = theta[3..6], a = theta[6..9];
        double[] z = [.. w.Select((wj, j) => wj * x + b[j])];
        double[] sech2 = [.. z.Select(zj => 1 / (Math.Cosh(zj) * Math.Cosh(zj)))];
        return [.. a.Select((aj, j) => aj * x * sech2[j]), .. a.Select((aj, j) => aj * sech2[j]), .. z.Select(Math.Tanh), 1.0];
    }

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (p, q) => (p - q) * (p - q)).Sum());

    private static double[,] Column(double[] v)
    {
        var m = new double[v.Length, 1];
        for (int i = 0; i < v.Length; i++)
            m[i, 0] = v[i];
        return m;
    }
}
