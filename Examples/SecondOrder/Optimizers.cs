using LanguageExt;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.SecondOrder;

/// <summary>Section 13: Newton and Gauss–Newton against gradient descent without and with momentum.</summary>
internal static class Optimizers
{
    private const double Near = 1e-6;

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("13. Newton's method against gradient descent",
            "Gradient descent: v ← μv − η∇f(x)ᵀ, x ← x + v (GradientDescent.Run, ∇f by reverse mode; μ = 0: plain descent).",
            "Newton: x ← x + Δ*,  Δ* = −∇²f(x)⁻¹∇f(x)ᵀ, the minimiser of the model f + ∇f Δ + ½ Δᵀ∇²f Δ; Newton.Step",
            "solves ∇²f Δ = −∇fᵀ (∇f, ∇²f from n forward-over-reverse passes) and returns a failed Fin if ∇²f is singular.",
            "Gauss–Newton: f = ½‖r‖², J = dr/dx, ∇f = rᵀJ, ∇²f ≈ JᵀJ: Newton.GaussNewtonStep solves JᵀJ Δ = −Jᵀr.",
            "Newton and Gauss–Newton stop when ‖Δ‖ ≤ 1e-14·max(1, ‖x‖); gradient descent runs a fixed number of steps.");
        Runs rosenbrock = Runs.On(Surface.Rosenbrock);
        Compare(log, Surface.Rosenbrock, rosenbrock);
        Compare(log, Surface.Ravine, Runs.On(Surface.Ravine));
        NewtonIterates(Surface.Rosenbrock, rosenbrock.Newton.Path);
        SingularHessian(log);
        return log.Comparisons;
    }

    private static void Compare(ComparisonLog log, Surface s, Runs runs)
    {
        Console.WriteLine($"  {s.Name}: {s.Formula},  x* = {Point(s.Minimizer)},  x₀ = {Point(s.Start)}");
        var table = new Table(1, "method", "η", "μ", "iterations K", "x_K", "f(x_K)", "‖x_K − x*‖",
            "k: ‖x_k − x*‖ ≤ 1e-6");
        table.Row(Row("gradient descent", Short(s.LearningRate), "0", runs.Plain));
        table.Row(Row("  with momentum", Short(s.LearningRate), Short(s.Momentum), runs.Momentum));
        (string Name, SteppedRun Run)[] stepped = [("Newton", runs.Newton), ("Gauss–Newton", runs.GaussNewton)];
        foreach ((string name, SteppedRun run) in stepped)
        {
            table.Row(Row(name, "", "", run.Path));
            double error = run.Failure is null ? Runs.Distance(run.Path.Final, s.Minimizer) : double.NaN;
            log.Record(error, Comparison.Converged);
        }
        table.Print();
        foreach ((string name, SteppedRun run) in stepped)
            if (run.Failure is not null)
                Console.WriteLine($"  {name} stopped at x = {Point(run.Path.Final)}: {run.Failure}");

        Console.WriteLine("  GradientDescent.Run beside the same recurrence written out with the hand-derived ∇f:");
        var check = new Table(2, "method", "", "x_K (Run)", "x_K (by hand)", "rel. diff");
        foreach ((string name, Trajectory<double> path, double momentum) in
                 new[] { ("gradient descent", runs.Plain, 0.0), ("  with momentum", runs.Momentum, s.Momentum) })
        {
            double[] byHand = Descend(s, momentum);
            for (int j = 0; j < byHand.Length; j++)
                check.Row([j == 0 ? name : "", $"x{Subscript(j)}", .. log.Compare(path.Final[j], byHand[j])]);
        }
        check.Print();

        string[] Row(string name, string eta, string mu, Trajectory<double> path) =>
        [
            name, eta, mu, Num(path.Points.Count - 1), Vector(path.Final), Sci(path.Losses[^1]),
            Sci(Runs.Distance(path.Final, s.Minimizer)),
            Runs.FirstWithin(path, s.Minimizer, Near) is { } k ? Num(k) : "—",
        ];
    }

    // v ← μv − η∇f(x)ᵀ, x ← x + v, with ∇f by hand, on doubles.
    private static double[] Descend(Surface s, double momentum)
    {
        double[] x = (double[])s.Start.Clone(), v = new double[x.Length];
        for (int k = 0; k < s.Iterations; k++)
        {
            double[] gradient = s.ClosedFormGradient(x);
            for (int j = 0; j < x.Length; j++)
            {
                v[j] = momentum * v[j] - s.LearningRate * gradient[j];
                x[j] += v[j];
            }
        }
        return x;
    }

    // Newton's iterates on Rosenbrock: the error roughly squares once it is small.
    private static void NewtonIterates(Surface s, Trajectory<double> path)
    {
        Console.WriteLine($"  Newton's iterates on {s.Name} (the loss need not decrease: pure Newton has no line search).");
        var table = new Table(1, "k", "x_k", "f(x_k)", "‖x_k − x*‖");
        for (int k = 0; k < path.Points.Count; k++)
            table.Row([Num(k), Vector(path.Points[k]), Sci(path.Losses[k]), Sci(Runs.Distance(path.Points[k], s.Minimizer))]);
        table.Print();
    }

    // At (0, 0.005), ∇²f = [[2 − 400(y − x²) + 800x², −400x], [−400x, 200]] = [[0, 0], [0, 200]]: no Newton step.
    private static void SingularHessian(ComparisonLog log)
    {
        double[] x = [0.0, 0.005];
        Fin<Arr<double>> step = Autodiff.Newton.Step<double>(Surface.Rosenbrock.Loss, x);
        log.Record(step.IsFail ? 0 : 1, Comparison.Exact);
        string outcome = step.ToString(); // a Fin of an Arr prints its contents: Succ([…]) or Fail(message)
        Console.WriteLine($"  Newton.Step on Rosenbrock at {Point(x)}, where ∇²f = [[0, 0], [0, 200]] is singular:");
        Console.WriteLine($"    {outcome}");
        Console.WriteLine();
    }
}
