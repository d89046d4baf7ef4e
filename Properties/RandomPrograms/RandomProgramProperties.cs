using Autodiff.Properties.Support;
using static Autodiff.Testing.Vectors;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.RandomPrograms;

/// <summary>
/// Differential testing on random programs: every mode and nesting of the library differentiates the same random
/// composition of table functions, and must agree with the others (to rounding) and with finite differences (to
/// truncation). Per-function properties cannot see errors in how modes compose — chain rules through deep trees,
/// shared inputs, fan-out in the reverse sweep, tangents meeting constants — and a random program can.
/// </summary>
public sealed class RandomProgramProperties
{
    /// <summary>n forward passes and one reverse sweep give the same gradient, and the rules give the slope.</summary>
    [Fact]
    public void Forward_and_reverse_gradients_agree_and_match_central_differences() =>
        Verify.ForAll(Programs.Scalar, c =>
        {
            (double value, double[] reverse) = Autodiff.Reverse.ValueAndGrad<double>(c.Scalar, c.Point);
            double[] forward = Autodiff.Forward.Gradient<double>(c.Scalar, c.Point);
            double[] difference = FiniteDifference.Gradient(p => c.Scalar<double>(p), c.Point);
            Assert.Equal(c.Scalar<double>(c.Point), value);
            for (int i = 0; i < c.Inputs; i++)
            {
                AssertClose(forward[i], reverse[i], Exact, $"{c}: ∂f/∂x{i}, reverse vs forward");
                AssertClose(difference[i], reverse[i], FirstDifference, $"{c}: ∂f/∂x{i} vs five-point difference");
            }
        });

    /// <summary>
    /// Hyper-dual numbers and forward-over-reverse HVPs compute second derivatives by different algebra; the
    /// difference of the reverse gradient (exact, so a first difference suffices) checks both against the rules.
    /// </summary>
    [Fact]
    public void HyperDual_Hessian_equals_the_Hessian_from_HVPs_and_differences_of_the_gradient() =>
        Verify.ForAll(Programs.Scalar, c =>
        {
            double[,] hyperDual = Autodiff.Forward.Hessian<double>(c.Scalar, c.Point);
            double[,] fromHvps = Hessian.Dense<double>(c.Scalar, c.Point);
            for (int j = 0; j < c.Inputs; j++)
            {
                int column = j;
                for (int i = 0; i < c.Inputs; i++)
                {
                    int row = i;
                    double difference = FiniteDifference.First(
                        t => Autodiff.Reverse.Grad<double>(c.Scalar, FiniteDifference.With(c.Point, column, t))[row],
                        c.Point[column]);
                    AssertClose(hyperDual[i, j], fromHvps[i, j], ExactSecond, $"{c}: H[{i},{j}], HVPs vs hyper-dual");
                    AssertClose(difference, hyperDual[i, j], FirstDifference,
                        $"{c}: H[{i},{j}] vs difference of the reverse gradient");
                }
            }
        });

    /// <summary>
    /// The series of t ↦ f(x + t v) holds the directional derivatives over k!: c₁ = ∇f·v and 2c₂ = vᵀHv from the
    /// first- and second-order modes, 3!c₃ and 4!c₄ from differences of the hyper-dual vᵀH(x + t v)v, and
    /// <see cref="Hessian.DirectionalDerivative{T}"/> returns k!c_k.
    /// </summary>
    [Fact]
    public void Taylor_coefficients_along_a_direction_are_the_directional_derivatives_over_k_factorial() =>
        Verify.ForAll(Programs.Scalar, c =>
        {
            const int order = 4;
            double[] x = c.Point, v = c.Direction;
            double[] coefficients = Autodiff.Forward.Taylor<double>(t => c.Scalar<Taylor<double>>(Series(x, v, t)), 0, order);
            double slope = Dot(Autodiff.Reverse.Grad<double>(c.Scalar, x), v);
            double curvature = Dot(Times(Autodiff.Forward.Hessian<double>(c.Scalar, x), v), v);
            Assert.Equal(c.Scalar<double>(x), coefficients[0]);
            AssertClose(slope, coefficients[1], Exact, $"{c}: c₁ vs ∇f·v");
            AssertClose(curvature, 2 * coefficients[2], ExactSecond, $"{c}: 2!·c₂ vs vᵀHv");
            double third = FiniteDifference.First(t => Curvature(c, Line(x, v, t), v), 0);
            AssertClose(third, 6 * coefficients[3], FirstDifference, $"{c}: 3!·c₃ vs difference of vᵀHv along v");
            double fourth = FiniteDifference.Second(t => Curvature(c, Line(x, v, t), v), 0);
            AssertClose(fourth, 24 * coefficients[4], SecondDifference, $"{c}: 4!·c₄ vs second difference of vᵀHv along v");
            double factorial = 1;
            for (int k = 0; k <= order; k++)
            {
                factorial *= Math.Max(k, 1);
                AssertClose(factorial * coefficients[k], Hessian.DirectionalDerivative<double>(c.Scalar, x, v, k), Exact,
                    $"{c}: Dᵏf[v, …, v] vs k!·c_k for k = {k}");
            }
        });

    /// <summary>Three nestings of the two modes compute one Hessian-vector product in different orders.</summary>
    [Fact]
    public void Forward_over_reverse_HVP_equals_reverse_over_forward_and_reverse_over_reverse() =>
        Verify.ForAll(Programs.Scalar, c =>
        {
            double[] forwardOverReverse = Hessian.Hvp<double>(c.Scalar, c.Point, c.Direction);
            double[] reverseOverForward = Hessian.HvpReverseOverForward<double>(c.Scalar, c.Point, c.Direction);
            double[] reverseOverReverse = Hessian.Vhp<double>(c.Scalar, c.Point, c.Direction);
            for (int i = 0; i < c.Inputs; i++)
            {
                AssertClose(forwardOverReverse[i], reverseOverForward[i], Exact,
                    $"{c}: (Hv)_{i}, reverse-over-forward vs forward-over-reverse");
                AssertClose(forwardOverReverse[i], reverseOverReverse[i], Exact,
                    $"{c}: (vᵀH)_{i}, reverse-over-reverse vs forward-over-reverse");
            }
        });

    /// <summary>The pullback is the transpose of the pushforward: ⟨ū, J v⟩ = ⟨Jᵀū, v⟩ for a program with 2–3 outputs.</summary>
    [Fact]
    public void Cotangent_of_the_JVP_equals_the_VJP_along_the_direction() =>
        Verify.ForAll(Programs.Vector, c =>
        {
            (double[] value, double[] jv) = Autodiff.Forward.Jvp<double>(c.Vector, c.Point, c.Direction);
            (double[] reverseValue, Pullback<double> pullback) = Autodiff.Reverse.Vjp<double>(c.Vector, c.Point);
            double[] ujT = pullback.Invoke(c.Cotangent);
            Assert.Equal(c.Vector<double>(c.Point), value);
            Assert.Equal(value, reverseValue);
            AssertClose(Dot(c.Cotangent, jv), Dot(ujT, c.Direction), Exact, $"{c}: ⟨ū, J v⟩ vs ⟨Jᵀū, v⟩");
        });

    // The line x + t v on series in t.
    private static Taylor<double>[] Series(double[] x, double[] v, Taylor<double> t) =>
        [.. x.Zip(v, (a, d) => Taylor<double>.Constant(a) + Taylor<double>.Constant(d) * t)];

    // vᵀ H(x) v in one hyper-dual evaluation seeded with v in both perturbations.
    private static double Curvature(ProgramCase c, double[] x, double[] v) =>
        c.Scalar<HyperDual<double>>([.. x.Zip(v, (a, d) => new HyperDual<double>(a, d, d, 0))]).E1E2;
}
