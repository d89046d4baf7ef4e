using System.Numerics.Tensors;
using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// Softmax, log-softmax, log-sum-exp and the perceptron's cross-entropy at logits of any magnitude up to 1e308,
/// against closed forms in d = b − a for a pair [a, b]: softmax = [1/(1 + eᵈ), 1/(1 + e⁻ᵈ)], log-softmax =
/// [−softplus(d), −softplus(−d)], logsumexp = max + softplus(−|d|). A stable evaluation subtracts the maximum
/// before anything else, so only d matters; x − (m + log Σ) instead loses log Σ against a large m (at [1e17, 1e17]
/// it gives [0, 0], not [−ln 2, −ln 2]). Tolerances are relative to the closed form (floor 1 where it may be 0).
/// </summary>
public sealed class StableSoftmaxProperties
{
    private const double Rtol = 1e-12;

    /// <summary>Logits [a, b] with their difference d = b − a as the evaluation rounds it, and a tangent v, a cotangent ū.</summary>
    public sealed record Pair(double A, double B, double[] V, double[] U)
    {
        /// <summary>b − a, rounded as max-subtraction rounds it.</summary>
        public double D => B - A;

        /// <inheritdoc/>
        public override string ToString() => FormattableString.Invariant($"[{A:R}, {B:R}], v = [{V[0]}, {V[1]}], ū = [{U[0]}, {U[1]}]");
    }

    /// <summary>The pairs the issue names: equal huge logits, opposite extremes, a huge logit and its neighbour.</summary>
    public static TheoryData<double, double> Extremes => new()
    {
        { 1e17, 1e17 }, { 1e308, 1e308 }, { -1e308, -1e308 }, { -1e308, 1e308 }, { 1e308, -1e308 },
        { 1e17, 1e17 + 32 }, { 1e17, 1e17 + 16 * 30 }, { -1e17, -1e17 - 64 }, { double.MaxValue, double.MaxValue },
    };

    // a = ±m·2ᵉ with e up to 1024 (so |a| reaches 1.8e308), b = a + δ with |δ| ≤ 30: many pairs have b = a.
    private static Arbitrary<Pair> Pairs =>
        Arb.From(
            from sign in Gen.Elements(-1.0, 1.0)
            from mantissa in Cases.In(1, 2)
            from exponent in Gen.Choose(-4, 1024)
            from delta in Gen.OneOf(Cases.In(-30, 30), Gen.Constant(0.0))
            from v in MatrixCases.Entries(2)
            from u in MatrixCases.Entries(2)
            let a = sign * Math.ScaleB(mantissa / 2, exponent)
            select new Pair(a, a + delta, v, u));

    private static double Softplus(double d) => d > 0 ? d + double.LogP1(Math.Exp(-d)) : double.LogP1(Math.Exp(d));

    private static double[] SoftmaxOf(double d) => [1 / (1 + Math.Exp(d)), 1 / (1 + Math.Exp(-d))];

    private static double[] LogSoftmaxOf(double d) => [-Softplus(d), -Softplus(-d)];

    private static void Close(double[] expected, Tensor<double> actual, string what)
    {
        double[] flat = TensorAssert.Flat(actual);
        Assert.Equal(expected.Length, flat.Length);
        for (int k = 0; k < flat.Length; k++)
            AssertClose(expected[k], flat[k], Rtol, $"{what}, entry {k}");
    }

    private static void ValuesAreTheClosedForms(double a, double b)
    {
        Tensor<double> x = Differentiate.Vector(a, b);
        double d = b - a;
        Close(SoftmaxOf(d), Var.Constant(x).Softmax().ToTensor(), "softmax");
        Close(LogSoftmaxOf(d), Var.Constant(x).LogSoftmax().ToTensor(), "log-softmax");
        AssertClose(Math.Max(a, b) + Softplus(-Math.Abs(d)), Var.Constant(x).LogSumExp().ScalarValue, Rtol, "logsumexp");
        Close(SoftmaxOf(d), Differentiate.Grad(v => v.LogSumExp(), x), "∇ logsumexp");
    }

    // JVP along v and VJP of ū against s ⊙ (v − ⟨s, v⟩), v − ⟨s, v⟩ 1 and ū − s Σū.
    private static void DerivativesAreTheClosedForms(Pair c)
    {
        Tensor<double> x = Differentiate.Vector(c.A, c.B), v = Differentiate.Vector(c.V), u = Differentiate.Vector(c.U);
        double[] s = SoftmaxOf(c.D);
        double sv = s[0] * c.V[0] + s[1] * c.V[1], sumU = c.U[0] + c.U[1], su = s[0] * c.U[0] + s[1] * c.U[1];
        Close([s[0] * (c.V[0] - sv), s[1] * (c.V[1] - sv)], Differentiate.Jvp(y => y.Softmax(), x, v).Tangent, "softmax JVP");
        Close([s[0] * (c.U[0] - su), s[1] * (c.U[1] - su)], Differentiate.Vjp(y => y.Softmax(), x).Pullback.Invoke(u)[0], "softmax VJP");
        Close([c.V[0] - sv, c.V[1] - sv], Differentiate.Jvp(y => y.LogSoftmax(), x, v).Tangent, "log-softmax JVP");
        Close([c.U[0] - s[0] * sumU, c.U[1] - s[1] * sumU], Differentiate.Vjp(y => y.LogSoftmax(), x).Pullback.Invoke(u)[0], "log-softmax VJP");
        AssertClose(sv, Differentiate.Jvp(y => y.LogSumExp(), x, v).Tangent[0], Rtol, "logsumexp JVP");
    }

    [Theory]
    [MemberData(nameof(Extremes))]
    public void Softmax_log_softmax_and_logsumexp_at_extreme_logits_are_the_closed_forms(double a, double b)
    {
        ValuesAreTheClosedForms(a, b);
        DerivativesAreTheClosedForms(new Pair(a, b, [0.25, -1.5], [1.0, 0.5]));
    }

    [Fact]
    public void Log_softmax_of_equal_huge_logits_is_minus_ln_2() =>
        Close([-Math.Log(2), -Math.Log(2)], Var.Constant(Differentiate.Vector(1e17, 1e17)).LogSoftmax().ToTensor(), "log-softmax [1e17, 1e17]");

    [Fact]
    public void Softmax_values_and_derivatives_at_logits_of_any_magnitude_are_the_closed_forms() =>
        Verify.ForAll(Pairs, c =>
        {
            ValuesAreTheClosedForms(c.A, c.B);
            DerivativesAreTheClosedForms(c);
        });

    [Fact]
    public void Each_row_of_a_matrix_is_its_own_stable_distribution()
    {
        Tensor<double> x = Differentiate.Matrix(new[,] { { 1e17, 1e17 }, { -1e308, 1e308 }, { 1e308, 1e308 - 1e292 } });
        double d = (1e308 - 1e292) - 1e308;
        Close([.. LogSoftmaxOf(0), .. LogSoftmaxOf(double.PositiveInfinity), .. LogSoftmaxOf(d)], Var.Constant(x).LogSoftmax().ToTensor(), "log-softmax rows");
        Close([.. SoftmaxOf(0), .. SoftmaxOf(double.PositiveInfinity), .. SoftmaxOf(d)], Var.Constant(x).Softmax().ToTensor(), "softmax rows");
    }

    // A 1-2 classifier whose logits are its biases exactly: A₀ = 0, b₀ = [a, b], for one sample x = 0.5.
    private static readonly Perceptron Classifier = new([1, 2], ActivationFunction.Identity, ActivationFunction.Identity);

    private static Tensor<double>[] Theta(double a, double b) => [Differentiate.Matrix(new double[2, 1]), Differentiate.Vector(a, b)];

    // L = −log softmax_j for one-hot Y = e_j, and ∂L/∂b₀ = s − e_j, ∂L/∂A₀ = (s − e_j) x: the value, the gradient by
    // reverse mode and its JVP along one direction in tensor mode, the value and gradient in scalar mode, the plain value.
    private static void CrossEntropyIsTheClosedForm(double a, double b)
    {
        double d = b - a;
        double[] s = SoftmaxOf(d), minusLog = [Softplus(d), Softplus(-d)];
        for (int j = 0; j < 2; j++)
        {
            double[] y = j == 0 ? [1.0, 0.0] : [0.0, 1.0];
            double[] db = [s[0] - y[0], s[1] - y[1]], da = [0.5 * db[0], 0.5 * db[1]];
            string label = FormattableString.Invariant($"[{a:R}, {b:R}], class {j}");

            // Tensor mode.
            Var x = Differentiate.Matrix(new[,] { { 0.5 } }), targets = Differentiate.Matrix(new[,] { { y[0], y[1] } });
            (double tensorLoss, Tensor<double>[] tensorGrad) = Differentiate.ValueAndGrad(p => Classifier.CrossEntropyLoss(p, x, targets), Theta(a, b));
            AssertClose(minusLog[j], tensorLoss, Rtol, $"tensor cross-entropy {label}");
            Close(da, tensorGrad[0], $"tensor ∂L/∂A₀ {label}");
            Close(db, tensorGrad[1], $"tensor ∂L/∂b₀ {label}");
            Tensor<double>[] tangent = [Differentiate.Matrix(new[,] { { 0.75 }, { -0.25 } }), Differentiate.Vector(0.5, -2.0)];
            (Tensor<double> jvpLoss, Tensor<double> jvp) = Differentiate.Jvp(p => Classifier.CrossEntropyLoss(p, x, targets), Theta(a, b), tangent);
            AssertClose(minusLog[j], jvpLoss[0], Rtol, $"tensor JVP value {label}");
            AssertClose(da[0] * 0.75 - da[1] * 0.25 + db[0] * 0.5 - db[1] * 2.0, jvp[0], Rtol, $"tensor JVP ⟨∇L, V⟩ {label}");

            // Scalar mode on Tracked<double>, and plain on double.
            double[] flat = Classifier.Flatten<double>(Theta(a, b));
            (double scalarLoss, double[] scalarGrad) = Autodiff.Reverse.ValueAndGrad<double>(p => Classifier.ScalarCrossEntropyLoss(p, [0.5], y), flat);
            AssertClose(minusLog[j], scalarLoss, Rtol, $"scalar cross-entropy {label}");
            double[] expectedGrad = [.. da, .. db];
            for (int k = 0; k < expectedGrad.Length; k++)
                AssertClose(expectedGrad[k], scalarGrad[k], Rtol, $"scalar ∂L/∂θ_{k} {label}");
            AssertClose(minusLog[j], Classifier.ScalarCrossEntropyLoss<double, double>(flat, [0.5], y), Rtol, $"plain cross-entropy {label}");
        }
    }

    [Theory]
    [MemberData(nameof(Extremes))]
    public void Perceptron_cross_entropy_at_extreme_logits_is_the_closed_form_in_every_mode(double a, double b) =>
        CrossEntropyIsTheClosedForm(a, b);

    [Fact]
    public void Perceptron_cross_entropy_of_equal_huge_logits_is_ln_2()
    {
        Var x = Differentiate.Matrix(new[,] { { 0.5 } }), targets = Differentiate.Matrix(new[,] { { 1.0, 0.0 } });
        Var[] theta = Array.ConvertAll(Theta(1e17, 1e17), Var.Constant);
        AssertClose(Math.Log(2), Classifier.CrossEntropyLoss<double>(theta, x, targets).ScalarValue, Rtol, "tensor cross-entropy");
        AssertClose(Math.Log(2), Classifier.ScalarCrossEntropyLoss<double, double>(Classifier.Flatten<double>(Theta(1e17, 1e17)), [0.5], [1.0, 0.0]), Rtol, "plain cross-entropy");
    }

    [Fact]
    public void Perceptron_cross_entropy_at_logits_of_any_magnitude_is_the_closed_form_in_every_mode() =>
        Verify.ForAll(Pairs, c => CrossEntropyIsTheClosedForm(c.A, c.B));
}
