using System.Numerics;

namespace Autodiff.Examples.SecondOrder;

/// <summary>
/// A loss surface of sections 13 and 14: f for every number type, f = ½‖r‖² as residuals for Gauss–Newton, ∇f by
/// hand on doubles, the minimiser, and the start and hyperparameters of the gradient-descent runs.
/// </summary>
internal abstract class Surface(string name, string formula, double[] minimizer, double[] start,
    double learningRate, double momentum, int iterations)
{
    public static readonly Surface Rosenbrock = new RosenbrockSurface();
    public static readonly Surface Ravine = new RavineSurface();

    public string Name => name;
    public string Formula => formula;
    public double[] Minimizer => minimizer;
    public double[] Start => start;
    public double LearningRate => learningRate;
    public double Momentum => momentum;
    public int Iterations => iterations;

    public abstract T Loss<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>;

    public abstract T[] Residuals<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>;

    public abstract double[] ClosedFormGradient(double[] x);

    // f(x, y) = (1 − x)² + 100(y − x²)² = ½‖r‖²,  r = (√2(1 − x), √200(y − x²)).
    private sealed class RosenbrockSurface() : Surface("Rosenbrock", "f(x, y) = (1 − x)² + 100(y − x²)²",
        [1.0, 1.0], [-1.2, 1.0], learningRate: 0.001, momentum: 0.9, iterations: 10_000)
    {
        public override T Loss<T>(ReadOnlySpan<T> x)
        {
            T a = T.One - x[0], b = x[1] - x[0] * x[0];
            return a * a + T.CreateChecked(100) * b * b;
        }

        public override T[] Residuals<T>(ReadOnlySpan<T> x) =>
            [T.CreateChecked(Math.Sqrt(2)) * (T.One - x[0]), T.CreateChecked(Math.Sqrt(200)) * (x[1] - x[0] * x[0])];

        // ∇f = (−2(1 − x) − 400x(y − x²), 200(y − x²)).
        public override double[] ClosedFormGradient(double[] x) =>
            [-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]), 200 * (x[1] - x[0] * x[0])];
    }

    // The seeds' ravine, steep across (y) and shallow along (x): f(x, y) = 0.05x² + 5y² = ½‖(√0.1 x, √10 y)‖².
    private sealed class RavineSurface() : Surface("ravine", "f(x, y) = 0.05x² + 5y²",
        [0.0, 0.0], [-4.0, 1.0], learningRate: 0.19, momentum: 0.7, iterations: 100)
    {
        public override T Loss<T>(ReadOnlySpan<T> x) =>
            T.CreateChecked(0.05) * x[0] * x[0] + T.CreateChecked(5) * x[1] * x[1];

        public override T[] Residuals<T>(ReadOnlySpan<T> x) =>
            [T.CreateChecked(Math.Sqrt(0.1)) * x[0], T.CreateChecked(Math.Sqrt(10)) * x[1]];

        // ∇f = (0.1x, 10y).
        public override double[] ClosedFormGradient(double[] x) => [0.1 * x[0], 10 * x[1]];
    }
}
