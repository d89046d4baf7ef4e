using System.Numerics;
using System.Numerics.Tensors;
using Autodiff.Rules;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Docs;

using Forward = Autodiff.Forward;
using Reverse = Autodiff.Reverse;

/// <summary>
/// The code of docs/custom-rules.md, run beside closed forms: a scalar rule of your own, a reverse-mode primitive
/// declared by its VJP rule, and a tensor primitive with its JVP and VJP rules.
/// </summary>
internal static class CustomRules
{
    // ── 1. A scalar rule: f(x) = ln cosh x, f′(x) = tanh x. D1 is generic, so every mode derives from it. ──
    public readonly struct LogCosh : IUnaryRule
    {
        public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Log(T.Cosh(x));
        public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.Tanh(x);
    }

    // One generic function for every number type of the library (Dual, HyperDual, Taylor, MultiDual, Tracked, nestings).
    public static TSelf LogCoshOf<TSelf, T>(TSelf x)
        where TSelf : struct, IAutodiffNumber<TSelf, T> where T : IFloatingPointIeee754<T> =>
        TSelf.Lift(x, new LogCosh());

    // ── 2. A reverse-mode primitive: y = ‖x‖₂, declared by its forward function and its VJP rule ū ↦ ū x/‖x‖. ──
    public static Tracked<double> Norm(ReadOnlySpan<Tracked<double>> x) =>
        Reverse.Primitive(x, v => [Math.Sqrt(TensorPrimitives.SumOfSquares<double>(v))], NormVjp)[0];

    private static double[] NormVjp(ReadOnlySpan<double> u, ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var xBar = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
            xBar[i] = u[0] * x[i] / y[0];
        return xBar;
    }

    // ── 3. A tensor primitive: Y = X ⊙ X ⊙ X entrywise, Ẏ = 3X² ⊙ Ẋ, X̄ += 3X² ⊙ Ȳ. ──
    public readonly struct Cube : ITensorRule<double>
    {
        public (double[] Entries, Shape Shape) Value(ReadOnlySpan<TensorVar<double>> inputs)
        {
            ReadOnlySpan<double> x = inputs[0].Values;
            var y = new double[x.Length];
            TensorPrimitives.Multiply(x, x, y);
            TensorPrimitives.Multiply(y, x, y);
            return (y, inputs[0].Shape);
        }

        public void Jvp(ReadOnlySpan<TensorVar<double>> inputs, ReadOnlySpan<double> output, int input,
            ReadOnlySpan<double> tangent, Span<double> outputTangent) =>
            AddThreeXSquaredTimes(inputs[0].Values, tangent, outputTangent);

        public void Vjp(ReadOnlySpan<TensorVar<double>> inputs, ReadOnlySpan<double> output, int input,
            ReadOnlySpan<double> cotangent, Span<double> inputAdjoint) =>
            AddThreeXSquaredTimes(inputs[0].Values, cotangent, inputAdjoint);

        // target += 3x² ⊙ v: the Jacobian is diagonal, so it is its own transpose.
        private static void AddThreeXSquaredTimes(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> target)
        {
            for (int k = 0; k < x.Length; k++)
                target[k] += 3 * x[k] * x[k] * v[k];
        }
    }

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("Custom rules (docs/custom-rules.md)",
            "A scalar rule (ln cosh, f′ = tanh), a reverse primitive (‖x‖ by its VJP), a tensor primitive (X³ by its JVP and VJP).");
        var table = new Table(1, "quantity", "AD", "closed form", "rel. diff.");

        double x = 0.7, t = Math.Tanh(x);
        table.Row(["(ln cosh)′(0.7) by Dual", .. log.Compare(Forward.Derivative(d => LogCoshOf<Dual<double>, double>(d), x), t)]);
        table.Row(["(ln cosh)″(0.7) by HyperDual", .. log.Compare(Forward.SecondDerivative(h => LogCoshOf<HyperDual<double>, double>(h), x), 1 - t * t)]);
        table.Row(["(ln cosh)‴(0.7)/3! by Taylor", .. log.Compare(Forward.Taylor(s => LogCoshOf<Taylor<double>, double>(s), x, 3)[3], -2 * t * (1 - t * t) / 6)]);
        table.Row(["(ln cosh)′(0.7) by Tracked", .. log.Compare(Reverse.Grad<double>(v => LogCoshOf<Tracked<double>, double>(v[0]), [x])[0], t)]);

        double[] g = Reverse.Grad(Norm, [3.0, 4.0]);
        table.Row(["∂‖x‖/∂x₁ at (3, 4)", .. log.Compare(g[0], 3.0 / 5)]);
        table.Row(["∂‖x‖/∂x₂ at (3, 4)", .. log.Compare(g[1], 4.0 / 5)]);

        Tensor<double> a = Tensors.Matrix(new double[,] { { 1, -2 }, { 0.5, 3 } });
        Tensor<double> dSum = Tensors.Grad((TensorVar<double> m) => Tensors.Primitive(new Cube(), m).Sum(), a);
        (_, Tensor<double> tangent) = Tensors.Jvp(m => Tensors.Primitive(new Cube(), m), a, Tensors.Matrix(new double[,] { { 1, 0 }, { 0, 1 } }));
        table.Row(["∂ΣX³/∂x₁₂ at −2", .. log.Compare(dSum[0, 1], 3 * 4.0)]);
        table.Row(["∂ΣX³/∂x₂₁ at 0.5", .. log.Compare(dSum[1, 0], 3 * 0.25)]);
        table.Row(["JVP along I, entry 22 (x = 3)", .. log.Compare(tangent[1, 1], 3 * 9.0)]);
        table.Print();
        return log.Comparisons;
    }
}
