namespace Autodiff.Examples;

/// <summary>One AD result checked against a reference: their difference and the tolerance it must meet.</summary>
internal readonly record struct Comparison(double Difference, double Tolerance)
{
    // Tolerances on the relative difference: AD is exact up to rounding; the contour-integral reference, the
    // finite difference and finitely many gradient-descent steps are approximations; an iteration run to convergence
    // (Newton's) must land within 1e-10 of the minimiser.
    public const double Exact = 1e-12;
    public const double Contour = 1e-9;
    public const double Iterative = 1e-9;
    public const double Converged = 1e-10;
    public const double FiniteDifference = 1e-5;

    // A NaN difference is outside every tolerance.
    public bool Passed => Difference <= Tolerance;

    public bool AgainstExactForm => Tolerance == Exact;

    public static double RelativeDifference(double a, double b)
    {
        double scale = Math.Max(Math.Abs(a), Math.Abs(b));
        return scale == 0 ? 0 : Math.Abs(a - b) / scale;
    }
}
