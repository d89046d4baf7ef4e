namespace Autodiff.Testing;

/// <summary>
/// How far a derivative may lie from its reference: |AD − reference| ≤ <see cref="Absolute"/> +
/// <see cref="Relative"/> · |reference| (NumPy's <c>allclose</c>). The defaults, 10⁻⁶ and 10⁻⁶, suit smooth functions
/// of moderate size in double precision: exact modes agree to ≈ 10⁻¹³, the Richardson-extrapolated differences to
/// ≈ 10⁻¹⁰.
/// </summary>
public sealed record Tolerances
{
    /// <summary>The tolerances rtol and atol.</summary>
    /// <exception cref="ArgumentException">A tolerance is negative, NaN or infinite.</exception>
    public Tolerances(double relative = 1e-6, double absolute = 1e-6)
    {
        Relative = Check(relative, nameof(relative));
        Absolute = Check(absolute, nameof(absolute));
    }

    /// <summary>The default tolerances, rtol = atol = 10⁻⁶.</summary>
    public static Tolerances Default { get; } = new();

    /// <summary>rtol, the error allowed per unit of |reference|.</summary>
    public double Relative { get; }

    /// <summary>atol, the error allowed near a reference of 0.</summary>
    public double Absolute { get; }

    /// <summary>
    /// atol + rtol · |reference|, the error allowed against that reference; none against an infinite one (which only
    /// the same infinity matches: rtol · ∞ would allow every finite value).
    /// </summary>
    public double Allowed(double reference) => double.IsInfinity(reference) ? 0 : Absolute + Relative * Math.Abs(reference);

    /// <inheritdoc/>
    public override string ToString() => $"|AD − reference| ≤ {Absolute:G3} + {Relative:G3}·|reference|";

    private static double Check(double tolerance, string name) =>
        double.IsFinite(tolerance) && tolerance >= 0
            ? tolerance
            : throw new ArgumentException($"A tolerance must be finite and ≥ 0; {name} is {tolerance}.", name);
}
