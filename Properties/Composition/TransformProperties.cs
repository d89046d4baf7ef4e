using System.Numerics;
using Autodiff.Properties.RandomPrograms;
using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Composition;

using Forward = Autodiff.Forward;
using Reverse = Autodiff.Reverse;

/// <summary>
/// Every composed transform against the value-level computation it must equal, on random programs: the transforms
/// pick the modes by composition (Jacfwd∘Grad is forward-over-reverse, Grad∘Grad reverse-over-reverse, Jacfwd³ third
/// order) and the value-level combinators are independent computations of the same numbers.
/// </summary>
public sealed class TransformProperties
{
    private static void AllClose(double[] expected, double[] actual, double rtol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            AssertClose(expected[i], actual[i], rtol, $"{what}[{i}]");
    }

    private static double[] Flat(double[,] m) => m.Cast<double>().ToArray();

    [Fact]
    public void Grad_and_its_forward_and_reverse_twins_equal_the_value_level_gradients() => Verify.ForAll(Programs.Scalar, c =>
    {
        var f = new ScalarProgram(c);
        double[] expected = Forward.Gradient(c.Scalar, c.Point);
        AllClose(expected, f.Grad().F(c.Point), Exact, "Grad");
        AllClose(expected, f.Jacfwd().F(c.Point), Exact, "Jacfwd of a scalar");
        AllClose(expected, f.Jacrev().F(c.Point), Exact, "Jacrev of a scalar");
        (double value, double[] gradient) = f.ValueAndGrad().F(c.Point);
        AssertClose(c.Scalar<double>(c.Point), value, Exact, "ValueAndGrad value");
        AllClose(expected, gradient, Exact, "ValueAndGrad gradient");
        // Into the caller's buffer (stale entries, all overwritten): the same numbers bit for bit.
        double[] into = [.. Enumerable.Repeat(double.NaN, c.Point.Length)], valueInto = [.. into];
        f.Grad().F<double>(c.Point, into);
        Assert.Equal(f.Grad().F(c.Point), into);
        Assert.Equal(value, f.ValueAndGrad().F<double>(c.Point, valueInto));
        Assert.Equal(gradient, valueInto);
    });

    [Fact]
    public void Jacfwd_of_Grad_is_the_hyper_dual_Hessian_and_so_is_Jacrev_of_Grad() => Verify.ForAll(Programs.Scalar, c =>
    {
        var f = new ScalarProgram(c);
        double[] expected = Flat(Forward.Hessian(c.Scalar, c.Point));
        AllClose(expected, f.Grad().Jacfwd().F(c.Point), ExactSecond, "Jacfwd(Grad f)");
        AllClose(expected, f.Hessian().F(c.Point), ExactSecond, "Hessian f");
        double[] into = [.. Enumerable.Repeat(double.NaN, expected.Length)];
        f.Hessian().F<double>(c.Point, into);
        Assert.Equal(f.Hessian().F(c.Point), into);
        AllClose(expected, f.Grad().Jacrev().F(c.Point), ExactSecond, "Jacrev(Grad f)");
        AllClose(expected, f.Jacfwd().Jacfwd().F(c.Point), ExactSecond, "Jacfwd(Jacfwd f)");
        AllClose(Hessian.Hvp(c.Scalar, c.Point, c.Direction), f.Hvp().F(c.Point, c.Direction), ExactSecond, "Hvp");
    });

    [Fact]
    public void Grad_of_Grad_and_Derivative_of_Derivative_are_the_second_derivative() => Verify.ForAll(Programs.Scalar, c =>
    {
        var phi = new LineProgram(c);
        double expected = Forward.SecondDerivative<double>(phi.F, 0.0);
        AssertClose(expected, phi.Grad().Grad().F(0.0), ExactSecond, "Grad(Grad φ)");
        AssertClose(expected, phi.Derivative().Derivative().F(0.0), ExactSecond, "Derivative(Derivative φ)");
        AssertClose(expected, phi.Derivative().Grad().F(0.0), ExactSecond, "Grad(Derivative φ)");
        AssertClose(expected, phi.Derivative(2).F(0.0), ExactSecond, "Derivative(φ, 2)");
    });

    [Fact]
    public void Third_order_compositions_equal_Taylor_coefficients_times_k_factorial() => Verify.ForAll(Programs.Scalar, c =>
    {
        var phi = new LineProgram(c);
        double expected = 6 * Forward.Taylor<double>(phi.F, 0.0, 3)[3];
        AssertClose(expected, phi.Derivative().Derivative().Derivative().F(0.0), 1e-8, "D(D(D φ))");
        AssertClose(expected, phi.Derivative(3).F(0.0), 1e-8, "Derivative(φ, 3)");
        // The full third-derivative array of f contracted with v three times is D³f(x)[v, v, v] = φ‴(0).
        int n = c.Inputs;
        double[] t = new ScalarProgram(c).Jacfwd().Jacfwd().Jacfwd().F(c.Point);
        Assert.Equal(n * n * n, t.Length);
        double contracted = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++)
                    contracted += t[(i * n + j) * n + k] * c.Direction[i] * c.Direction[j] * c.Direction[k];
        AssertClose(expected, contracted, 1e-8, "Jacfwd³ f [v, v, v]");
    });

    [Fact]
    public void Jacobians_of_vector_programs_agree_and_Linearize_is_the_Jvp_for_many_tangents() =>
        Verify.ForAll(Programs.Vector, c =>
        {
            var f = new VectorProgram(c);
            double[] expected = Flat(Forward.Jacobian(c.Vector, c.Point));
            AllClose(expected, f.Jacfwd().F(c.Point), Exact, "Jacfwd");
            AllClose(expected, f.Jacrev().F(c.Point), Exact, "Jacrev");
            (double[] value, LinearMap<double> jvp) = f.Linearize().F(c.Point);
            AllClose(c.Vector<double>(c.Point), value, Exact, "Linearize value");
            Func<double[], double[]> asFunction = jvp;
            for (int k = 0; k < c.Inputs; k++)
            {
                double[] v = Enumerable.Range(0, c.Inputs).Select(j => j == k ? 1.0 : c.Direction[j] * (k + 1)).ToArray();
                double[] tangent = Forward.Jvp(c.Vector, c.Point, v).Tangent;
                AllClose(tangent, jvp.Invoke(v), Exact, $"Linearize(f)(v{k})");
                AllClose(tangent, asFunction(v), Exact, $"Linearize as Func (v{k})");
                AllClose(tangent, f.Jvp().F(c.Point, v).Tangent, Exact, $"Jvp (v{k})");
            }
            // The transpose of the linear map is the pullback: ⟨ū, J v⟩ = ⟨ūᵀJ, v⟩.
            double[] row = jvp.Transpose.Invoke(c.Cotangent);
            double left = c.Cotangent.Zip(jvp.Invoke(c.Direction), (a, b) => a * b).Sum();
            double right = row.Zip(c.Direction, (a, b) => a * b).Sum();
            AssertClose(left, right, 1e-10, "⟨ū, Jv⟩ = ⟨ūᵀJ, v⟩");
        });

    [Fact]
    public void A_pullback_is_a_function() => Verify.ForAll(Programs.Vector, c =>
    {
        (double[] _, Pullback<double> pullback) = new VectorProgram(c).Vjp().F(c.Point);
        Func<double[], double[]> pb = pullback;
        AllClose(Reverse.Vjp(c.Vector, c.Point).Pullback.Invoke(c.Cotangent), pb(c.Cotangent), Exact, "pb(ū)");
    });

    [Fact]
    public void The_Hessian_of_a_vector_program_is_Jacfwd_of_Jacrev() => Verify.ForAll(Programs.Vector, c =>
    {
        double[,,] expected = Hessian.OfVectorFunction(c.Vector, c.Point);
        double[,,] composed = new VectorProgram(c).Jacrev().Jacfwd().F(c.Point).ToCube(c.Inputs);
        AllClose(expected.Cast<double>().ToArray(), composed.Cast<double>().ToArray(), ExactSecond, "Jacfwd(Jacrev f)");
    });
}
