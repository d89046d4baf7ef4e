using System.Numerics;

namespace Autodiff.Properties.Composition;

/// <summary>The README's opening example, compiled and checked against Rosenbrock's closed-form derivatives.</summary>
public sealed class ReadmePipelineTests
{
    private readonly struct Rosenbrock : IScalarFunction
    {
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
            (T.One - x[0]) * (T.One - x[0]) + T.CreateChecked(100) * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]);
    }

    [Fact]
    public void The_opening_pipeline_gives_Rosenbrocks_derivatives()
    {
        var f = new Rosenbrock();
        double[] g = f.Grad().F([1.5, 0.5]);
        double[] h = f.Grad().Jacfwd().F([1.5, 0.5]);
        double[] t = f.Jacfwd().Jacfwd().Jacfwd().F([1.5, 0.5]);
        double s = new Autodiff.Rules.Sin().Derivative(3).F(0.7);
        (double x, double y) = (1.5, 0.5);
        Assert.Equal([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)], g);
        Assert.Equal([1200 * x * x - 400 * y + 2, -400 * x, -400 * x, 200], h);
        // ∂³f/∂x³ = 2400x, ∂³f/∂x²∂y = −400, every other third derivative 0.
        Assert.Equal([2400 * x, -400, -400, 0, -400, 0, 0, 0], t);
        Assert.Equal(-Math.Cos(0.7), s, 15);
    }
}
