using System.Numerics;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.SecondOrder;

/// <summary>Section 12: Hessian-vector products by three nestings, curvature from HVPs, stationary points.</summary>
internal static class HessianVectorProducts
{
    // f(x) = exp(x₁x₂) + x₂ sin(x₃) + x₁x₃².
    private static T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        T.Exp(x[0] * x[1]) + x[1] * T.Sin(x[2]) + x[0] * x[2] * x[2];

    // The same f on tensor primitives (entries, products, Exp, Sin), for Tensors.Hvp.
    private static TensorVar<double> TensorF(TensorVar<double> x)
    {
        TensorVar<double> x1 = x.Entry(0), x2 = x.Entry(1), x3 = x.Entry(2);
        return (x1 * x2).Exp() + x2 * x3.Sin() + x1 * x3 * x3;
    }

    private static double[] TensorHvp(double[] x, double[] v)
    {
        var hv = new double[x.Length];
        Tensors.Hvp(TensorF, System.Numerics.Tensors.Tensor.Create(x, [x.Length]), System.Numerics.Tensors.Tensor.Create(v, [v.Length])).FlattenTo(hv);
        return hv;
    }

    private const int Samples = 10_000;

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("12. Hessian-vector products and stationary points",
            "f(x) = exp(x₁x₂) + x₂ sin(x₃) + x₁x₃²: ℝ³ → ℝ.  H v = ∇(∇f · v)ᵀ, one gradient's cost and no n×n matrix:",
            "Hessian.Hvp: forward over reverse (the reverse gradient on dual numbers x + vε, tangent part);",
            "Hessian.HvpReverseOverForward: reverse over forward (the reverse gradient of x ↦ ∇f(x) v by a dual number);",
            "Hessian.Vhp: reverse over reverse (the reverse gradient of x ↦ ⟨v, ∇f(x)⟩), the row vector vᵀH = (Hv)ᵀ;",
            "Tensors.Hvp: f written on tensor primitives, forward over reverse by each primitive's second-order rule;",
            "beside Forward.Hessian (n(n + 1)/2 hyper-dual evaluations) times v.");
        var table = new Table(2, "x, v", "", "Forward.Hessian·v", "Hvp", "HvpReverseOverForward", "Vhp", "Tensors.Hvp", "rel. diff");
        foreach ((double[] x, double[] v) in new[] { (new[] { 0.5, -0.3, 1.2 }, new[] { 1.0, 0.0, 0.0 }),
                     ([1.0, 0.7, -0.4], [0.3, -1.0, 2.0]) })
        {
            double[] reference = Multiply(Autodiff.Forward.Hessian(F, x), v);
            double[][] nestings = [Hessian.Hvp(F, x, v), Hessian.HvpReverseOverForward(F, x, v), Hessian.Vhp(F, x, v), TensorHvp(x, v)];
            for (int i = 0; i < x.Length; i++)
            {
                double largest = nestings.Max(h => log.Record(Comparison.RelativeDifference(h[i], reference[i]), Comparison.Exact));
                string label = i == 0 ? Point(x) : i == 1 ? Point(v) : "";
                table.Row([label, $"(Hv){Subscript(i)}", Num(reference[i]), .. nestings.Select(h => Num(h[i])), Sci(largest)]);
            }
        }
        table.Print();

        Curvature(log, [0.5, -0.3, 1.2]);
        StationaryPoints.Classify(log);
        return log.Comparisons;
    }

    // The seeds' "sharpness ∼ λ₁ or tr(∇²L)", from HVPs alone, beside the eigenvalues of the dense Hessian.
    private static void Curvature(ComparisonLog log, double[] x)
    {
        double[,] hessian = Autodiff.Forward.Hessian(F, x);
        double[] eigenvalues = SymmetricEigen.Values(hessian);
        double largest = eigenvalues[^1]; // sharpness is λ_max, the largest algebraic eigenvalue
        double trace = 0, offDiagonal = 0;
        for (int i = 0; i < x.Length; i++)
            for (int j = 0; j < x.Length; j++)
                (trace, offDiagonal) = i == j ? (trace + hessian[i, i], offDiagonal) : (trace, offDiagonal + hessian[i, j] * hessian[i, j]);
        double standardError = Math.Sqrt(2 * offDiagonal / Samples);

        Console.WriteLine($"  Curvature at x = {Point(x)} from HVPs alone, beside the dense Hessian's eigenvalues");
        Console.WriteLine($"  SymmetricEigen.Values(Forward.Hessian) = {Vector(eigenvalues)} and trace.");
        Console.WriteLine("  Curvature.Sharpness: λ_max by power iteration v ← Hv/‖Hv‖ on HVPs (shifted if a negative λ dominates);  Curvature.HutchinsonTrace: the mean of zᵀHz");
        Console.WriteLine($"  over {Num(Samples)} Rademacher z, whose standard error is √(2Σ_(i≠j) H_ij² / {Num(Samples)}) "
            + $"= {Sci(standardError)}: allowed 4 of them.");
        var table = new Table(1, "", "from HVPs", "from the matrix", "rel. diff", "tolerance");
        table.Row(["sharpness λ_max", .. log.Compare(Autodiff.Curvature.Sharpness<double>(F, x), largest, Comparison.Iterative),
            Sci(Comparison.Iterative)]);
        double traceTolerance = 4 * standardError / Math.Abs(trace);
        table.Row(["tr ∇²f", .. log.Compare(Autodiff.Curvature.HutchinsonTrace<double>(F, x, Samples), trace, traceTolerance),
            Sci(traceTolerance)]);
        table.Print();
    }

    private static double[] Multiply(double[,] m, double[] v)
    {
        var product = new double[v.Length];
        for (int i = 0; i < v.Length; i++)
            for (int j = 0; j < v.Length; j++)
                product[i] += m[i, j] * v[j];
        return product;
    }
}
