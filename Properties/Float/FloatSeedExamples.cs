using System.Numerics.Tensors;
using Autodiff.Properties.Support;
using LanguageExt;
using Seeds = Autodiff.Properties.Forward.SeedExamples;

namespace Autodiff.Properties.Float;

/// <summary>
/// The seeds' worked examples on <c>float</c>: the same generic functions differentiated in every mode with
/// <c>T = float</c>, compared with the closed form evaluated in double at the same (float) point.
/// </summary>
/// <remarks>
/// Float's ε is 2⁻²³ ≈ 1.2·10⁻⁷. These examples take a few dozen roundings on moderately conditioned expressions, so
/// they agree to <see cref="FloatTolerance"/> = 10⁻⁴ relative (floor 1); a wrong rule or a lost tangent misses it by
/// orders of magnitude.
/// </remarks>
public sealed class FloatSeedExamples
{
    /// <summary>The float tolerance: about 800 ε of float.</summary>
    public const double FloatTolerance = 1e-4;

    private static void Close(double expected, float actual, string what) =>
        Tolerance.AssertClose(expected, actual, FloatTolerance, what);

    private static float[] ToFloat(double[] x) => Array.ConvertAll(x, v => (float)v);

    [Fact]
    public void Partial_derivatives_of_x_plus_2y_cubed_squared_forward_and_reverse() =>
        Verify.ForAll(Cases.Vectors(2, -2, 2), p =>
        {
            float[] v = ToFloat(p);
            double x = v[0], y = v[1], inner = x + 2 * y * y * y;
            float[] forward = Autodiff.Forward.Gradient(Seeds.Square, v);
            float[] reverse = Autodiff.Reverse.Grad(Seeds.Square, v);
            Close(2 * inner, forward[0], "forward ∂f/∂x = 2(x + 2y³)");
            Close(12 * inner * y * y, forward[1], "forward ∂f/∂y = 12(x + 2y³)y²");
            Close(2 * inner, reverse[0], "reverse ∂f/∂x");
            Close(12 * inner * y * y, reverse[1], "reverse ∂f/∂y");
        });

    [Fact]
    public void Gradient_of_x1_squared_x2_plus_x1_x2_cubed_by_transforms() =>
        Verify.ForAll(Cases.Vectors(2, -3, 3), p =>
        {
            float[] v = ToFloat(p);
            double x1 = v[0], x2 = v[1];
            float[] gradient = Autodiff.Reverse.Grad(Seeds.Polynomial, v);
            float[] hessian = new PolynomialValue().Hessian().F<float>(v);
            Close(2 * x1 * x2 + x2 * x2 * x2, gradient[0], "∂f/∂x₁ = 2x₁x₂ + x₂³");
            Close(x1 * x1 + 3 * x1 * x2 * x2, gradient[1], "∂f/∂x₂ = x₁² + 3x₁x₂²");
            Close(2 * x2, hessian[0], "∂²f/∂x₁² = 2x₂");
            Close(2 * x1 + 3 * x2 * x2, hessian[1], "∂²f/∂x₁∂x₂ = 2x₁ + 3x₂²");
            Close(6 * x1 * x2, hessian[3], "∂²f/∂x₂² = 6x₁x₂");
            float[] along = new PolynomialValue().Hvp().Along(0f, 1f).F<float>(v);
            Close(2 * x1 + 3 * x2 * x2, along[0], "H e₂ row 1: ∂²f/∂x₁∂x₂");
            Close(6 * x1 * x2, along[1], "H e₂ row 2: ∂²f/∂x₂²");
        });

    [Fact]
    public void Chain_rule_through_sin_and_cos() =>
        Verify.ForAll(Cases.Points(-6, 6), p =>
        {
            float t = (float)p;
            Close(2 * Math.Sin(t) * (Math.Cos(t) - 1), Autodiff.Forward.Derivative(Seeds.ChainOfSinCos, t), "df/dt = 2 sin t (cos t − 1)");
        });

    [Fact]
    public void Backpropagation_example_in_every_mode() =>
        Verify.ForAll(Cases.Points(-1.5, 1.5), p =>
        {
            float x = (float)p;
            double a = (double)x * x, c = a + Math.Exp(a);
            double dfdc = 1 / (2 * Math.Sqrt(c)) - Math.Sin(c);
            double dcda = 1 + Math.Exp(a);
            double dfdx = dfdc * dcda * 2 * x;
            // f″ = (d/dx)(f′(c) c′(x)) = f″(c) c′² + f′(c) c″ with c′ = 2x(1 + eᵃ), c″ = 2(1 + eᵃ) + 4x² eᵃ.
            double d2fdc2 = -1 / (4 * c * Math.Sqrt(c)) - Math.Cos(c);
            double dc = 2 * x * dcda, d2c = 2 * dcda + 4 * x * x * Math.Exp(a);
            double d2fdx2 = d2fdc2 * dc * dc + dfdc * d2c;
            // Near a zero of f′(c) or of f″ the terms cancel, and float's rounding of each term (not the rule) sets the
            // error: there the scale of the comparison is the terms' magnitude. At x ≈ ±1.48 f″ misses 10⁻⁴ relative
            // to itself (1.3·10⁻³, scanned over 3·10⁵ points) but is within 1.3·10⁻⁵ of its terms' magnitude.
            double scale1 = (1 / (2 * Math.Sqrt(c)) + Math.Abs(Math.Sin(c))) * Math.Abs(dc);
            double scale2 = (1 / (4 * c * Math.Sqrt(c)) + Math.Abs(Math.Cos(c))) * dc * dc + Math.Abs(dfdc) * d2c;
            void Close1(double expected, float actual, string what) =>
                Tolerance.AssertClose(expected, actual, FloatTolerance, what, Math.Max(1, scale1));
            void Close2(double expected, float actual, string what) =>
                Tolerance.AssertClose(expected, actual, FloatTolerance, what, Math.Max(1, scale2));
            Close1(dfdx, Autodiff.Forward.Derivative(Seeds.Backprop, x), "Dual<float>: f′");
            Close1(dfdx, Autodiff.Reverse.Grad<float>(v => Seeds.Backprop(v[0]), [x])[0], "Tracked<float>: f′");
            Close2(d2fdx2, Autodiff.Forward.SecondDerivative(Seeds.Backprop, x), "HyperDual<float>: f″");
            float[] taylor = Autodiff.Forward.Taylor(Seeds.Backprop, x, order: 2);
            Close1(dfdx, taylor[1], "Taylor<float>: f′/1!");
            Close2(d2fdx2, 2 * taylor[2], "Taylor<float>: f″ = 2! · (f″/2!)");
            Close2(d2fdx2, Hessian.Hvp<float>(v => Seeds.Backprop(v[0]), [x], [1f])[0], "Tracked<Dual<float>>: f″·1");
        });

    [Fact]
    public void Least_squares_gradient_on_float_tensors_is_2_ATA_x_minus_b() =>
        Verify.ForAll(Cases.Vectors(2 * 2 + 2 + 2, -2, 2), p =>
        {
            float[] d = ToFloat(p);
            Tensor<float> a = Autodiff.Tensors.Matrix(new float[,] { { d[0], d[1] }, { d[2], d[3] } });
            Tensor<float> b = Autodiff.Tensors.Vector(d[4], d[5]), x0 = Autodiff.Tensors.Vector(d[6], d[7]);
            Tensor<float> g = Autodiff.Tensors.Grad(x => (TensorVar<float>.Constant(a).MatMul(x) - b).SquaredNorm(), x0);
            double r0 = (double)d[0] * d[6] + (double)d[1] * d[7] - d[4], r1 = (double)d[2] * d[6] + (double)d[3] * d[7] - d[5];
            Close(2 * (d[0] * r0 + d[2] * r1), g[0], "∂‖Ax − b‖²/∂x₀ = 2(Aᵀ(Ax − b))₀");
            Close(2 * (d[1] * r0 + d[3] * r1), g[1], "∂‖Ax − b‖²/∂x₁ = 2(Aᵀ(Ax − b))₁");
        });

    [Fact]
    public void A_Newton_step_on_float_reaches_the_minimum_of_a_quadratic() =>
        Verify.ForAll(Cases.Vectors(2, -3, 3), p =>
        {
            // f = (x − 1)² + 3(y + 2)² + xy has ∇²f = [[2, 1], [1, 6]]; its minimiser solves [[2, 1], [1, 6]] m = (2, −12).
            float[] x = ToFloat(p);
            Arr<float> step = Newton.Step<float>(Quadratic, x).ValueOrThrow();
            double det = 2 * 6 - 1, mx = (6 * 2 - 1 * -12) / det, my = (2 * -12 - 1 * 2) / det;
            Close(mx, x[0] + step[0], "x + Δx");
            Close(my, x[1] + step[1], "y + Δy");
        });

    [Fact]
    public void A_float_perceptron_has_the_same_gradient_in_tensor_and_scalar_mode() =>
        Verify.ForAll(Cases.Vectors(3 * 2 + 3, -1, 1), p =>
        {
            var network = new Perceptron([2, 3, 1], ActivationFunction.Tanh, ActivationFunction.Sigmoid);
            Tensor<float>[] theta = network.Initialize<float>(seed: 7);
            float[] xs = ToFloat(p[..6]), ys = ToFloat(p[6..]);
            TensorVar<float> x = Tensor.Create((float[])xs.Clone(), [3, 2]), y = Tensor.Create((float[])ys.Clone(), [3, 1]);
            float[] tensor = network.Flatten<float>(Autodiff.Tensors.Grad(q => network.SquaredLoss(q, x, y), theta));
            float[] scalar = Autodiff.Reverse.Grad<float>(q => network.ScalarSquaredLoss(q, xs, ys), network.Flatten<float>(theta));
            for (int k = 0; k < tensor.Length; k++)
                Close(scalar[k], tensor[k], $"∂L/∂θ_{k}");
        });

    private static T Quadratic<T>(ReadOnlySpan<T> v) where T : System.Numerics.IFloatingPointIeee754<T> =>
        (v[0] - T.One) * (v[0] - T.One) + T.CreateChecked(3) * (v[1] + T.CreateChecked(2)) * (v[1] + T.CreateChecked(2)) + v[0] * v[1];

    private readonly struct PolynomialValue : IScalarFunction
    {
        public T F<T>(ReadOnlySpan<T> x) where T : System.Numerics.IFloatingPointIeee754<T> => Seeds.Polynomial(x);
    }
}
