using System.Numerics;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Theory;

/// <summary>Section 23 (PhD 6): gradient flow by Dormand–Prince 5(4) and its implicit bias to the minimum-norm solution.</summary>
internal static class GradientFlowBias
{
    // L(θ) = ½‖Aθ − b‖², A = [[1, 1, 0], [0, 1, 1]], b = (1, 2): two equations in three unknowns.
    private static T Loss<T>(ReadOnlySpan<T> theta) where T : IFloatingPointIeee754<T>
    {
        T r1 = theta[0] + theta[1] - T.One, r2 = theta[1] + theta[2] - T.CreateChecked(2);
        return (r1 * r1 + r2 * r2) / T.CreateChecked(2);
    }

    // The closed-form flow from 0: θ(t) = Aᵀ(AAᵀ)⁻¹(I − e^{−AAᵀt})b = Aᵀy, y = ½(e^{−t} − e^{−3t}, 2 − e^{−3t} − e^{−t}).
    private static double[] Exact(double t)
    {
        double y1 = (Math.Exp(-t) - Math.Exp(-3 * t)) / 2, y2 = (2 - Math.Exp(-3 * t) - Math.Exp(-t)) / 2;
        return [y1, y1 + y2, y2];
    }

    private const double FlowTolerance = 1e-8;

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("23. Gradient flow and implicit bias (PhD 6)",
            "dθ/dt = −∇L(θ)ᵀ for L(θ) = ½‖Aθ − b‖², A = [[1, 1, 0], [0, 1, 1]], b = (1, 2), from θ(0) = 0. GradientFlow.Integrate: Dormand–Prince 5(4)",
            "with step control (local error ≤ 10⁻¹⁰·(1 + |θᵢ|)); closed form θ(t) = Aᵀ(AAᵀ)⁻¹(I − e^{−AAᵀt})b. Every solution of Aθ = b is (t, 1 − t, 1 + t);",
            $"the flow picks the one of least norm, A⁺b = Aᵀ(AAᵀ)⁻¹b = (0, 1, 1). Tolerance on the path: {Sci(FlowTolerance)} (the integrator's global error).");
        FlowPath<double> path = GradientFlow.Integrate<double>(Loss, [0.0, 0.0, 0.0], 30.0, 1e-10);
        var table = new Table(1, "t", "θ(t) by the integrator", "closed form", "L(θ(t))", "max. abs. diff");
        bool decreasing = true;
        for (int k = 1; k < path.Losses.Count; k++)
            decreasing &= path.Losses[k] <= path.Losses[k - 1] + 1e-15 * path.Losses[0];
        int shown = 0;
        for (int k = 0; k < path.Times.Count; k++)
        {
            double t = path.Times[k];
            if (k != path.Times.Count - 1 && !(t >= 0.5 * Math.Pow(2, shown) - 0.5))
                continue;
            shown++;
            double[] exact = Exact(t);
            double difference = path.Points[k].Zip(exact, (a, b) => Math.Abs(a - b)).Max();
            table.Row([Short(Math.Round(t, 4)), Vector(path.Points[k]), Vector(exact), Sci(path.Losses[k]), Sci(log.Record(difference, FlowTolerance))]);
        }
        table.Print();
        Console.WriteLine($"  {path.Steps} accepted steps ({path.Rejected} rejected), 7 gradients each with the last reused.");
        Console.WriteLine($"  The loss never increases (by more than 10⁻¹⁵·L(0), rounding once L is below the integrator's error): {decreasing}.");
        log.Record(decreasing ? 0 : 1, Comparison.Exact);

        double[] minimumNorm = [0, 1, 1];
        double[] descent = GradientDescent.Run<double>(Loss, [0.0, 0.0, 0.0], 1.0 / 3, 0.0, 60).Final;
        var ends = new Table(1, "", "θ₁", "θ₂", "θ₃", "‖θ‖₂", "max. abs. diff to A⁺b");
        ends.Row(["gradient flow, t = 30", .. path.Final.Select(Num), Num(Norm(path.Final)), Sci(log.Record(MaxDifference(path.Final, minimumNorm), FlowTolerance))]);
        ends.Row(["gradient descent, η = 1/3, 60 steps", .. descent.Select(Num), Num(Norm(descent)), Sci(log.Record(MaxDifference(descent, minimumNorm), Comparison.Converged))]);
        ends.Row(["A⁺b (closed form)", .. minimumNorm.Select(Num), Num(Norm(minimumNorm)), ""]);
        ends.Row(["another solution, (1, 0, 2)", Num(1), Num(0), Num(2), Num(Math.Sqrt(5)), ""]);
        ends.Print();
        double[][] iterates = [.. Enumerable.Range(0, 37).Select(steps => steps == 0 ? new double[3] : GradientDescent.Run<double>(Loss, [0.0, 0.0, 0.0], 1.0 / 3, 0.0, steps).Final)];
        Console.WriteLine($"  Picture: {TheoryPictures.FlowPath(path, iterates, 1.0 / 3, minimumNorm, "gradient-flow.png")}");
        return log.Comparisons;
    }

    private static double Norm(double[] v) => Math.Sqrt(v.Sum(x => x * x));

    private static double MaxDifference(double[] a, double[] b) => a.Zip(b, (p, q) => Math.Abs(p - q)).Max();
}
