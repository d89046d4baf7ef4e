using System.Numerics;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Theory;

/// <summary>Section 24 (Review Q10, the multivariate Taylor slides): Dᵏf(x₀) as a tensor, and the Taylor polynomial.</summary>
internal static class DerivativeTensors
{
    // f(x, y) = eˣ sin y, a function value for the transforms as well.
    private readonly struct Wave : IScalarFunction
    {
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => T.Exp(x[0]) * T.Sin(x[1]);
    }

    // ∂^{a+b}f/∂xᵃ∂yᵇ = eˣ sin⁽ᵇ⁾y, sin⁽ᵇ⁾ = sin, cos, −sin, −cos, …
    private static double Partial(double[] x, int b) =>
        Math.Exp(x[0]) * (b % 4) switch { 0 => Math.Sin(x[1]), 1 => Math.Cos(x[1]), 2 => -Math.Sin(x[1]), _ => -Math.Cos(x[1]) };

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("24. The derivative tensor Dᵏf(x₀) and the multivariate Taylor polynomial (Review Q10)",
            "f(x, y) = eˣ sin y at x₀ = (0.3, 0.5). DerivativeTensor.Of: Dᵏf(x₀) as nᵏ row-major entries, each by polarisation of Taylor-mode",
            "directional derivatives; closed form ∂ᵏf/∂x_{i₁}⋯∂x_{i_k} = eˣ sin⁽ᵇ⁾y with b the number of y's among the indices. D³f (2×2×2):");
        double[] x0 = [0.3, 0.5];
        var wave = new Wave();
        double[] d3 = DerivativeTensor.Of<double>(wave.F, x0, 3);
        var table = new Table(1, "[i₁, i₂, i₃]", "DerivativeTensor", "closed form", "rel. diff");
        for (int flat = 0; flat < 8; flat++)
        {
            int[] index = [flat >> 2 & 1, flat >> 1 & 1, flat & 1];
            table.Row([$"[{string.Join(", ", index.Select(i => i == 0 ? "x" : "y"))}]", .. log.Compare(d3[flat], Partial(x0, index.Sum()), Comparison.Iterative)]);
        }
        table.Print();

        Console.WriteLine("  The contraction Dᵏf(x₀)[δ^{⊗k}] = Σ D[i₁…i_k] δ_{i₁}⋯δ_{i_k} against Hessian.DirectionalDerivative (one Taylor series");
        Console.WriteLine("  along δ = (0.2, −0.1)) and the closed form Σ_b C(k, b) δ_x^{k−b} δ_y^b eˣ sin⁽ᵇ⁾y:");
        double[] delta = [0.2, -0.1];
        var contraction = new Table(1, "k", "tensor ⊗ δᵏ", "directional derivative", "rel. diff", "closed form", "rel. diff");
        for (int k = 0; k <= DerivativeTensor.MaxOrder; k++)
        {
            double contracted = DerivativeTensor.Contract<double>(DerivativeTensor.Of<double>(wave.F, x0, k), delta, k);
            double directional = Hessian.DirectionalDerivative<double>(wave.F, x0, delta, k);
            double closed = 0;
            for (int b = 0; b <= k; b++)
                closed += Binomial(k, b) * Math.Pow(delta[0], k - b) * Math.Pow(delta[1], b) * Partial(x0, b);
            contraction.Row([Num(k), Num(contracted), .. log.Compare(directional, contracted, Comparison.Iterative).Skip(1),
                Num(closed), Sci(log.Record(Comparison.RelativeDifference(contracted, closed), Comparison.Iterative))]);
        }
        contraction.Print();

        Console.WriteLine("  The Taylor polynomial Σ_{k≤K} Dᵏf(x₀)[δ^{⊗k}]/k! (DerivativeTensor.TaylorModel) against f(x₀ + δ): the error is O(‖δ‖^{K+1}),");
        Console.WriteLine("  so halving δ/4 divides it by 2^{K+1} (tolerance 10 % on the ratio). K = 1 is the linearization f(x₀) + ∇f(x₀)δ, which the");
        Console.WriteLine("  Linearize transform gives as a reusable map: wave.AsVector().Linearize().F(x₀) = (f(x₀), v ↦ ∇f(x₀)v).");
        (double[] value, LinearMap<double> jvp) = wave.AsVector().Linearize().F(x0);
        var taylor = new Table(1, "K", "error at δ/4", "error at δ/8", "ratio", "2^{−(K+1)}", "rel. diff");
        for (int order = 1; order <= DerivativeTensor.MaxOrder; order++)
        {
            TaylorModel<double> model = DerivativeTensor.TaylorModel<double>(wave.F, x0, order);
            double Error(double s) => Math.Abs(wave.F<double>([x0[0] + s * delta[0], x0[1] + s * delta[1]]) - model.Evaluate([s * delta[0], s * delta[1]]));
            double ratio = Error(0.125) / Error(0.25), expected = Math.Pow(2, -(order + 1));
            taylor.Row([Num(order), Sci(Error(0.25)), Sci(Error(0.125)), Short(Math.Round(ratio, 5)), Short(expected),
                Sci(log.Record(Comparison.RelativeDifference(ratio, expected), 0.1))]);
            if (order == 1)
                log.Record(Comparison.RelativeDifference(model.Evaluate(delta), value[0] + jvp.Invoke(delta)[0]), Comparison.Exact);
        }
        taylor.Print();
        Console.WriteLine($"  K = 1 beside Linearize: f(x₀) + ∇f(x₀)δ = {Num(value[0] + jvp.Invoke(delta)[0])} both ways (recorded as a comparison).");
        return log.Comparisons;
    }

    private static double Binomial(int n, int k) => k == 0 || k == n ? 1 : Binomial(n - 1, k - 1) + Binomial(n - 1, k);
}
