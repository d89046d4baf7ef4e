using static Autodiff.Examples.Functions;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Forward;

/// <summary>Section 7: a second derivative by hyper-dual numbers, and the Hessian of a polynomial.</summary>
internal static class SecondDerivativeAndHessian
{
    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        const double h = 1e-4;
        Heading("7. Second derivative and Hessian",
            "f(x) = √(x² + exp(x²)) + cos(x² + exp(x²)),  i.e. f = √c + cos(c) with c = x² + exp(x²)",
            "f″ = (−1/(4c^{3/2}) − cos(c)) (c′)² + (1/(2√c) − sin(c)) c″",
            "c′ = 2x(1 + exp(x²)),  c″ = 2(1 + exp(x²)) + 4x² exp(x²)   (chain and product rules)",
            "AD: Forward.SecondDerivative (one hyper-dual evaluation), beside this closed form and the",
            $"central difference (f(x + h) − 2f(x) + f(x − h))/h² with h = {Short(h)}.");
        var table = new Table(1, "x", "AD", "closed form", "rel. diff", "central diff.", "rel. diff");
        foreach (double x in new[] { 0.5, 1.2 })
        {
            double b = Math.Exp(x * x), c = x * x + b;
            double dc = 2 * x * (1 + b), d2c = 2 * (1 + b) + 4 * x * x * b;
            double closedForm = (-1 / (4 * Math.Pow(c, 1.5)) - Math.Cos(c)) * dc * dc
                + (1 / (2 * Math.Sqrt(c)) - Math.Sin(c)) * d2c;
            double central = (Backprop(x + h) - 2 * Backprop(x) + Backprop(x - h)) / (h * h);
            double ad = Autodiff.Forward.SecondDerivative(Backprop, x);
            table.Row([Short(x), .. log.Compare(ad, closedForm), Num(central),
                Sci(log.Record(Comparison.RelativeDifference(ad, central), Comparison.FiniteDifference))]);
        }
        table.Print();

        Console.WriteLine("  f(x₁, x₂) = x₁²x₂ + x₁x₂³,  H = ∇²f = [[∂²f/∂x₁², ∂²f/∂x₁∂x₂], [∂²f/∂x₂∂x₁, ∂²f/∂x₂²]]");
        Console.WriteLine("                              = [[2x₂, 2x₁ + 3x₂²], [2x₁ + 3x₂², 6x₁x₂]]");
        Console.WriteLine("  AD: Forward.Hessian (n(n + 1)/2 hyper-dual evaluations, symmetric by construction).");
        Console.WriteLine();
        foreach (double[] x in new[] { new[] { 1.0, 2.0 }, [-1.5, 0.5] })
        {
            double x1 = x[0], x2 = x[1], mixed = 2 * x1 + 3 * x2 * x2;
            Console.WriteLine($"  at (x₁, x₂) = {Point(x)}");
            log.CompareMatrices(Autodiff.Forward.Hessian(Polynomial, x),
                new[,] { { 2 * x2, mixed }, { mixed, 6 * x1 * x2 } }, "closed form");
        }
        return log.Comparisons;
    }
}
