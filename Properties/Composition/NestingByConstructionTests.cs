using System.Numerics;
using Autodiff.Properties.RandomPrograms;
using Autodiff.Properties.Support;
using Autodiff.Rules;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Composition;

using Forward = Autodiff.Forward;

/// <summary>
/// The perturbation-confusion cases of the literature, written with function values and transforms: an inner
/// function that uses an outer variable carries it as a field and lifts it into whatever type the inner transform
/// runs on (<see cref="Nesting.Lift{TOuter, TInner}"/>), which is always a type built over the outer one — so the
/// nesting is right by construction. Plus StopGradient, WithAux and parallel = serial.
/// </summary>
public sealed class NestingByConstructionTests
{
    // y ↦ x + y with x captured from an outer differentiation.
    private readonly struct AddTo<TX>(TX x) : IUnaryFunction where TX : IFloatingPointIeee754<TX>
    {
        public T F<T>(T y) where T : IFloatingPointIeee754<T> => Nesting.Lift<TX, T>(x) + y;
    }

    // x ↦ x · D_y[x + y](1): Siskind & Pearlmutter's example.
    private readonly struct TimesInnerDerivative : IUnaryFunction
    {
        public T F<T>(T x) where T : IFloatingPointIeee754<T> => x * new AddTo<T>(x).Derivative().F(T.One);
    }

    [Fact]
    public void Siskind_Pearlmutter_D_x_of_x_times_D_y_of_x_plus_y_is_one_in_every_mode()
    {
        var f = new TimesInnerDerivative();
        Assert.Equal(1.0, f.Derivative().F(1.0));
        Assert.Equal(1.0, f.Grad().F(1.0));
        Assert.Equal(0.0, f.Derivative().Derivative().F(1.0));
        Assert.Equal(0.0, f.Grad().Derivative().F(1.0));
    }

    // u ↦ f(x + u) with x captured: the shift s u f x = f(x + u) of Manzyuk et al., curried at x.
    private readonly struct ShiftedAt<TF, TX>(TF f, TX x) : IUnaryFunction where TF : IUnaryFunction where TX : IFloatingPointIeee754<TX>
    {
        public T F<T>(T u) where T : IFloatingPointIeee754<T> => f.F(Nesting.Lift<TX, T>(x) + u);
    }

    // (D s 0) f: x ↦ d/du f(x + u) at u = 0 — a derivative operator built from a derivative of a function-valued function.
    private readonly struct DerivativeOfShift<TF>(TF f) : IUnaryFunction where TF : IUnaryFunction
    {
        public T F<T>(T x) where T : IFloatingPointIeee754<T> => new ShiftedAt<TF, T>(f, x).Derivative().F(T.Zero);
    }

    [Fact]
    public void Manzyuk_et_al_the_derivative_of_the_shift_applied_twice_is_the_second_derivative() =>
        Verify.ForAll(Cases.Points(-2, 2), x =>
        {
            // ((D s 0) ((D s 0) exp)) x = exp″ x; a tag implementation that confuses the two levels answers otherwise.
            var twice = new DerivativeOfShift<DerivativeOfShift<Exp>>(new DerivativeOfShift<Exp>(new Exp()));
            AssertClose(Math.Exp(x), twice.F(x), Exact, "(D s 0)((D s 0) exp)");
            var sinTwice = new DerivativeOfShift<DerivativeOfShift<Sin>>(new DerivativeOfShift<Sin>(new Sin()));
            AssertClose(-Math.Sin(x), sinTwice.F(x), Exact, "(D s 0)((D s 0) sin)");
            AssertClose(-Math.Cos(x), new DerivativeOfShift<DerivativeOfShift<Sin>>(new DerivativeOfShift<Sin>(new Sin())).Derivative().F(x), Exact, "D((D s 0)² sin)");
        });

    [Fact]
    public void A_lift_into_a_type_not_built_over_the_value_throws()
    {
        Assert.Equal(2.0, Nesting.Lift<Dual<double>, Tracked<Dual<double>>>(new Dual<double>(2, 1)).Value.Value);
        Assert.Equal(1.0, Nesting.Lift<Dual<double>, Tracked<Dual<double>>>(new Dual<double>(2, 1)).Value.Tangent);
        Assert.Equal(0.0, Nesting.Lift<Dual<double>, Dual<Dual<double>>>(new Dual<double>(2, 1)).Tangent.Value);
        var e = Assert.Throws<InvalidOperationException>(() => Nesting.Lift<Dual<double>, double>(new Dual<double>(2, 1)));
        Assert.Contains("cannot be lifted", e.Message);
        Assert.Throws<InvalidOperationException>(() => Nesting.Lift<Dual<double>, Tracked<double>>(new Dual<double>(2, 1)));
    }

    // g(x) + StopGradient(h(x)), with g = x₀·x₁ and h = the random program.
    private readonly record struct PlusStopped(ProgramCase Case) : IScalarFunction
    {
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
            x[0] * x[x.Length - 1] + Nesting.StopGradient(Case.Scalar(x));
    }

    // Only g's gradient: [x_last, 0, …, 0, x₀] (or 2x₀ for one input).
    private static double[] GradientOfProduct(double[] x)
    {
        var g = new double[x.Length];
        g[0] += x[^1];
        g[^1] += x[0];
        return g;
    }

    [Fact]
    public void StopGradient_zeroes_exactly_its_path_in_every_mode() => Verify.ForAll(Programs.Scalar, c =>
    {
        var f = new PlusStopped(c);
        double[] x = c.Point, expected = GradientOfProduct(x);
        AssertClose(x[0] * x[^1] + c.Scalar<double>(x), f.F<double>(x), Exact, "value");
        foreach ((string mode, double[] g) in new[]
                 {
                     ("reverse", f.Grad().F(x)), ("forward", f.Jacfwd().F(x)),
                     ("value level", Forward.Gradient<double>(f.F, x)),
                 })
            for (int j = 0; j < x.Length; j++)
                Assert.True(expected[j] == g[j], $"{mode} ∂/∂x{j}: expected {expected[j]}, got {g[j]}");
        // Second order: ∇²(x₀·x_last) only, whichever nesting.
        double[] h = f.Hessian().F(x);
        double[,] hd = Forward.Hessian<double>(f.F, x);
        for (int i = 0; i < x.Length; i++)
            for (int j = 0; j < x.Length; j++)
            {
                double product = (i == 0 ? 1 : 0) * (j == x.Length - 1 ? 1 : 0) + (j == 0 ? 1 : 0) * (i == x.Length - 1 ? 1 : 0);
                Assert.Equal(product, h[i * x.Length + j]);
                Assert.Equal(product, hd[i, j]);
            }
        Assert.Equal(2.5, Nesting.StopGradient(2.5));
    });

    // The auxiliary outputs: the random program's value and its square, as a vector function value.
    private readonly record struct Aux(ProgramCase Case) : IVectorFunction
    {
        public T[] F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            T y = Case.Scalar(x);
            return [y, y * y];
        }
    }

    [Fact]
    public void WithAux_leaves_the_gradient_unchanged_and_returns_the_auxiliary_values() => Verify.ForAll(Programs.Scalar, c =>
    {
        var f = new ScalarProgram(c);
        (double value, double[] gradient, double[] aux) = f.WithAux(new Aux(c)).GradWithAux().F(c.Point);
        Assert.Equal(f.Grad().F(c.Point), gradient);
        double y = c.Scalar<double>(c.Point);
        Assert.Equal(y, value);
        Assert.Equal([y, y * y], aux);
    });

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(40)]
    public void Parallel_Jacobians_and_Hessians_are_bit_identical_to_serial(int n)
    {
        double[] x = Enumerable.Range(0, n).Select(j => Math.Sin(j + 0.5)).ToArray();
        Assert.Equal(new Ring().Jacfwd(parallel: false).F(x), new Ring().Jacfwd(parallel: true).F(x));
        Assert.Equal(new Ring().Jacrev(parallel: false).F(x), new Ring().Jacrev(parallel: true).F(x));
        double[] hessian = new Coupled().Hessian(parallel: false).F(x);
        Assert.Equal(hessian, new Coupled().Hessian(parallel: true).F(x));
        Assert.Equal(new Coupled().Grad().Jacfwd(parallel: false).F(x), hessian);
        Assert.Equal(Forward.Jacobian<double>(new Ring().F, x).Cast<double>(), new Ring().Jacfwd().F(x));
        foreach (bool parallel in new[] { false, true })
        {
            // A stale buffer: every entry must be overwritten.
            double[] into = [.. Enumerable.Repeat(double.NaN, n * n)];
            new Coupled().Hessian(parallel).F<double>(x, into);
            Assert.Equal(hessian, into);
        }
    }

    [Fact]
    public void Buffers_of_the_wrong_length_are_refused_by_name()
    {
        double[] x = [0.5, 1.5, 2.5];
        var hessian = Assert.Throws<ArgumentException>(() => new Coupled().Hessian().F<double>(x, new double[8]));
        Assert.Equal("hessian", hessian.ParamName);
        Assert.Contains("has length 8 but a row-major n×n Hessian (n = x.Length) needs 9 entries", hessian.Message);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => new Coupled().Grad().F<double>(x, new double[2])).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => new Coupled().ValueAndGrad().F<double>(x, new double[4])).ParamName);
    }

    [Fact]
    public void The_Hessian_of_an_empty_point_is_refused_by_name()
    {
        Refusals.Refused("x", () => new Coupled().Hessian().F<double>([]), "x is empty");
        Refusals.Refused("x", () => new Coupled().Hessian().F<double>([], []), "x is empty");
        Refusals.Refused("x", () => new Coupled().Hessian().Matrix<double>([]), "x is empty");
    }

    [Fact]
    public void A_failing_parallel_pass_throws_its_own_exception()
    {
        double[] x = new double[32];
        var e = Assert.Throws<ArgumentException>(() => new GrowingOutput().Jacfwd().F(x));
        Assert.Equal("f", e.ParamName);
    }

    // A vector function whose number of outputs depends on its input (not allowed: the error names f): one output,
    // and a second one whenever x₁ carries a tangent — as it does in Jacfwd's column 1, run by a worker.
    private readonly struct GrowingOutput : IVectorFunction
    {
        public T[] F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
            new T[x[1] is Dual<double> d && d.Tangent != 0 ? 2 : 1];
    }
}
