using System.Numerics;
using static Autodiff.Properties.Theory.TheoryModels;
using static Autodiff.Properties.Support.Refusals;

namespace Autodiff.Properties.Theory;

/// <summary>
/// Every refusal of the theory combinators (Lanczos, conjugate gradient, the Fisher, the low-rank curvature model,
/// kernel dynamics, the linearized model, gradient flow, adversarial sensitivity, representation spectra, invariance,
/// per-example Jacobians) names its parameter and says what is wrong, with the numbers involved: a message that lost
/// its text or its numbers would still throw, so each is read. The values at the edge of each range are accepted.
/// </summary>
public sealed class TheoryMessageTests
{
    private static readonly Func<double[], double[]> Identity = v => v;
    private static readonly PerceptronModel OneUnit = new Perceptron([2, 1], ActivationFunction.Tanh, ActivationFunction.Identity).AsModel();
    private static readonly double[] Theta = [1, 2, 3], X = [0.5, -0.5];

    private static void OutOfRange(string parameter, Action act, params string[] fragments) =>
        Refused<ArgumentOutOfRangeException>(parameter, act, fragments);

    [Fact]
    public void Lanczos_says_what_is_wrong_with_its_arguments()
    {
        Refused<ArgumentNullException>("product", () => Lanczos.TopEigenpairs<double>(null!, 3, 1));
        OutOfRange("n", () => Lanczos.TopEigenpairs(Identity, -1, 1));
        OutOfRange("k", () => Lanczos.TopEigenpairs(Identity, 3, -1));
        OutOfRange("maxSteps", () => Lanczos.TopEigenpairs(Identity, 3, 1, maxSteps: -1));
        OutOfRange("maxSteps", () => Lanczos.TopEigenpairs(Identity, 5, 3, maxSteps: 2), "maxSteps must be 0 (automatic) or at least k = 3.");
        foreach (double tolerance in new[] { -1e-3, double.NaN, double.PositiveInfinity })
            OutOfRange("tolerance", () => Lanczos.TopEigenpairs(Identity, 3, 1, tolerance: tolerance), "The tolerance must be finite and non-negative.");
        Refused("product", () => Lanczos.TopEigenpairs<double>(v => [1.0], 3, 1), "product returned 1 entries; it must return a vector of 3.");
        Refused("product", () => Lanczos.TopEigenpairs<double>(v => null!, 3, 1), "product returned null; it must return a vector of 3.");
        // The edges are accepted: maxSteps = k, tolerance 0, k = n.
        Assert.Equal(3, Lanczos.TopEigenpairs(Identity, 5, 3, maxSteps: 3).Count);
        Assert.Equal(1, Lanczos.TopEigenpairs(Identity, 3, 1, tolerance: 0).Count);
        Assert.Equal(3, Lanczos.TopEigenpairs(Identity, 3, 3).Count);
    }

    [Fact]
    public void Eigenpairs_and_the_low_rank_model_say_what_is_wrong()
    {
        Func<double[], double[]> twice = v => [.. v.Select(e => 2 * e)];
        Eigenpairs<double> top = Lanczos.TopEigenpairs(twice, 3, 2);
        OutOfRange("i", () => top.Vector(-1));
        OutOfRange("i", () => top.Vector(2));
        Assert.Equal(3, top.Vector(1).Length);
        foreach (double damping in new[] { 0.0, -1.0, double.NaN, double.PositiveInfinity })
            OutOfRange("damping", () => top.WithDamping(damping), "The damping λ must be positive and finite.");
        // On ℝ¹, A = −2 exactly: λ₁ + λ ≤ 0 for λ ≤ 2, so the model is not positive definite.
        Eigenpairs<double> negative = Lanczos.TopEigenpairs<double>(v => [-2 * v[0]], 1, 1);
        OutOfRange("damping", () => negative.WithDamping(1.0), "λᵢ + λ = -1 is not positive", "the model must be positive definite to invert");
        OutOfRange("damping", () => negative.WithDamping(2.0), "λᵢ + λ = 0 is not positive");
        Assert.Equal(2.5, negative.WithDamping(2.5).Damping);
        LowRankCurvature<double> model = top.WithDamping(1.0);
        Refused("v", () => model.Solve([1.0]), "v has 1 entries but the model acts on ℝ^3.");
        Refused("v", () => model.Product([1.0, 2.0, 3.0, 4.0]), "v has 4 entries but the model acts on ℝ^3.");
    }

    [Fact]
    public void Conjugate_gradient_says_what_is_wrong_with_its_arguments()
    {
        Refused<ArgumentNullException>("product", () => ConjugateGradient.Solve<double>(null!, [1.0]));
        Refused<ArgumentNullException>("b", () => ConjugateGradient.Solve<double>(Identity, null!));
        Refused("b", () => ConjugateGradient.Solve<double>(Identity, []), "b is empty; the system needs at least one equation.");
        OutOfRange("maxIterations", () => ConjugateGradient.Solve<double>(Identity, [1.0], maxIterations: -1));
        foreach (double tolerance in new[] { -1e-3, double.NaN, double.PositiveInfinity })
            OutOfRange("tolerance", () => ConjugateGradient.Solve<double>(Identity, [1.0], tolerance), "The tolerance must be finite and non-negative.");
        Refused("product", () => ConjugateGradient.Solve<double>(v => [1.0], [1.0, 2.0]), "product returned 1 entries; it must return a vector of 2.");
        Refused("product", () => ConjugateGradient.Solve<double>(v => null!, [1.0, 2.0]), "product returned null; it must return a vector of 2.");
        Refused("preconditioner", () => ConjugateGradient.Solve<double>(Identity, [1.0, 2.0], preconditioner: v => [1.0, 2.0, 3.0]),
            "preconditioner returned 3 entries; it must return a vector of 2.");
        // The edges are accepted: tolerance 0 (run to maxIterations or an exact zero residual) and one iteration.
        ConjugateGradientResult<double> exact = ConjugateGradient.Solve<double>(Identity, [1.0, 2.0], 0, maxIterations: 1);
        Assert.Equal(1, exact.Iterations);
        Assert.Equal([1.0, 2.0], exact.Solution);
    }

    [Fact]
    public void The_Fisher_says_what_is_wrong_with_its_arguments()
    {
        Refused<ArgumentNullException>("scores", () => EmpiricalFisher<double>.FromScores(null!));
        Refused("scores", () => EmpiricalFisher<double>.FromScores(new double[2, 0]),
            "scores is empty; the Fisher needs at least one score of at least one parameter.");
        EmpiricalFisher<double> f = EmpiricalFisher<double>.FromScores(new double[,] { { 1, 2 }, { 3, 4 } });
        Refused("v", () => f.Product([1.0, 2.0, 3.0]), "v has 3 entries but the Fisher has 2 parameters.");
        Refused("parameters", () => f.NaturalGradientStep([1.0], [1.0, 1.0], 0.1, 0.0), "parameters has 1 entries but the Fisher has 2.");
        Refused("gradient", () => f.NaturalGradientStep([1.0, 2.0], [1.0, 1.0, 1.0], 0.1, 0.0), "gradient has 3 entries but the Fisher has 2.");
        foreach (double eta in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
            OutOfRange("learningRate", () => f.NaturalGradientStep([1.0, 2.0], [1.0, 1.0], eta, 0.0), "The learning rate η must be finite.");
        foreach (double damping in new[] { -1e-3, double.NaN, double.PositiveInfinity })
            OutOfRange("damping", () => f.NaturalGradientStep([1.0, 2.0], [1.0, 1.0], 0.1, damping), "The damping λ must be finite and non-negative.");
        // A negative learning rate is allowed (an ascent step): finite is all η must be.
        Assert.Equal(2, f.NaturalGradientStep([1.0, 2.0], [1.0, 1.0], -0.1, 0.0).Length);

        var nll = new GaussianNll<TanhUnit>(new TanhUnit(), 1, 1.0);
        Refused<ArgumentNullException>("examples", () => Fisher.Empirical(nll, [1.0, 2.0], (double[,])null!));
        Refused("examples", () => Fisher.Empirical(nll, [1.0, 2.0], new double[0, 2]),
            "examples has no examples; a batch needs at least one row of at least one entry.");
        Refused("parameters", () => Fisher.Empirical(nll, ReadOnlySpan<double>.Empty, new double[1, 2]),
            "parameters is empty; the model needs at least one parameter.");
        Refused("v", () => Fisher.GaussNewtonProduct(OneUnit, Theta, new double[1, 2], [1.0]), "v has length 1 but parameters has length 3");
    }

    [Fact]
    public void Per_example_Jacobians_say_what_is_wrong_with_the_batch()
    {
        Refused("inputs", () => PerExample.Jacobians(OneUnit, Theta, new double[1, 0]),
            "inputs has no examples; a batch needs at least one row of at least one entry.");
        Refused("parameters", () => PerExample.Jacobians(OneUnit, ReadOnlySpan<double>.Empty, new double[1, 2]),
            "parameters is empty; the model needs at least one parameter.");
        var twoOutputs = new Perceptron([2, 2], ActivationFunction.Tanh, ActivationFunction.Identity).AsModel();
        Refused("model", () => PerExample.Gradients(twoOutputs, new double[6], new double[3, 2]),
            "The model returns 2 outputs; per-example gradients need a scalar model (m = 1).");
        // The number of outputs changes from the first example to the third (serially and over the cores).
        foreach (bool parallel in new[] { false, true })
            Refused("model", () => PerExample.Jacobians(new Growing(), [1.0], Matrix([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9], 9, 2), parallel),
                "The model returned 2 outputs for example 2 but 1 for example 0; its number of outputs must not change.");
    }

    // f(θ, x) with one output where x₀ < 3 and two from there on.
    private readonly struct Growing : IModel
    {
        public T[] F<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> input) where T : IFloatingPointIeee754<T> =>
            input[0] < T.CreateChecked(3) ? [parameters[0] * input[0]] : [parameters[0] * input[0], parameters[0]];
    }

    [Fact]
    public void Kernel_dynamics_say_what_is_wrong_with_their_arguments()
    {
        double[,] k = { { 2, 1 }, { 1, 2 } };
        double[] y = [1, -1], y0 = [0, 0];
        Refused<ArgumentNullException>("kernel", () => NeuralTangentKernel.Dynamics(null!, 0.1, y, y0));
        Refused<ArgumentNullException>("targets", () => NeuralTangentKernel.Dynamics(k, 0.1, null!, y0));
        Refused<ArgumentNullException>("initialPredictions", () => NeuralTangentKernel.Dynamics(k, 0.1, y, null!));
        foreach (double eta in new[] { 0.0, -0.1, double.NaN, double.PositiveInfinity })
            OutOfRange("learningRate", () => NeuralTangentKernel.Dynamics(k, eta, y, y0), "The learning rate η must be positive and finite.");
        Refused("kernel", () => NeuralTangentKernel.Dynamics(new double[,] { { 2, 1 }, { 0, 2 } }, 0.1, y, y0), "kernel is not symmetric");
        Refused("kernel", () => NeuralTangentKernel.Dynamics(new double[2, 3], 0.1, y, y0), "kernel is 2×3; it must be square (n×n).");
        Refused("targets", () => NeuralTangentKernel.Dynamics(k, 0.1, [1.0, 2.0, 3.0], y0),
            "targets has 3 entries but K is 2×2; y needs one per row of K.");
        Refused("initialPredictions", () => NeuralTangentKernel.Dynamics(k, 0.1, y, [0.0]),
            "initialPredictions has 1 entries but K is 2×2; ŷ(0) needs one per row of K.");
        KernelDynamics<double> d = NeuralTangentKernel.Dynamics(k, 0.1, y, y0);
        OutOfRange("k", () => d.Mode(-1));
        OutOfRange("k", () => d.Mode(2));
        Assert.Equal(2, d.Mode(1).Length);
        foreach (double t in new[] { -1.0, double.NaN, double.PositiveInfinity })
            OutOfRange("t", () => d.Flow(t), "The time t must be finite and non-negative.");
        OutOfRange("steps", () => d.Descent(-1));
        // t = 0 and zero steps are the initial predictions.
        Assert.Equal(y0, d.Flow(0.0), (a, b) => Math.Abs(a - b) <= 1e-14);
        Assert.Equal(y0, d.Descent(0), (a, b) => Math.Abs(a - b) <= 1e-14);
    }

    [Fact]
    public void The_linearized_model_says_what_is_wrong_with_its_arguments()
    {
        Refused<ArgumentNullException>("model", () => NeuralTangentKernel.Linearized((IModel)null!, Theta));
        Refused<ArgumentNullException>("expansionPoint", () => NeuralTangentKernel.Linearized(OneUnit, null!));
        Refused("expansionPoint", () => NeuralTangentKernel.Linearized(OneUnit, []), "expansionPoint is empty; the model needs at least one parameter.");
        LinearizedModel<PerceptronModel> lin = NeuralTangentKernel.Linearized(OneUnit, Theta);
        Refused("parameters", () => lin.F<double>([1.0, 2.0], X), "parameters has 2 entries but the expansion point θ₀ has 3.");
        // The expansion point is a copy, both ways.
        double[] point = lin.ExpansionPoint;
        point[0] = 99;
        Assert.Equal(Theta, lin.ExpansionPoint);
    }

    [Fact]
    public void Gradient_flow_says_what_is_wrong_with_its_arguments()
    {
        Refused<ArgumentNullException>("loss", () => GradientFlow.Integrate<double>(null!, [1.0], 1.0, 1e-6));
        foreach (double end in new[] { 0.0, -1.0, double.NaN, double.PositiveInfinity })
            OutOfRange("endTime", () => GradientFlow.Integrate<double>(Support.TestFunctions.SumOfSquares, [1.0], end, 1e-6),
                "The end time T must be positive and finite.");
        foreach (double tolerance in new[] { 0.0, 1.0, -0.5, double.NaN })
            OutOfRange("tolerance", () => GradientFlow.Integrate<double>(Support.TestFunctions.SumOfSquares, [1.0], 1.0, tolerance),
                "The tolerance must lie in (0, 1).");
        OutOfRange("maxSteps", () => GradientFlow.Integrate<double>(Support.TestFunctions.SumOfSquares, [1.0], 1.0, 1e-6, -1));
        // L = √(−θ) is NaN at θ₀ = 1, and so is its gradient.
        Refused("loss", () => GradientFlow.Integrate<double>(t => Tracked<double>.Sqrt(-t[0]), [1.0], 1.0, 1e-6),
            "The gradient of the loss is not finite along the flow.");
    }

    [Fact]
    public void Adversarial_sensitivity_says_what_is_wrong_with_its_arguments()
    {
        Refused<ArgumentNullException>("loss", () => Adversarial.Sensitivity<double>(null!, X));
        Refused("x", () => Adversarial.Sensitivity<double>(v => v[0], ReadOnlySpan<double>.Empty), "x is empty");
        Refused<ArgumentNullException>("model", () => Adversarial.JacobianNormSquared((IModel)null!, Theta, X));
        Refused("parameters", () => Adversarial.JacobianNormSquared(OneUnit, ReadOnlySpan<double>.Empty, X),
            "parameters is empty; the model needs at least one parameter.");
        Refused("input", () => Adversarial.JacobianPenalty(OneUnit, Theta, ReadOnlySpan<double>.Empty),
            "input is empty; the model needs at least one input.");
        OutOfRange("probes", () => Adversarial.JacobianPenalty(OneUnit, Theta, X, -1));
        OutOfRange("probe", () => Adversarial.JacobianPenalty(OneUnit, Theta, X, 2, (JacobianProbe)2), "The probe distribution must be Rademacher or Gaussian.");
        // One output at the first evaluation, two when differentiated: the projection refuses the change.
        Refused("model", () => Adversarial.JacobianPenalty(new OutputsByType(), [1.0], [1.0], 2),
            "The model returned 2 outputs but 1 before; its number of outputs must not change.");
        Refused("model", () => Adversarial.JacobianPenalty(new OutputsByType(), [1.0], [1.0]),
            "The model returned 2 outputs but 1 before; its number of outputs must not change.");

        InputSensitivity<double> s = Adversarial.Sensitivity<double>(v => v[0] * v[1], X);
        Refused("delta", () => s.Change([1.0]), "delta has length 1 but x has length 2");
        foreach (double epsilon in new[] { -1e-3, double.NaN, double.PositiveInfinity })
        {
            OutOfRange("epsilon", () => s.WorstCaseL2(epsilon), "The budget ε must be non-negative and finite.");
            OutOfRange("epsilon", () => s.WorstDirectionL2(epsilon), "The budget ε must be non-negative and finite.");
            OutOfRange("epsilon", () => s.Fgsm(epsilon), "The budget ε must be non-negative and finite.");
            OutOfRange("epsilon", () => s.WorstCaseLInf(epsilon), "The budget ε must be non-negative and finite.");
        }
        // ε = 0 is a budget: nothing moves.
        Assert.Equal(0.0, s.WorstCaseL2(0));
        Assert.Equal([0.0, 0.0], s.Fgsm(0));
    }

    // One output on double, two on any other number type.
    private readonly struct OutputsByType : IModel
    {
        public T[] F<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> input) where T : IFloatingPointIeee754<T> =>
            typeof(T) == typeof(double) ? [parameters[0] * input[0]] : [parameters[0] * input[0], input[0]];
    }

    [Fact]
    public void Representation_spectra_say_what_is_wrong_with_their_arguments()
    {
        Refused<ArgumentNullException>("model", () => Representation.Spectrum((IModel)null!, Theta, X));
        Refused("parameters", () => Representation.Spectrum(OneUnit, ReadOnlySpan<double>.Empty, X), "parameters is empty; the model needs at least one parameter.");
        Refused("input", () => Representation.Spectrum(OneUnit, Theta, ReadOnlySpan<double>.Empty), "input is empty; the model needs at least one input.");
        Refused("model", () => Representation.Spectrum(new NoOutputs(), Theta, X), "The model returned no outputs; a representation needs at least one.");
        const string undefined = "The Jacobian of the model at θ and x has a NaN or infinite entry; its spectrum is undefined.";
        // Jₓ of θ₀x₀x₁ is [θ₀x₁, θ₀x₀]: NaN where θ₀ is (θ to blame) or where x₀ is (x to blame).
        Refused("parameters", () => Representation.Spectrum(new Bilinear(), [double.NaN], X), undefined);
        Refused("input", () => Representation.Spectrum(new Bilinear(), [1.0], [double.NaN, 1.0]), undefined);
        JacobianSpectrum<double> spectrum = Representation.Spectrum(OneUnit, Theta, X);
        foreach (double tolerance in new[] { 0.0, 1.0, -0.5, double.NaN })
            OutOfRange("tolerance", () => spectrum.Rank(tolerance), "The relative tolerance must lie in (0, 1).");
    }

    private readonly struct Bilinear : IModel
    {
        public T[] F<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> input) where T : IFloatingPointIeee754<T> =>
            [parameters[0] * input[0] * input[1]];
    }

    private readonly struct NoOutputs : IModel
    {
        public T[] F<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> input) where T : IFloatingPointIeee754<T> => [];
    }

    [Fact]
    public void The_Lie_derivative_says_what_is_wrong_with_its_arguments()
    {
        ScalarFunction<Dual<double>> f = v => v[0] * v[1];
        Refused<ArgumentNullException>("f", () => Invariance.LieDerivative<double>(null!, X, new double[2, 2]));
        Refused<ArgumentNullException>("generator", () => Invariance.LieDerivative(f, X, null!));
        Refused("x", () => Invariance.LieDerivative(f, ReadOnlySpan<double>.Empty, new double[0, 0]), "x is empty");
        Refused("generator", () => Invariance.LieDerivative(f, X, new double[3, 3]), "generator is 3×3 but x has 2 entries; G must be n×n.");
        // Rows or columns alone wrong.
        Refused("generator", () => Invariance.LieDerivative(f, X, new double[2, 3]), "generator is 2×3 but x has 2 entries");
        Refused("generator", () => Invariance.LieDerivative(f, X, new double[3, 2]), "generator is 3×2 but x has 2 entries");
    }
}
