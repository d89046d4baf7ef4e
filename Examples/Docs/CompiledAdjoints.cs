using System.Numerics;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Docs;

using Reverse = Autodiff.Reverse;

/// <summary>
/// The code of docs/compiled-adjoints.md, run beside closed forms: [Differentiable] methods whose adjoints the source
/// generator writes at compile time — the seeds' backprop example, extended Rosenbrock with its loop, a branch — and
/// <c>Reverse.Grad</c> running the generated code when handed the method group.
/// </summary>
internal static partial class CompiledAdjoints
{
    // ── The seeds' backpropagation example: the generator writes Backprop_Adjoint(x, ref x̄, ȳ). ──
    [Differentiable]
    public static T Backprop<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T c = x * x + T.Exp(x * x);
        return T.Sqrt(c) + T.Cos(c);
    }

    // ── Extended Rosenbrock with a loop: the generator writes Rosenbrock_Grad(x, gradient) and registers it. ──
    [Differentiable]
    public static T Rosenbrock<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero, hundred = T.CreateChecked(100);
        for (int i = 0; i + 1 < x.Length; i += 2)
        {
            T a = x[i + 1] - x[i] * x[i], b = T.One - x[i];
            sum += hundred * a * a + b * b;
        }
        return sum;
    }

    // ── A branch per iteration (the branch taken is recorded) and a value overwritten by every iteration (pushed). ──
    [Differentiable]
    public static T Huber<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero, product = T.One;
        for (int i = 0; i < x.Length; i++)
        {
            if (T.Abs(x[i]) <= T.One)
                sum += x[i] * x[i] / T.CreateChecked(2);
            else
                sum += T.Abs(x[i]) - T.CreateChecked(0.5);
            product = product * T.Cos(x[i]);
        }
        return sum + product;
    }

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("Compiled adjoints (docs/compiled-adjoints.md)",
            "[Differentiable] methods: the source generator writes their reverse sweep as plain C# on T at compile time",
            "(no tape), using the rule table's D1; Reverse.Grad handed the method group runs the generated code.");
        var table = new Table(1, "quantity", "compiled adjoint", "closed form", "rel. diff.");

        // f′(x) = (2x + 2x e^{x²}) (1/(2√c) − sin c), c = x² + e^{x²}.
        double x = 0.5, bar = 0;
        CompiledAdjoints.Backprop_Adjoint(x, ref bar, 1.0);
        double c = x * x + Math.Exp(x * x);
        table.Row(["backprop f′(0.5)", .. log.Compare(bar, (2 * x + 2 * x * Math.Exp(x * x)) * (1 / (2 * Math.Sqrt(c)) - Math.Sin(c)))]);

        double[] point = [1.5, -0.5, 0.25, 2, -1.2, 0.8];
        var gradient = new double[point.Length];
        CompiledAdjoints.Rosenbrock_Grad<double>(point, gradient);
        double[] viaReverse = Reverse.Grad<double>(CompiledAdjoints.Rosenbrock, point);
        for (int i = 0; i < point.Length; i += 2)
        {
            double a = point[i + 1] - point[i] * point[i];
            table.Row([$"Rosenbrock ∂f/∂x{i}", .. log.Compare(gradient[i], -400 * a * point[i] - 2 * (1 - point[i]))]);
            table.Row([$"Rosenbrock ∂f/∂x{i + 1}", .. log.Compare(gradient[i + 1], 200 * a)]);
        }
        table.Row(["Reverse.Grad(Rosenbrock, x)[0] runs it", .. log.Compare(viaReverse[0], gradient[0])]);

        double[] h = [0.4, -2.5, 1.5, -0.3];
        var huber = new double[h.Length];
        CompiledAdjoints.Huber_Grad<double>(h, huber);
        double product = h.Aggregate(1.0, (p, v) => p * Math.Cos(v));
        for (int i = 0; i < h.Length; i++)
        {
            double others = product / Math.Cos(h[i]);
            double expected = (Math.Abs(h[i]) <= 1 ? h[i] : Math.Sign(h[i])) - others * Math.Sin(h[i]);
            table.Row([$"Huber + Π cos ∂f/∂x{i}", .. log.Compare(huber[i], expected)]);
        }
        table.Print();
        return log.Comparisons;
    }
}
