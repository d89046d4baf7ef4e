namespace Autodiff.Testing;

/// <summary>
/// Step-size-controlled derivatives, the reference of the checks: five-point central differences D(h) (error
/// C h⁴ + O(h⁶)) at the steps hₖ = h₀/2ᵏ, k = 0 … <see cref="Steps"/> − 1, with h₀ = 0.1 · max(1, |t|), combined
/// pairwise by Richardson extrapolation, Rₖ = [16 D(hₖ₊₁) − D(hₖ)]/15 (error O(h⁶)). Each entry takes the Rₖ that
/// agrees best with its neighbour Rₖ₋₁: large enough steps to keep rounding (≈ ε|f|/h) small, small enough ones to
/// have converged. Steps whose stencil leaves the function's domain (non-finite values) are skipped.
/// </summary>
public static class Richardson
{
    /// <summary>The number of steps tried, halving each time: h₀ = 0.1 down to h₀/128 ≈ 8·10⁻⁴ (relative to |t|).</summary>
    public const int Steps = 8;

    /// <summary>d/dt g(t) for a vector-valued g, entry by entry, with each entry's error estimate |Rₖ − Rₖ₋₁|.</summary>
    /// <exception cref="ArgumentException">g is null or returns null or outputs of different lengths at different t, or
    /// t is not finite.</exception>
    public static (double[] Estimate, double[] Error) Derivative(Func<double, double[]> g, double t)
    {
        ArgumentNullException.ThrowIfNull(g);
        Arguments.Finite(t, nameof(t));
        double h0 = 0.1 * Math.Max(1, Math.Abs(t));
        var d = new double[Steps][];
        int m = -1;
        for (int k = 0; k < Steps; k++)
        {
            double h = h0 / (1 << k);
            double[] m2 = Call(g, t - 2 * h, ref m), m1 = Call(g, t - h, ref m), p1 = Call(g, t + h, ref m), p2 = Call(g, t + 2 * h, ref m);
            d[k] = [.. Enumerable.Range(0, m).Select(i => (m2[i] - 8 * m1[i] + 8 * p1[i] - p2[i]) / (12 * h))];
        }
        var estimate = new double[m];
        var error = new double[m];
        for (int i = 0; i < m; i++)
        {
            (estimate[i], error[i]) = (double.NaN, double.PositiveInfinity);
            double previous = double.NaN;   // R₀ has no neighbour below it: it is only compared with R₁
            for (int k = 0; k < Steps - 1; k++)
            {
                double current = (16 * d[k + 1][i] - d[k][i]) / 15;
                double change = Math.Abs(current - previous);
                // Stryker disable once Logical,Equality : where an R is not finite the change is NaN or ∞, never below the
                // error; on an exact tie (< or ≤) both Rₖ agree as well with their neighbours, and either serves.
                if (double.IsFinite(current) && double.IsFinite(previous) && change < error[i])
                    (estimate[i], error[i]) = (current, change);
                previous = current;
            }
        }
        return (estimate, error);
    }

    /// <summary>f′(t) with its error estimate (see <see cref="Derivative(Func{double, double[]}, double)"/>).</summary>
    /// <exception cref="ArgumentException">f is null, or t is not finite.</exception>
    public static (double Estimate, double Error) Derivative(Func<double, double> f, double t)
    {
        ArgumentNullException.ThrowIfNull(f);
        (double[] estimate, double[] error) = Derivative(s => [f(s)], t);
        return (estimate[0], error[0]);
    }

    /// <summary>The m×n Jacobian ∂gᵢ/∂xⱼ of g: ℝⁿ → ℝᵐ at x, one <see cref="Derivative(Func{double, double[]}, double)"/>
    /// per column.</summary>
    /// <exception cref="ArgumentException">g is null or returns null or outputs of varying length, or x is null, empty
    /// or not finite.</exception>
    public static double[,] Jacobian(Func<double[], double[]> g, double[] x)
    {
        ArgumentNullException.ThrowIfNull(g);
        Arguments.Vector(x, nameof(x));
        double[][] columns = [.. Enumerable.Range(0, x.Length).Select(j => Derivative(t => g(FiniteDifference.With(x, j, t)), x[j]).Estimate)];
        var jacobian = new double[columns[0].Length, x.Length];
        for (int j = 0; j < x.Length; j++)
        {
            if (columns[j].Length != columns[0].Length)
                throw new ArgumentException("The function returned outputs of different lengths.", nameof(g));
            for (int i = 0; i < columns[j].Length; i++)
                jacobian[i, j] = columns[j][i];
        }
        return jacobian;
    }

    // g(t), checked to be an array of the same length as before (m < 0: the first call sets it).
    private static double[] Call(Func<double, double[]> g, double t, ref int m)
    {
        double[] y = g(t) ?? throw new ArgumentException("The function returned null.", nameof(g));
        if (m >= 0 && y.Length != m)
            throw new ArgumentException($"The function returned {y.Length} outputs after {m}; it must return the same number.", nameof(g));
        m = y.Length;
        return y;
    }
}
