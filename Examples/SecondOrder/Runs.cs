using LanguageExt;

namespace Autodiff.Examples.SecondOrder;

/// <summary>
/// The four optimisers of sections 13 and 14 on one surface, from its start: gradient descent without and with
/// momentum (<see cref="GradientDescent.Run{T}"/>), Newton (<see cref="Newton.Step{T}"/>) and Gauss–Newton
/// (<see cref="Newton.GaussNewtonStep{T}"/>).
/// </summary>
internal sealed record Runs(Trajectory<double> Plain, Trajectory<double> Momentum, SteppedRun Newton, SteppedRun GaussNewton)
{
    public static Runs On(Surface s) => new(
        GradientDescent.Run<double>(s.Loss, s.Start, s.LearningRate, 0.0, s.Iterations),
        GradientDescent.Run<double>(s.Loss, s.Start, s.LearningRate, s.Momentum, s.Iterations),
        SteppedRun.Iterate(s, x => Autodiff.Newton.Step<double>(s.Loss, x)),
        SteppedRun.Iterate(s, x => Autodiff.Newton.GaussNewtonStep<double>(s.Residuals, x)));

    // The first k with ‖x_k − x*‖ ≤ tolerance, or null if no iterate gets there.
    public static int? FirstWithin(Trajectory<double> path, double[] minimizer, double tolerance)
    {
        for (int k = 0; k < path.Points.Count; k++)
            if (Distance(path.Points[k], minimizer) <= tolerance)
                return k;
        return null;
    }

    public static double Distance(double[] a, double[] b) => Norm(a.Zip(b, (p, q) => p - q).ToArray());

    public static double Norm(double[] v) => Math.Sqrt(v.Sum(e => e * e));
}

/// <summary>
/// x_(k+1) = x_k + Δ_k until ‖Δ_k‖ ≤ 10⁻¹⁴ max(1, ‖x_k‖) or 50 steps: the iterates and their losses, and the failure
/// of the step that stopped the iteration early, if one failed (a singular system comes back as a failed Fin).
/// </summary>
internal sealed record SteppedRun(Trajectory<double> Path, string? Failure)
{
    private const int MaxSteps = 50;
    private const double Negligible = 1e-14;

    public static SteppedRun Iterate(Surface s, Func<double[], Fin<Arr<double>>> step)
    {
        List<double[]> points = [s.Start];
        string? failure = null;
        bool converged = false;
        while (!converged && failure is null && points.Count <= MaxSteps)
        {
            double[] x = points[^1];
            step(x).Map(d => d.ToArray()).Match(
                delta =>
                {
                    converged = Runs.Norm(delta) <= Negligible * Math.Max(1, Runs.Norm(x));
                    if (!converged)
                        points.Add(x.Zip(delta, (a, d) => a + d).ToArray());
                },
                error => failure = error.Message);
        }
        double[] losses = points.Select(p => s.Loss<double>(p)).ToArray();
        return new(new Trajectory<double>(new Arr<double[]>(points), new Arr<double>(losses)), failure);
    }
}
