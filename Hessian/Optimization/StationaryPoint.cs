using System.Numerics;

namespace Autodiff;

/// <summary>The type of a stationary point (∇f = 0), read from the signs of the Hessian's eigenvalues.</summary>
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
}

/// <summary>Classifies stationary points by the second-order test.</summary>
public static class StationaryPoint
{
    /// <summary>
    /// The type of the stationary point x of f from the eigenvalues of ∇²f(x): all positive, a minimum; all negative,
    /// a maximum; mixed, a saddle; any |λ| ≤ tolerance · max|λ|, degenerate. It does not check that ∇f(x) = 0.
    /// </summary>
    /// <exception cref="ArgumentException">x is empty.</exception>
    public static StationaryPointKind Classify<T>(ScalarFunction<Tracked<Dual<T>>> f, ReadOnlySpan<T> x, double tolerance = 1e-10)
        where T : IFloatingPointIeee754<T>
    {
        T[] eigenvalues = SymmetricEigen.Values(Newton.GradientAndHessian(f, x).Hessian);
        T scale = T.Max(T.Abs(eigenvalues[0]), T.Abs(eigenvalues[^1]));
        T threshold = T.CreateChecked(tolerance) * scale;
        if (T.IsZero(scale) || eigenvalues.Any(l => T.Abs(l) <= threshold))
            return StationaryPointKind.Degenerate;
        return eigenvalues[0] > T.Zero ? StationaryPointKind.Minimum
            : eigenvalues[^1] < T.Zero ? StationaryPointKind.Maximum
            : StationaryPointKind.Saddle;
    }
}
