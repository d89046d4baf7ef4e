using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Theory;

/// <summary>Section 25 (Theory 5): the spectrum of a representation Jacobian, its rank and effective dimension.</summary>
internal static class JacobianRank
{
    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("25. Jacobian rank and feature collapse (Theory 5)",
            "The representation f(θ, x) ∈ ℝ⁵ of x ∈ ℝ⁶ by two tanh networks 6-w-8-5, w = 8 and a bottleneck w = 2. Representation.Spectrum:",
            "σᵢ(Jₓ) from the eigenvalues of JₓJₓᵀ built by VJPs and JVPs; rank at σᵢ > 10⁻⁶σ₁ (closed form: min(5, w)),",
            "tr(JₓJₓᵀ) = Σσᵢ² beside ‖Jₓ‖_F² of the full forward Jacobian (Adversarial.JacobianNormSquared), effective dimension (Σσᵢ²)²/Σσᵢ⁴.");
        double[] x = [0.3, -0.5, 0.8, 0.1, -0.2, 0.6];
        var table = new Table(1, "w", "σ₁ … σ₅", "rank", "min(5, w)", "Σσᵢ²", "‖Jₓ‖_F²", "rel. diff", "eff. dim");
        foreach (int width in new[] { 8, 2 })
        {
            var net = new Perceptron([6, width, 8, 5], ActivationFunction.Tanh, ActivationFunction.Identity);
            double[] theta = net.Flatten<double>(net.Initialize<double>(7));
            JacobianSpectrum<double> spectrum = Representation.Spectrum(net.AsModel(), theta, x);
            int rank = spectrum.Rank(1e-6);
            log.Record(rank == Math.Min(5, width) ? 0 : 1, Comparison.Exact);
            double frobenius = Adversarial.JacobianNormSquared(net.AsModel(), theta, x);
            table.Row([Num(width), string.Join(" ", spectrum.SingularValues.Select(Sci)), Num(rank), Num(Math.Min(5, width)),
                .. log.Compare(spectrum.Trace, frobenius, Comparison.Iterative), Short(Math.Round(spectrum.EffectiveDimension, 4))]);
        }
        table.Print();
        Console.WriteLine("  With the bottleneck the representation varies only in a 2-dimensional subspace near x: three singular values");
        Console.WriteLine("  are zero to rounding (about √ε·σ₁, since σᵢ come from σᵢ²).");
        return log.Comparisons;
    }
}
