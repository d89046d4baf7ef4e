using System.Numerics;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Reverse;

/// <summary>Section 11: one VJP, a reusable pullback (the transpose of the JVP), and gradient checkpointing.</summary>
internal static class VectorJacobianProducts
{
    // f: ℝ³ → ℝ², f(x) = (x₁x₂ + sin(x₃), x₁ exp(x₃) − x₂²).
    private static T[] F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        [x[0] * x[1] + T.Sin(x[2]), x[0] * T.Exp(x[2]) - x[1] * x[1]];

    // One layer f_i = tanh(A f_(i−1) + b) of the chain f_K = (f_K ∘ … ∘ f_1)(x), and the loss L = ℓ(f_K) = ‖f_K‖².
    // A is a scaled rotation, so that the gradient through 100 layers neither vanishes nor explodes.
    private static readonly double[,] A = { { 1.0, -0.7 }, { 0.7, 1.0 } };
    private static readonly double[] B = [0.1, -0.2];
    private const int Layers = 100, SegmentLength = 10;

    private static T[] Segment<T>(ReadOnlySpan<T> f) where T : IFloatingPointIeee754<T>
    {
        T[] next = f.ToArray();
        for (int layer = 0; layer < SegmentLength; layer++)
        {
            T[] previous = next;
            next = new T[B.Length];
            for (int i = 0; i < B.Length; i++)
            {
                T z = T.CreateChecked(B[i]);
                for (int j = 0; j < previous.Length; j++)
                    z += T.CreateChecked(A[i, j]) * previous[j];
                next[i] = T.Tanh(z);
            }
        }
        return next;
    }

    private static T Loss<T>(T[] f) where T : IFloatingPointIeee754<T> => f[0] * f[0] + f[1] * f[1];

    private static T Chain<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T[] f = x.ToArray();
        for (int s = 0; s < Layers / SegmentLength; s++)
            f = Segment<T>(f);
        return Loss(f);
    }

    // The same chain, each segment of layers checkpointed: only the segments' inputs and outputs are recorded.
    private static Tracked<double> CheckpointedChain(ReadOnlySpan<Tracked<double>> x)
    {
        Tracked<double>[] f = x.ToArray();
        for (int s = 0; s < Layers / SegmentLength; s++)
            f = Autodiff.Reverse.Checkpoint<double>(Segment, f);
        return Loss(f);
    }

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        double[] x = [0.3, -1.2, 2.0];
        Heading("11. Vector-Jacobian products and checkpointing",
            "Reverse (VJP): ū ↦ ūᵀJ_f, \"one row of J\";  forward (JVP): v ↦ J_f v, \"one column of J\".",
            "f(x) = (x₁x₂ + sin(x₃), x₁ exp(x₃) − x₂²): ℝ³ → ℝ²,  J = [[x₂, x₁, cos(x₃)], [exp(x₃), −2x₂, x₁ exp(x₃)]]",
            $"AD: one Reverse.Vjp at x = {Point(x)} gives f(x) and the pullback; every product below reuses it.");
        (_, Pullback<double> pullback) = Autodiff.Reverse.Vjp<double>(F, x);
        int calls = 0;
        double[] Pull(double[] u)
        {
            calls++;
            return pullback.Invoke(u);
        }

        Console.WriteLine("  Rows of J by the pullback at ū = e₁, e₂, beside Forward.Jacobian (column by column).");
        double[][] rows = [Pull([1.0, 0.0]), Pull([0.0, 1.0])];
        log.CompareMatrices(ToMatrix(rows), Autodiff.Forward.Jacobian(F, x), "Forward.Jacobian");

        Console.WriteLine("  ⟨ū, Jv⟩ = ⟨Jᵀū, v⟩: the pullback is the transpose of the JVP (Jv by Forward.Jvp).");
        var table = new Table(2, "ū", "v", "⟨ū, Jv⟩", "⟨Jᵀū, v⟩", "rel. diff");
        foreach ((double[] u, double[] v) in new[] { (new[] { 1.0, 1.0 }, new[] { 1.0, 0.0, 0.0 }),
                     ([0.5, -2.0], [0.3, 1.0, -1.0]), ([-1.0, 3.0], [2.0, -0.5, 0.25]) })
        {
            double forward = Dot(u, Autodiff.Forward.Jvp(F, x, v).Tangent), reverse = Dot(Pull(u), v);
            table.Row([Point(u), Point(v), .. log.Compare(reverse, forward)]);
        }
        table.Print();
        Console.WriteLine($"  The one forward pass recorded {Num(pullback.OperationCount)} operations "
            + "(Pullback.OperationCount); the pullback");
        Console.WriteLine($"  was called {Num(calls)} times, one backward sweep over that record each.");
        Console.WriteLine();

        Checkpointing(log);
        return log.Comparisons;
    }

    private static void Checkpointing(ComparisonLog log)
    {
        double[] x = [0.5, -0.3];
        Console.WriteLine($"  Checkpointing: f_K = (f_K ∘ … ∘ f_1)(x), f_i = tanh(A f_(i−1) + b), K = {Num(Layers)}, "
            + $"L = ‖f_K‖², x = {Point(x)}.");
        Console.WriteLine("  dL/df_(i−1) = dL/df_i J_i: the backward sweep, a chain of VJPs; J_i needs f_(i−1).");
        Console.WriteLine($"  Reverse.Checkpoint around each segment of {Num(SegmentLength)} layers records only "
            + "its inputs and outputs,");
        Console.WriteLine("  and recomputes it when the sweep reaches it: less memory, more time, the same gradient.");
        (_, Pullback<double> plain) = Autodiff.Reverse.Vjp<double>(Chain, x);
        (_, Pullback<double> checkpointed) = Autodiff.Reverse.Vjp<double>(CheckpointedChain, x);
        double[] forward = Autodiff.Forward.Gradient(Chain, x);
        double[] reverse = plain.Invoke([1.0]), saved = checkpointed.Invoke([1.0]);

        var table = new Table(1, "", "Forward.Gradient", "reverse", "checkpointed", "max rel. diff");
        for (int j = 0; j < x.Length; j++)
        {
            double difference = Math.Max(
                log.Record(Comparison.RelativeDifference(reverse[j], forward[j]), Comparison.Exact),
                log.Record(Comparison.RelativeDifference(saved[j], reverse[j]), Comparison.Exact));
            table.Row([$"∂L/∂x{Subscript(j)}", Num(forward[j]), Num(reverse[j]), Num(saved[j]), Sci(difference)]);
        }
        table.Row(["operations recorded", "", Num(plain.OperationCount), Num(checkpointed.OperationCount), ""]);
        table.Print();
    }

    private static double[,] ToMatrix(double[][] rows)
    {
        var m = new double[rows.Length, rows[0].Length];
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < rows[i].Length; j++)
                m[i, j] = rows[i][j];
        return m;
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (p, q) => p * q).Sum();
}
