namespace Autodiff.Testing;

/// <summary>
/// Five-point central differences: the independent, derivative-free reference every mode is checked against.
/// </summary>
public static class FiniteDifference
{
    /// <summary>A step scaled to x, so relative rounding error stays the same across magnitudes.</summary>
    public static double Step(double x) => 1e-3 * Math.Max(1.0, Math.Abs(x));

    /// <summary>f′(x) ≈ [f(x−2h) − 8f(x−h) + 8f(x+h) − f(x+2h)] / 12h, error O(h⁴).</summary>
    public static double First(Func<double, double> f, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        double h = Step(x);
        return (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h);
    }

    /// <summary>f″(x) ≈ [−f(x−2h) + 16f(x−h) − 30f(x) + 16f(x+h) − f(x+2h)] / 12h², error O(h⁴).</summary>
    public static double Second(Func<double, double> f, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        double h = Step(x);
        return (-f(x - 2 * h) + 16 * f(x - h) - 30 * f(x) + 16 * f(x + h) - f(x + 2 * h)) / (12 * h * h);
    }

    /// <summary>The gradient of f: ℝⁿ → ℝ, one five-point difference per coordinate.</summary>
    public static double[] Gradient(Func<double[], double> f, double[] x) =>
        f is null ? throw new ArgumentNullException(nameof(f))
        : x is null ? throw new ArgumentNullException(nameof(x))
        : Enumerable.Range(0, x.Length).Select(i => First(t => f(With(x, i, t)), x[i])).ToArray();

    /// <summary>x with its i-th coordinate replaced by t (a copy).</summary>
    public static double[] With(double[] x, int i, double t)
    {
        ArgumentNullException.ThrowIfNull(x);
        var copy = (double[])x.Clone();
        copy[i] = t;
        return copy;
    }

    /// <summary>
    /// d/dt g(t) at t = 0 for a vector-valued g, by the five-point difference [g(−2h) − 8g(−h) + 8g(h) − g(2h)]/12h
    /// with h = 10⁻³ (error O(h⁴), as <see cref="First"/>).
    /// </summary>
    public static double[] Directional(Func<double, double[]> g)
    {
        ArgumentNullException.ThrowIfNull(g);
        const double h = 1e-3;
        double[] m2 = g(-2 * h), m1 = g(-h), p1 = g(h), p2 = g(2 * h);
        return [.. Enumerable.Range(0, m2.Length).Select(k => (m2[k] - 8 * m1[k] + 8 * p1[k] - p2[k]) / (12 * h))];
    }
}
