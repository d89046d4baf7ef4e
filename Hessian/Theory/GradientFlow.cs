using System.Numerics;
using LanguageExt;

namespace Autodiff;

/// <summary>
/// Gradient flow (the seeds' PhD 6), the continuous-time limit of gradient descent: dθ(t)/dt = −∇θL(θ(t))ᵀ, integrated
/// by the Dormand–Prince 5(4) Runge–Kutta pair (the method of MATLAB's ode45 and SciPy's RK45): seven stages per step,
/// the last reused as the first of the next (first same as last), the fifth-order solution propagated, and the
/// difference from the embedded fourth-order one as the local error estimate that controls the step size h.
/// Every stage is one reverse gradient of L.
/// </summary>
/// <remarks>
/// Along the flow dL/dt = −‖∇L‖² ≤ 0, so the loss never increases. For underdetermined least squares
/// L(θ) = ½‖Aθ − b‖² started at θ(0) = 0, θ(t) stays in the row space of A and converges to the minimum-norm
/// solution Aᵀ(AAᵀ)⁻¹b = A⁺b — the implicit bias of gradient methods.
/// </remarks>
public static class GradientFlow
{
    // The Dormand–Prince tableau: the stage weights a (row s: the weights of stages 0 … s − 1 in stage s; the last row
    // is the fifth-order weights b) and the error weights e = b − b̂ (b̂ the embedded fourth-order weights). The nodes c
    // are not needed: the flow is autonomous. Built per integration, not in static fields, whose mutants Stryker can
    // only run against every test.
    private static double[][] StageWeights() =>
    [
        [],
        [1.0 / 5],
        [3.0 / 40, 9.0 / 40],
        [44.0 / 45, -56.0 / 15, 32.0 / 9],
        [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729],
        [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656],
        [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84],
    ];

    private static double[] ErrorWeights() => [71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40];

    /// <summary>
    /// θ(t) for t ∈ [0, T] with dθ/dt = −∇L(θ)ᵀ, θ(0) = θ₀: every accepted step of Dormand–Prince 5(4), whose local
    /// error estimate is kept below tol·(1 + |θᵢ|) in the root-mean-square over the coordinates.
    /// </summary>
    /// <param name="loss">L(θ).</param>
    /// <param name="start">θ₀ (finite).</param>
    /// <param name="endTime">T &gt; 0, finite.</param>
    /// <param name="tolerance">The relative and absolute local error tolerance, in (0, 1).</param>
    /// <param name="maxSteps">The most steps (accepted or rejected) to take; the path stops early if they run out.</param>
    /// <exception cref="ArgumentException">loss is null, θ₀ is empty or not finite, T or the tolerance is out of its
    /// range, or maxSteps is not positive.</exception>
    public static FlowPath<T> Integrate<T>(ScalarFunction<Tracked<T>> loss, ReadOnlySpan<T> start, T endTime, T tolerance, int maxSteps = 100_000)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(loss);
        GradientDescent.RequireFiniteStart(start, nameof(start));
        if (!(endTime > T.Zero && T.IsFinite(endTime)))
            throw new ArgumentOutOfRangeException(nameof(endTime), endTime, "The end time T must be positive and finite.");
        if (!(tolerance > T.Zero && tolerance < T.One))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must lie in (0, 1).");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSteps);

        int n = start.Length;
        double[][] a = StageWeights();
        double[] e = ErrorWeights();
        T[] theta = start.ToArray();
        var stages = new T[7][];
        for (int s = 0; s < 7; s++)
            stages[s] = new T[n];
        var trial = new T[n];
        (T value, T[] gradient) = Reverse.ValueAndGrad(loss, theta);
        Negate(gradient, stages[0]);
        var times = new List<T> { T.Zero };
        var points = new List<T[]> { (T[])theta.Clone() };
        var losses = new List<T> { value };
        T t = T.Zero, h = InitialStep(theta, stages[0], endTime, tolerance);
        int rejected = 0;
        for (int attempt = 0; attempt < maxSteps && t < endTime; attempt++)
        {
            bool last = t + h >= endTime;
            if (last)
                h = endTime - t;
            for (int s = 1; s < 7; s++)
            {
                Combine(theta, h, a[s], stages, trial);
                (value, gradient) = Reverse.ValueAndGrad(loss, trial);
                Negate(gradient, stages[s]);
            }
            // trial holds the fifth-order solution θ + h Σ bₛkₛ (the seventh stage's point), value its loss.
            T error = T.Zero;
            for (int i = 0; i < n; i++)
            {
                T estimate = T.Zero;
                for (int s = 0; s < 7; s++)
                    estimate += T.CreateChecked(e[s]) * stages[s][i];
                T scale = tolerance * (T.One + T.Max(T.Abs(theta[i]), T.Abs(trial[i])));
                T ratio = h * estimate / scale;
                error += ratio * ratio;
            }
            error = T.Sqrt(error / T.CreateChecked(n));
            if (!T.IsFinite(error))
                throw new ArgumentException("The gradient of the loss is not finite along the flow.", nameof(loss));
            if (error <= T.One)
            {
                t = last ? endTime : t + h;
                (theta, trial) = (trial, theta);
                (stages[0], stages[6]) = (stages[6], stages[0]);
                times.Add(t);
                points.Add((T[])theta.Clone());
                losses.Add(value);
            }
            else
                rejected++;
            // h ← h · min(5, max(0.2, 0.9 err^{−1/5})).
            T factor = T.IsZero(error) ? T.CreateChecked(5) : T.CreateChecked(0.9) * T.Pow(error, T.CreateChecked(-0.2));
            h *= T.Clamp(factor, T.CreateChecked(0.2), T.CreateChecked(5));
        }
        return new FlowPath<T>(new Arr<T>(times), new Arr<T[]>(points), new Arr<T>(losses), rejected);
    }

    // destination ← −gradient.
    private static void Negate<T>(T[] gradient, T[] destination) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < gradient.Length; i++)
            destination[i] = -gradient[i];
    }

    // destination ← θ + h Σⱼ aⱼ kⱼ.
    private static void Combine<T>(T[] theta, T h, double[] a, T[][] stages, T[] destination) where T : IFloatingPointIeee754<T>
    {
        Array.Copy(theta, destination, theta.Length);
        for (int j = 0; j < a.Length; j++)
            if (a[j] != 0)
                Vectors.AddScaled<T>(destination, h * T.CreateChecked(a[j]), stages[j]);
    }

    // Hairer–Nørsett–Wanner's first guess: h = 0.01 · ‖θ‖/‖θ′‖ in the error's scaling (10⁻⁶ when either is tiny), at most T.
    private static T InitialStep<T>(T[] theta, T[] slope, T endTime, T tolerance) where T : IFloatingPointIeee754<T>
    {
        T d0 = T.Zero, d1 = T.Zero;
        for (int i = 0; i < theta.Length; i++)
        {
            T scale = tolerance * (T.One + T.Abs(theta[i]));
            d0 += theta[i] / scale * (theta[i] / scale);
            d1 += slope[i] / scale * (slope[i] / scale);
        }
        T tiny = T.CreateChecked(1e-10);
        T h = d0 < tiny || d1 < tiny ? T.CreateChecked(1e-6) : T.CreateChecked(0.01) * T.Sqrt(d0 / d1);
        return T.Min(h, endTime);
    }
}
