using System.Numerics;
using System.Numerics.Tensors;
using Autodiff.Properties.Support;
using static Autodiff.Properties.Testing.Functions;

namespace Autodiff.Properties.Testing;

/// <summary>
/// Each check says what it checked: its report's subject names the check and the point, and its entries name the
/// comparison made, so a failure printed in a test log reads on its own; each check refuses a null or unusable
/// argument by name before any work; and the counts of comparisons are those of the documented identities.
/// </summary>
public sealed class CheckSubjectTests
{
    private static readonly double[] X = [0.8, -0.3];

    private static void Named(string parameter, Action act) =>
        Assert.Equal(parameter, Assert.ThrowsAny<ArgumentException>(act).ParamName);

    private static void Checked(GradCheckReport report, string subject, int count, params string[] checks)
    {
        Assert.Equal(subject, report.Subject);
        Assert.Equal(count, report.Count);
        Assert.True(report.Passed, report.ToString());
        foreach (string check in checks)
            Assert.Contains(report.Worst, e => e.Check == check);
    }

    [Fact]
    public void The_gradient_and_Jacobian_checks_name_what_and_where()
    {
        Checked(GradCheck.Scalar(new Coupled(), X), "∇f at x = [0.8, -0.3] (f: ℝ^2 → ℝ)", 6);
        Checked(GradCheck.Vector(new Curve(), X), "J_f at x = [0.8, -0.3] (f: ℝ^2 → ℝᵐ)", 18);
        Tensor<double> m = Tensor.Create([0.5, -1.0, 1.5, 0.25, -0.75, 2.0], [2, 3]);
        Checked(GradCheck.Tensor(x => x.Sum(1), m), "dF/dX at X = [0.5, -1, 1.5, 0.25, -0.75, 2] of lengths [2, 3], flattened row-major", 36);
        Named("forward", () => GradCheck.Scalar(null!, TestFunctions.Coupled, TestFunctions.Coupled, X));
        Named("reverse", () => GradCheck.Scalar(TestFunctions.Coupled, null!, TestFunctions.Coupled, X));
        Named("value", () => GradCheck.Scalar(TestFunctions.Coupled, TestFunctions.Coupled, null!, X));
        Named("forward", () => GradCheck.Vector(null!, new Curve().F, new Curve().F, X));
        Named("reverse", () => GradCheck.Vector(new Curve().F, null!, new Curve().F, X));
        Named("value", () => GradCheck.Vector(new Curve().F<Dual<double>>, new Curve().F, null!, X));
        Named("f", () => GradCheck.Tensor(null!, m));
        Named("x", () => GradCheck.Tensor(x => x, null!));
        Named("x", () => GradCheck.Tensor(x => x, Tensor.Create([1.0, double.NaN], [2])));
        // A function that returns null only on constants (as the differences call it) is refused there.
        ArgumentException nullOnConstants = Assert.Throws<ArgumentException>(() => GradCheck.Tensor(x => x.IsConstant ? null! : x * 2.0, m));
        Assert.Equal("f", nullOnConstants.ParamName);
        Assert.Contains("The function returned null.", nullOnConstants.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ready_made_properties_name_what_and_where()
    {
        double[] v = [1.0, -0.5], u = [0.25, -1.0, 2.0];
        Checked(Checks.ForwardEqualsReverse(new Coupled(), X), "forward = reverse at x = [0.8, -0.3]", 2, "forward ∇f vs reverse ∇f");
        GradCheckReport adjoint = Checks.Adjoint(new Curve(), X, v, u);
        Checked(adjoint, "adjointness at x = [0.8, -0.3], v = [1, -0.5], ū = [0.25, -1, 2]", 1, "⟨ū, J v⟩ vs ⟨Jᵀū, v⟩");
        Assert.Equal("", adjoint.Worst[0].Index);
        Checked(Checks.ChainRule(new Curve(), new LogNorm(), X), "chain rule at x = [0.8, -0.3]", 2, "∇(g∘f) vs J_fᵀ ∇g(f(x))");
        Checked(Checks.HessianSymmetric(new Coupled(), [0.7, -1.2, 0.4]), "Hessian symmetry at x = [0.7, -1.2, 0.4]", 3, "symmetry hᵢⱼ vs hⱼᵢ");
        Named("x", () => Checks.Adjoint(new Curve(), [], v, u));
        Named("u", () => Checks.Adjoint(new Curve(), X, v, [double.NaN, 1, 1]));
        Named("inner", () => Checks.ChainRule<IVectorFunction, LogNorm>(null!, new LogNorm(), X));
        Named("outer", () => Checks.ChainRule<Curve, IScalarFunction>(new Curve(), null!, X));
        Named("x", () => Checks.ChainRule(new Curve(), new LogNorm(), [double.PositiveInfinity, 0]));
        Named("f", () => Checks.HessianSymmetric(null!, X));
        Named("x", () => Checks.HessianSymmetric(Product, [1.0, double.NaN]));
    }

    [Fact]
    public void The_Hessian_check_compares_every_entry_its_product_and_its_symmetry()
    {
        // n = 3: 3 pairs for symmetry, 3 entries of H v, 9 of H against differences of the gradient.
        GradCheckReport report = HessianCheck.Scalar(new Coupled(), [0.7, -1.2, 0.4]);
        Checked(report, "∇²f at x = [0.7, -1.2, 0.4] (f: ℝ^3 → ℝ)", 15);
        Named("secondOrder", () => HessianCheck.Scalar(null!, TestFunctions.Coupled, X));
        Named("gradient", () => HessianCheck.Scalar(TestFunctions.Coupled, null!, X));
        Named("x", () => HessianCheck.Scalar(TestFunctions.Coupled, TestFunctions.Coupled, []));
        Named("x", () => HessianCheck.Scalar(TestFunctions.Coupled, TestFunctions.Coupled, [1.0, double.NaN]));
    }

    [Fact]
    public void The_rule_checks_name_the_rule_and_the_point_and_sum_over_every_output()
    {
        GradCheckReport unary = Checks.UnaryRule(new Cube(), 0.5);
        Checked(unary, "the rule Cube at x = 0.5", 3, "D1 vs differences of F", "Dual f′ vs differences of F", "HyperDual f″ vs differences of D1");
        Assert.All(unary.Worst, e => Assert.Equal("", e.Index)); // scalars have no index
        // (x₀x₁, x₀ + x₁²) with its right VJP (u₀x₁ + u₁, u₀x₀ + 2u₁x₁): ūᵀJ sums over both outputs.
        GradCheckReport vjp = Checks.VjpRule(Pair, PairVjp, [0.5, -2.0], [1.5, -0.25]);
        Checked(vjp, "the VJP rule at x = [0.5, -2], ū = [1.5, -0.25]", 2, "VJP rule vs ūᵀ J by differences");
        Named("forward", () => Checks.VjpRule(null!, PairVjp, [0.5, -2.0], [1.0, 1.0]));
        Named("vjp", () => Checks.VjpRule(Pair, null!, [0.5, -2.0], [1.0, 1.0]));
        Named("x", () => Checks.VjpRule(Pair, PairVjp, [], [1.0, 1.0]));
        Named("u", () => Checks.VjpRule(Pair, PairVjp, [0.5, -2.0], [1.0, double.NaN]));
        ArgumentException infinite = Assert.Throws<ArgumentException>(() => Checks.UnaryRule(new Cube(), double.NegativeInfinity));
        Assert.Contains("The point is -∞; it must be finite.", infinite.Message.Replace("-Infinity", "-∞"), StringComparison.Ordinal);
        Assert.Contains("A tolerance must be finite and ≥ 0; relative is -1.",
            Assert.Throws<ArgumentException>(() => new Tolerances(relative: -1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Richardson_scales_its_steps_to_the_point_and_refuses_outputs_that_change()
    {
        // At t = 10⁸ (t³ ≈ 10²⁴) only steps scaled to t avoid rounding: 10⁻¹ would leave ≈ 10⁻⁷ of error.
        Tolerance.AssertClose(3e16, Richardson.Derivative(t => t * t * t, 1e8).Estimate, 1e-10, "d/dt t³ at 10⁸");
        ArgumentException grew = Assert.Throws<ArgumentException>(() => Richardson.Derivative(s => s < 0.45 ? Array.Empty<double>() : [s], 0.5));
        Assert.Equal("g", grew.ParamName);
        Assert.Contains("returned 1 outputs after 0", grew.Message, StringComparison.Ordinal);
        Assert.Contains("The function returned null.", Assert.Throws<ArgumentException>(() => Richardson.Derivative(_ => null!, 0.5)).Message, StringComparison.Ordinal);
        Assert.Contains("The function returned outputs of different lengths.",
            Assert.Throws<ArgumentException>(() => Richardson.Jacobian(v => v[1] == 2 ? new[] { v[0] } : new[] { v[0], v[1] }, [1.0, 2.0])).Message, StringComparison.Ordinal);
    }

    // x³ with its derivative 3x².
    private readonly struct Cube : Autodiff.Rules.IUnaryRule
    {
        public T F<T>(T x) where T : IFloatingPointIeee754<T> => x * x * x;
        public T D1<T>(T x, T fx) where T : IFloatingPointIeee754<T> => T.CreateChecked(3) * x * x;
    }

    private static double[] Pair(double[] x) => [x[0] * x[1], x[0] + x[1] * x[1]];

    private static double[] PairVjp(ReadOnlySpan<double> u, ReadOnlySpan<double> x, ReadOnlySpan<double> y) =>
        [u[0] * x[1] + u[1], u[0] * x[0] + 2 * u[1] * x[1]];
}
