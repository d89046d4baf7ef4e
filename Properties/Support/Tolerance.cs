namespace Autodiff.Properties.Support;

/// <summary>
/// Relative comparison: |a − b| ≤ rtol · max(|a|, |b|, floor). The floor (default 1) keeps a relative test
/// meaningful when the true value is near 0, where a finite difference's absolute error does not shrink with it.
/// </summary>
public static class Tolerance
{
    /// <summary>Exact modes (forward, hyper-dual, Taylor) compute the same expression in different orders of
    /// rounding: they must agree to a few hundred ulps.</summary>
    public const double Exact = 1e-11;

    /// <summary>A five-point central difference with h = 10⁻³ has truncation error O(h⁴) ≈ 10⁻¹² · f⁽⁵⁾ and
    /// rounding error ≈ 10⁻¹³ · |f|: 10⁻⁶ leaves room for the larger derivatives in the rule table's domains.</summary>
    public const double FirstDifference = 1e-6;

    /// <summary>Second derivatives by two exact modes: one more rounding-sensitive operation than first ones.</summary>
    public const double ExactSecond = 1e-9;

    /// <summary>The five-point second difference divides rounding error by h², ≈ 10⁻¹⁰ · |f|: 10⁻⁵.</summary>
    public const double SecondDifference = 1e-5;

    /// <summary>
    /// True when a and b agree to rtol relative to the larger magnitude (and the floor). Infinities and NaN agree only
    /// with themselves: relative to an infinite magnitude every finite number would be "close" (∞ ≤ rtol · ∞).
    /// </summary>
    public static bool Close(double a, double b, double rtol, double floor = 1.0) =>
        a.Equals(b) || double.IsFinite(a) && double.IsFinite(b) && Math.Abs(a - b) <= rtol * Math.Max(floor, Math.Max(Math.Abs(a), Math.Abs(b)));

    /// <summary>Asserts <see cref="Close"/> with a message naming both values.</summary>
    public static void AssertClose(double expected, double actual, double rtol, string what, double floor = 1.0)
    {
        if (!Close(expected, actual, rtol, floor))
            throw new Xunit.Sdk.XunitException(
                $"{what}: expected {expected:R}, got {actual:R} (relative difference {Math.Abs(expected - actual) / Math.Max(floor, Math.Max(Math.Abs(expected), Math.Abs(actual))):E2} > {rtol:E0})");
    }
}
