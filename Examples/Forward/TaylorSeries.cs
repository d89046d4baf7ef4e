using System.Numerics;
using static Autodiff.Examples.Functions;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Forward;

/// <summary>Section 8: Taylor coefficients from one truncated-series evaluation, against Cauchy's integral.</summary>
internal static class TaylorSeries
{
    private static T Exp<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp(x);

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        const double x0 = 0.5, h = 0.1;
        const int order = 6;
        Heading("8. Taylor series",
            "T_n(x) = Σ_{k=0..n} f⁽ᵏ⁾(x₀)/k! (x − x₀)ᵏ",
            "f(x) = √(x² + exp(x²)) + cos(x² + exp(x²)) at x₀ = 0.5",
            "AD: Forward.Taylor (one evaluation on a truncated Taylor series) gives every c_k = f⁽ᵏ⁾(x₀)/k!;",
            "reference: Cauchy's integral c_k = (1/2πi)∮ f(z)/(z − x₀)^{k+1} dz, trapezoid rule on |z − x₀| = 0.4.");
        double[] coefficients = Autodiff.Forward.Taylor(Backprop, x0, order);
        var table = new Table(1, "k", "AD: c_k", "contour integral", "rel. diff");
        for (int k = 0; k <= order; k++)
        {
            double reference = CauchyCoefficient(BackpropComplex, x0, k);
            table.Row([Num(k), .. log.Compare(coefficients[k], reference, Comparison.Contour)]);
        }
        table.Print();

        double exact = Backprop(x0 + h);
        Console.WriteLine($"  T_n(x₀ + h) = Forward.EvaluateTaylor(c_0..c_n, h) at h = {Short(h)}, "
            + $"against f(x₀ + h) = {Num(exact)}:");
        Console.WriteLine("  the error shrinks like h^(n+1), so the last column stays bounded.");
        var polynomials = new Table(1, "n", "T_n(x₀ + h)", "|f(x₀ + h) − T_n|", "|f − T_n| / h^(n+1)");
        for (int n = 1; n <= order; n++)
        {
            double polynomial = Autodiff.Forward.EvaluateTaylor(coefficients.AsSpan(0, n + 1), h);
            double error = Math.Abs(exact - polynomial);
            polynomials.Row([Num(n), Num(polynomial), Sci(error), Num(error / Math.Pow(h, n + 1))]);
        }
        polynomials.Print();

        const int expOrder = 8;
        Console.WriteLine("  exp at x₀ = 0: f⁽ᵏ⁾(0) = 1, so c_k = 1/k!.");
        double[] expCoefficients = Autodiff.Forward.Taylor(Exp, 0.0, expOrder);
        var expTable = new Table(1, "k", "AD: c_k", "1/k!", "rel. diff");
        double factorial = 1;
        for (int k = 0; k <= expOrder; k++)
        {
            factorial *= Math.Max(k, 1);
            expTable.Row([Num(k), .. log.Compare(expCoefficients[k], 1 / factorial)]);
        }
        expTable.Print();
        return log.Comparisons;
    }

    // The backpropagation example on complex numbers, for the contour-integral reference.
    private static Complex BackpropComplex(Complex x)
    {
        Complex c = x * x + Complex.Exp(x * x);
        return Complex.Sqrt(c) + Complex.Cos(c);
    }

    // c_k = (1/2πi)∮ f(z)/(z − x₀)^{k+1} dz on the circle z = x₀ + r e^{iθ}, i.e. the mean of f(z)(z − x₀)^{−k};
    // the trapezoid rule converges geometrically for a function analytic on a larger disc.
    private static double CauchyCoefficient(Func<Complex, Complex> f, double x0, int k, double radius = 0.4,
        int nodes = 64)
    {
        Complex sum = Complex.Zero;
        for (int j = 0; j < nodes; j++)
        {
            Complex offset = Complex.FromPolarCoordinates(radius, 2 * Math.PI * j / nodes);
            sum += f(x0 + offset) / Complex.Pow(offset, k);
        }
        return (sum / nodes).Real;
    }
}
