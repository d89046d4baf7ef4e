using System.Globalization;

namespace Autodiff.Testing;

/// <summary>
/// One comparison of a check: which (<see cref="Check"/>, e.g. "forward vs differences"), where (<see cref="Index"/>,
/// e.g. <c>[2]</c> or <c>[1, 0]</c>), the value by automatic differentiation, the reference it is held to, the error
/// |value − reference| and the error allowed by the <see cref="Tolerances"/>.
/// </summary>
public sealed record GradCheckEntry(string Check, string Index, double Value, double Reference, double Error, double Allowed)
{
    /// <summary>The error is within the allowed one (a NaN anywhere fails).</summary>
    public bool Passed => Error <= Allowed;

    /// <summary>Error / allowed: above 1 fails; +∞ for a NaN or an error where nothing is allowed.</summary>
    public double Ratio => double.IsNaN(Error) ? double.PositiveInfinity : Error == 0 ? 0 : Error / Allowed;

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{(Passed ? "ok  " : "FAIL")} {Check,-32} {Index,-10} AD {Value,-24:R} reference {Reference,-24:R} error {Error:E2} (allowed {Allowed:E2})");
}
