namespace Autodiff.Testing;

/// <summary>
/// Hessian checks of a user's own f: ℝⁿ → ℝ at a point: the dense Hessian H (forward-over-reverse) is symmetric, a
/// Hessian-vector product H v along v = (1, −1/2, 1/3, …) equals the dense H times v, and every column H eⱼ equals the
/// step-size-controlled difference of the reverse gradient, d/dt ∇f(x + t eⱼ) (<see cref="Richardson"/>).
/// </summary>
public static class HessianCheck
{
    /// <summary>The Hessian of a function value f at x.</summary>
    /// <exception cref="ArgumentException">f or x is null, or x is empty or not finite.</exception>
    public static GradCheckReport Scalar<TF>(TF f, double[] x, Tolerances? tolerances = null) where TF : IScalarFunction
    {
        Arguments.NotNull(f, nameof(f));
        return Scalar(f.F<Tracked<Dual<double>>>, f.F<Tracked<double>>, x, tolerances);
    }

    /// <summary>
    /// The Hessian of f at x given as two delegates of the same generic method (pass the method group twice): on
    /// <c>Tracked&lt;Dual&lt;double&gt;&gt;</c> for H and H v, on <c>Tracked&lt;double&gt;</c> for the gradients
    /// whose differences are the reference.
    /// </summary>
    /// <exception cref="ArgumentException">A delegate or x is null, or x is empty or not finite.</exception>
    public static GradCheckReport Scalar(ScalarFunction<Tracked<Dual<double>>> secondOrder, ScalarFunction<Tracked<double>> gradient,
        double[] x, Tolerances? tolerances = null)
    {
        ArgumentNullException.ThrowIfNull(secondOrder);
        ArgumentNullException.ThrowIfNull(gradient);
        // Stryker disable once Statement : Richardson.Jacobian refuses the same x by the same name, after the Hessian; this saves that work.
        Arguments.Vector(x, nameof(x));
        double[,] h = Hessian.Dense(secondOrder, x);
        double[] v = [.. Enumerable.Range(0, x.Length).Select(i => (i % 2 == 0 ? 1.0 : -1.0) / (i + 1))];
        var comparisons = new Comparisons(tolerances);
        Symmetry(comparisons, h);
        comparisons.Add("H v vs dense H times v", Hessian.Hvp(secondOrder, x, v), Vectors.Times(h, v));
        comparisons.Add("H vs differences of ∇f", h, Richardson.Jacobian(p => Reverse.Grad(gradient, p), x));
        return comparisons.Report($"∇²f at x = {Printer.Vector(x)} (f: ℝ^{x.Length} → ℝ)");
    }

    // hᵢⱼ against hⱼᵢ for i < j.
    internal static void Symmetry(Comparisons comparisons, double[,] h)
    {
        for (int j = 1; j < h.GetLength(1); j++)
            for (int i = 0; i < j; i++)
                comparisons.Add("symmetry hᵢⱼ vs hⱼᵢ", $"[{i}, {j}]", h[i, j], h[j, i]);
    }
}
