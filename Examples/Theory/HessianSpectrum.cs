using System.Numerics;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Theory;

/// <summary>Section 20 (Theory 2, PhD 9): the top of the Hessian spectrum by Lanczos on HVPs, and the low-rank model.</summary>
internal static class HessianSpectrum
{
    // L(θ) = Σᵢ (1 + i) θᵢ² / 2 + (Σᵢ θᵢ)² / 2 + Σ cos θᵢ / 10: the dense Hessian diag(1 + i − cos θᵢ/10) + 𝟙𝟙ᵀ.
    private static T Loss<T>(ReadOnlySpan<T> theta) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero, total = T.Zero;
        for (int i = 0; i < theta.Length; i++)
        {
            sum += T.CreateChecked((1 + i) / 2.0) * theta[i] * theta[i] + T.Cos(theta[i]) / T.CreateChecked(10);
            total += theta[i];
        }
        return sum + total * total / T.CreateChecked(2);
    }

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        const int n = 12, k = 3;
        double[] theta = [.. Enumerable.Range(0, n).Select(i => Math.Sin(i))];
        Heading("20. Hessian spectrum, sharpness and the low-rank curvature model (Theory 2, PhD 9)",
            $"L(θ) = Σ (1 + i) θᵢ²/2 + (Σ θᵢ)²/2 + Σ cos θᵢ/10 on ℝ^{n}. Curvature.TopEigenpairs: Lanczos on HVPs (full reorthogonalisation),",
            "beside SymmetricEigen of the dense Hessian (n HVPs), and Curvature.Sharpness (power iteration) for λ₁.");
        Eigenpairs<double> top = Curvature.TopEigenpairs<double>(Loss, theta, k);
        double[] all = SymmetricEigen.Values(Hessian.Dense<double>(Loss, theta));
        var table = new Table(1, "", "Lanczos", "dense", "rel. diff", "tolerance");
        for (int i = 0; i < k; i++)
            table.Row([$"λ{Subscript(i)}", .. log.Compare(top.Values[i], all[^(i + 1)], Comparison.Iterative), Sci(Comparison.Iterative)]);
        table.Row(["sharpness λ₁ (power iteration)", .. log.Compare(Curvature.Sharpness<double>(Loss, theta), all[^1], Comparison.Iterative), Sci(Comparison.Iterative)]);
        table.Print();
        Console.WriteLine($"  {top.Products} HVPs for the top {k} of {n}; the basis holds at most that many vectors of n, never an n×n matrix.");
        Console.WriteLine($"  Picture: {TheoryPictures.Spectrum(all, [.. top.Values],
            "Hessian spectrum of L at θ: λ₁ ≥ λ₂ ≥ … (section 20)", "all eigenvalues (dense ∇²L, n HVPs)", $"top {k} by Lanczos on HVPs",
            logScale: false, "hessian-spectrum.png")}");

        double damping = all[^(k + 1)];
        Console.WriteLine($"  The model M = U₃Λ₃U₃ᵀ + λI with λ = λ₄ = {Num(damping)} as the preconditioner of conjugate gradient on");
        Console.WriteLine("  (∇²L + λI) x = b by HVPs: iterations to a relative residual of 10⁻¹⁰, and the two solutions beside each other.");
        double[] b = [.. Enumerable.Range(0, n).Select(i => Math.Cos(3 * i))];
        Func<double[], double[]> damped = v => [.. Hessian.Hvp<double>(Loss, theta, v).Zip(v, (hv, vi) => hv + damping * vi)];
        ConjugateGradientResult<double> plain = ConjugateGradient.Solve(damped, b, 1e-10);
        ConjugateGradientResult<double> preconditioned = ConjugateGradient.Solve(damped, b, 1e-10, preconditioner: top.WithDamping(damping).Preconditioner());
        var cg = new Table(1, "", "iterations", "x₁", "x₁ unpreconditioned", "rel. diff");
        cg.Row(["CG, preconditioned", Num(preconditioned.Iterations), .. log.Compare(preconditioned.Solution[0], plain.Solution[0], Comparison.Iterative)]);
        cg.Row(["CG, plain", Num(plain.Iterations), Num(plain.Solution[0]), "", ""]);
        cg.Print();
        return log.Comparisons;
    }
}
