using System.Numerics;

namespace Autodiff;

/// <summary>
/// The type of a stationary point (∇f = 0), read from the signs of the Hessian's eigenvalues, or
/// <see cref="NotStationary"/> for a point where the gradient does not vanish.
/// </summary>
public enum StationaryPointKind
{
    /// <summary>Every eigenvalue positive: a strict local minimum.</summary>
    Minimum,

    /// <summary>Every eigenvalue negative: a strict local maximum.</summary>
    Maximum,

    /// <summary>Eigenvalues of both signs: a saddle (the common case in high dimensions).</summary>
    Saddle,

    /// <summary>A zero eigenvalue (within tolerance): the second-order test cannot decide.</summary>
    Degenerate,

    /// <summary>‖∇f(x)‖ exceeds the tolerance: x is not a stationary point, so the second-order test does not apply.</summary>
    NotStationary,
}

/// <summary>Classifies stationary points by the second-order test.</summary>
public static class StationaryPoint
{
    /// <summary>
    /// The type of the point x of f. If ‖∇f(x)‖₂ &gt; tolerance (an absolute test: the gradient has no natural
    /// scale), x is <see cref="StationaryPointKind.NotStationary"/>. Otherwise the second-order test on the
    /// eigenvalues of ∇²f(x): all positive, a minimum; all negative, a maximum; mixed, a saddle; any
    /// |λ| ≤ tolerance · max|λ| (a relative test), degenerate. The tolerance is a plain number for every T; the default
    /// suits <c>double</c>: on <c>float</c> (ε ≈ 1.2·10⁻⁷) pass about 10⁻⁵.
    /// </summary>
    /// <exception cref="ArgumentException">f is null, x is empty, or tolerance is negative, NaN or infinite.</exception>
    public static StationaryPointKind Classify<T>(ScalarFunction<Tracked<Dual<T>>> f, ReadOnlySpan<T> x, double tolerance = 1e-10)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Require.NotEmpty(x, nameof(x));
        if (!(tolerance >= 0 && double.IsFinite(tolerance)))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be finite and non-negative.");
        (T[] gradient, T[,] hessian) = Newton.GradientAndHessian(f, x);
        T squaredNorm = T.Zero;
        foreach (T g in gradient)
            squaredNorm += g * g;
        // Compare squares (no square root); NaN in the gradient fails the test too.
        T gradientTolerance = T.CreateChecked(tolerance);
        if (!(squaredNorm <= gradientTolerance * gradientTolerance))
            return StationaryPointKind.NotStationary;
        T[] eigenvalues = SymmetricEigen.Values(hessian);
        T scale = T.Max(T.Abs(eigenvalues[0]), T.Abs(eigenvalues[^1]));
        T threshold = T.CreateChecked(tolerance) * scale;
        if (T.IsZero(scale) || eigenvalues.Any(l => T.Abs(l) <= threshold))
            return StationaryPointKind.Degenerate;
        // Stryker disable once Equality : a zero eigenvalue was classified degenerate above (|0| ≤ threshold), so > 0 and ≥ 0 agree here, as do < 0 and ≤ 0.
        return eigenvalues[0] > T.Zero ? StationaryPointKind.Minimum
            : eigenvalues[^1] < T.Zero ? StationaryPointKind.Maximum
            : StationaryPointKind.Saddle;
    }
}
