using System.Numerics;
using Autodiff.Rules;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Composition;

/// <summary>
/// Derivatives as first-class functions (docs/composition.md): function values, transforms that return function
/// values, pipelines, closures over data and nesting by construction — each result beside its closed form.
/// </summary>
internal static class Pipelines
{
    /// <summary>Rosenbrock's f(x, y) = (1 − x)² + 100 (y − x²)² as a function value.</summary>
    private readonly struct Rosenbrock : IScalarFunction
    {
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            T a = T.One - x[0], b = x[1] - x[0] * x[0];
            return a * a + T.CreateChecked(100) * b * b;
        }
    }

    /// <summary>L(x) = ‖Ax − b‖², a function value that carries its data A and b as plain doubles.</summary>
    private readonly struct LeastSquares(double[,] a, double[] b) : IScalarFunction
    {
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            T sum = T.Zero;
            for (int i = 0; i < b.Length; i++)
            {
                T r = -T.CreateChecked(b[i]);
                for (int j = 0; j < x.Length; j++)
                    r += T.CreateChecked(a[i, j]) * x[j];
                sum += r * r;
            }
            return sum;
        }
    }

    /// <summary>y ↦ x + y, with x captured from an enclosing derivative and lifted into the inner number type.</summary>
    private readonly struct AddTo<TX>(TX x) : IUnaryFunction where TX : IFloatingPointIeee754<TX>
    {
        public T F<T>(T y) where T : IFloatingPointIeee754<T> => Nesting.Lift<TX, T>(x) + y;
    }

    /// <summary>x ↦ x · D_y[x + y](1), Siskind and Pearlmutter's test of perturbation confusion.</summary>
    private readonly struct TimesInnerDerivative : IUnaryFunction
    {
        public T F<T>(T x) where T : IFloatingPointIeee754<T> => x * new AddTo<T>(x).Derivative().F(T.One);
    }

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("Composition: derivatives are functions",
            "A function value is a struct with one generic method; a transform takes one and returns one.",
            "rosenbrock.Grad().Jacfwd() is the Hessian by forward-over-reverse; sin.Derivative(3) is −cos; nothing names Tracked<Dual<double>>.");

        var rosenbrock = new Rosenbrock();
        double[] p = [1.5, 0.5];
        double[,] hessian = rosenbrock.Grad().Jacfwd().F(p).ToMatrix(2);
        double[,] closedForm = { { 1200 * p[0] * p[0] - 400 * p[1] + 2, -400 * p[0] }, { -400 * p[0], 200 } };
        Console.WriteLine($"  rosenbrock.Grad().Jacfwd() at {Point(p)} against ∇²f = [[1200x² − 400y + 2, −400x], [−400x, 200]]:");
        log.CompareMatrices(hessian, closedForm, "closed form");

        var table = new Table(1, "pipeline", "AD", "closed form", "rel. diff");
        double x = 0.7;
        table.Row(["sin.Derivative(3) at 0.7", .. log.Compare(new Sin().Derivative(3).F(x), -Math.Cos(x))]);
        table.Row(["sin.Grad().Grad() at 0.7", .. log.Compare(new Sin().Grad().Grad().F(x), -Math.Sin(x))]);
        table.Row(["exp.Derivative().Derivative().Derivative() at 0.7", .. log.Compare(new Exp().Derivative().Derivative().Derivative().F(x), Math.Exp(x))]);
        table.Row(["D_x[x · D_y[x + y](1)](1)", .. log.Compare(new TimesInnerDerivative().Derivative().F(1.0), 1.0)]);

        // A closure over data: ∇‖Ax − b‖² = 2Aᵀ(Ax − b), ∇² = 2AᵀA, and an HVP along v.
        double[,] a = { { 2, 1 }, { 1, 3 }, { 0, 1 } };
        double[] b = [1, 2, 3], x0 = [0.5, -1.0], v = [1, 2];
        var loss = new LeastSquares(a, b);
        double[] residual = [2 * 0.5 - 1 - 1, 0.5 - 3 - 2, -1 - 3];
        double[] gradient = loss.Grad().F(x0);
        for (int j = 0; j < 2; j++)
        {
            double expected = 2 * (a[0, j] * residual[0] + a[1, j] * residual[1] + a[2, j] * residual[2]);
            table.Row([$"leastSquares.Grad() ∂/∂x{Subscript(j)}", .. log.Compare(gradient[j], expected)]);
        }
        double[] hv = loss.Hvp().F(x0, v);
        double[,] ata = { { 5, 5 }, { 5, 11 } };
        for (int i = 0; i < 2; i++)
            table.Row([$"leastSquares.Hvp() (Hv){Subscript(i)}", .. log.Compare(hv[i], 2 * (ata[i, 0] * v[0] + ata[i, 1] * v[1]))]);

        // Linearize: evaluate once, apply the linear map (a Func) to many tangents; its transpose is the pullback.
        (double[] _, LinearMap<double> jvp) = loss.Grad().Linearize().F(x0);
        Func<double[], double[]> hessianTimes = jvp;
        table.Row(["loss.Grad().Linearize() applied to v, entry 1", .. log.Compare(hessianTimes(v)[0], 2 * (5 * v[0] + 5 * v[1]))]);
        table.Print();
        return log.Comparisons;
    }
}
