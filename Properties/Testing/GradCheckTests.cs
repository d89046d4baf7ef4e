using System.Numerics;
using System.Numerics.Tensors;
using Autodiff.Properties.Support;
using static Autodiff.Properties.Testing.Functions;

namespace Autodiff.Properties.Testing;

/// <summary>
/// GradCheck passes on right derivatives (a coupled function, a curve, random programs, tensor functions and a
/// right custom tensor primitive) and fails on wrong ones (a gradient off by 0.02·x₀, a forward Jacobian off in
/// one entry, a reverse delegate of another function, a tensor primitive with a wrong VJP or JVP rule), naming
/// the entry in its report.
/// </summary>
public sealed class GradCheckTests
{
    private static readonly double[] X = [0.7, -1.2, 0.4];

    [Fact]
    public void A_right_gradient_passes()
    {
        GradCheckReport report = GradCheck.Scalar(new Coupled(), X).ThrowIfFailed();
        Assert.Equal(9, report.Count);
        Assert.Contains("passed", report.ToString());
    }

    [Fact]
    public void A_gradient_off_in_one_entry_fails_and_the_report_names_it()
    {
        GradCheckReport report = GradCheck.Scalar(new OffGradient(), X);
        Assert.False(report.Passed);
        Assert.Equal(2, report.FailureCount); // forward and reverse vs differences at [0]; forward = reverse
        GradCheckEntry worst = report.Worst[0];
        Assert.Equal("[0]", worst.Index);
        Assert.True(Tolerance.Close(0.02 * X[0], Math.Abs(worst.Value - worst.Reference), 1e-6));
        var e = Assert.Throws<GradCheckException>(() => report.ThrowIfFailed());
        Assert.Contains("FAILED", e.Message);
        Assert.Contains("[0]", e.Message);
        Assert.Same(report, e.Report);
    }

    [Fact]
    public void A_reverse_delegate_of_another_function_fails()
    {
        GradCheckReport report = GradCheck.Scalar(TestFunctions.Coupled, TestFunctions.SumOfSquares, TestFunctions.Coupled, X);
        Assert.False(report.Passed);
        Assert.All(report.Worst, entry => Assert.Contains("reverse", entry.Check));
    }

    [Fact]
    public void Right_Jacobians_pass_and_a_wrong_forward_entry_fails()
    {
        double[] x = [0.8, -0.3];
        GradCheck.Vector(new Curve(), x).ThrowIfFailed();
        GradCheckReport report = GradCheck.Vector(new OffForward(), x);
        Assert.Equal(2, report.FailureCount); // forward vs reverse and vs differences at [1, 1]
        Assert.All(report.Worst.Take(2), entry => Assert.Equal("[1, 1]", entry.Index));
    }

    [Fact]
    public void Random_programs_pass() =>
        Verify.ForAll(Programs.Vector, c => GradCheck.Vector(c.Vector, c.Vector, c.Vector, c.Point).Passed);

    [Fact]
    public void Tolerances_are_rtol_and_atol_and_reject_bad_values()
    {
        var t = new Tolerances(relative: 1e-3, absolute: 1e-5);
        Assert.Equal(1e-5 + 1e-3 * 2, t.Allowed(-2));
        Assert.Equal("relative", Assert.Throws<ArgumentException>(() => new Tolerances(relative: -1)).ParamName);
        Assert.Equal("absolute", Assert.Throws<ArgumentException>(() => new Tolerances(absolute: double.NaN)).ParamName);
    }

    [Fact]
    public void A_loose_tolerance_lets_the_off_gradient_through_and_a_tight_one_does_not()
    {
        Assert.True(GradCheck.Scalar(new OffGradient(), X, new Tolerances(0, 0.1)).Passed);
        Assert.False(GradCheck.Scalar(new OffGradient(), X, new Tolerances(0, 1e-3)).Passed);
    }

    private static readonly Tensor<double> Matrix = Tensor.Create([0.5, -1.0, 1.5, 0.25, -0.75, 2.0], [2, 3]);

    [Fact]
    public void A_tensor_function_of_the_library_passes() =>
        GradCheck.Tensor(x => (x.Tanh() * x).MatMul(x.Transpose()), Matrix).ThrowIfFailed();

    [Fact]
    public void A_custom_tensor_primitive_passes_with_right_rules_and_fails_with_a_wrong_one()
    {
        GradCheck.Tensor(x => Differentiate.Primitive(new RowSquares(Wrong.None), x), Matrix).ThrowIfFailed();
        GradCheckReport vjp = GradCheck.Tensor(x => Differentiate.Primitive(new RowSquares(Wrong.Vjp), x), Matrix);
        Assert.False(vjp.Passed);
        Assert.All(vjp.Worst.Where(e => !e.Passed), e => Assert.Contains("reverse", e.Check));
        GradCheckReport jvp = GradCheck.Tensor(x => Differentiate.Primitive(new RowSquares(Wrong.Jvp), x), Matrix);
        Assert.False(jvp.Passed);
        Assert.All(jvp.Worst.Where(e => !e.Passed), e => Assert.Contains("forward", e.Check));
    }

    private enum Wrong { None, Jvp, Vjp }

    /// <summary>yᵢ = Σⱼ xᵢⱼ² (∂yᵢ/∂xᵢⱼ = 2xᵢⱼ); the wrong rules forget the factor 2.</summary>
    private readonly struct RowSquares(Wrong wrong) : ITensorRule<double>
    {
        public (double[] Entries, Shape Shape) Value(ReadOnlySpan<TensorVar<double>> inputs)
        {
            (int m, int n) = (inputs[0].Shape.Rows, inputs[0].Shape.Columns);
            var y = new double[m];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                    y[i] += inputs[0].Values[i * n + j] * inputs[0].Values[i * n + j];
            return (y, Shape.Vector(m));
        }

        public void Jvp(ReadOnlySpan<TensorVar<double>> inputs, ReadOnlySpan<double> output, int input, ReadOnlySpan<double> tangent, Span<double> outputTangent)
        {
            (int m, int n) = (inputs[0].Shape.Rows, inputs[0].Shape.Columns);
            double factor = wrong == Wrong.Jvp ? 1 : 2;
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                    outputTangent[i] += factor * inputs[0].Values[i * n + j] * tangent[i * n + j];
        }

        public void Vjp(ReadOnlySpan<TensorVar<double>> inputs, ReadOnlySpan<double> output, int input, ReadOnlySpan<double> cotangent, Span<double> inputAdjoint)
        {
            (int m, int n) = (inputs[0].Shape.Rows, inputs[0].Shape.Columns);
            double factor = wrong == Wrong.Vjp ? 1 : 2;
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                    inputAdjoint[i * n + j] += factor * inputs[0].Values[i * n + j] * cotangent[i];
        }
    }
}
