using System.Numerics.Tensors;
using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// The library's <see cref="Perceptron"/> and optimisers: the tensor-mode gradient of the network equals scalar
/// reverse mode on the network's scalar form, and one optimiser step equals its update rule worked by hand.
/// </summary>
public sealed class ModelProperties
{
    /// <summary>A random network (1–3 layers of width 1–4), seed, batch and targets.</summary>
    public sealed record NetworkCase(int[] Sizes, ActivationFunction Hidden, int Seed, int Batch, double[] X, double[] Y)
    {
        /// <inheritdoc/>
        public override string ToString() => $"{string.Join("-", Sizes)} {Hidden}, seed {Seed}, batch {Batch}";
    }

    // Random networks (1–3 layers of width 1–4) with a hidden activation of the given ones, a seed, a batch and targets.
    private static Gen<NetworkCase> NetworkCases(params ActivationFunction[] hidden) =>
        from depth in Gen.Choose(1, 3)
        from sizes in Gen.ArrayOf(Gen.Choose(1, 4), depth + 1)
        from activation in Gen.Elements(hidden)
        from seed in Gen.Choose(0, 1000)
        from batch in Gen.Choose(1, 5)
        from x in MatrixCases.Entries(batch * sizes[0])
        from y in MatrixCases.Entries(batch * sizes[^1])
        select new NetworkCase(sizes, activation, seed, batch, x, y);

    private static readonly Arbitrary<NetworkCase> Networks =
        Arb.From(NetworkCases(ActivationFunction.Tanh, ActivationFunction.Sigmoid, ActivationFunction.Relu));

    [Fact]
    public void Tensor_gradient_of_the_perceptron_equals_scalar_reverse_mode_on_its_scalar_form() =>
        Verify.ForAll(Networks, c =>
        {
            var network = new Perceptron(c.Sizes, c.Hidden, ActivationFunction.Sigmoid);
            Tensor<double>[] theta = network.Initialize<double>(c.Seed);
            TensorVar<double> x = Tensor.Create((double[])c.X.Clone(), [c.Batch, c.Sizes[0]]);
            TensorVar<double> y = Tensor.Create((double[])c.Y.Clone(), [c.Batch, c.Sizes[^1]]);
            double[] tensor = network.Flatten<double>(Autodiff.Tensors.Grad(p => network.SquaredLoss(p, x, y), theta));
            double[] scalar = Autodiff.Reverse.Grad<double>(p => network.ScalarSquaredLoss(p, c.X, c.Y), network.Flatten<double>(theta));
            Assert.Equal(network.ParameterCount, tensor.Length);
            for (int k = 0; k < tensor.Length; k++)
                Tolerance.AssertClose(scalar[k], tensor[k], Tolerance.Exact, $"∂L/∂θ_{k}");
        });

    /// <summary>A random network with any hidden and output activation (the identity included) and a batch.</summary>
    private static readonly Arbitrary<(NetworkCase Case, ActivationFunction Output)> AnyActivations = Arb.From(
        NetworkCases(Enum.GetValues<ActivationFunction>()).Zip(Gen.Elements(Enum.GetValues<ActivationFunction>())));

    // The case's network, its initial θ and its batch X as an N×n₀ tensor.
    private static (Perceptron Network, Tensor<double>[] Theta, Tensor<double> X) Network(NetworkCase c, ActivationFunction output)
    {
        var network = new Perceptron(c.Sizes, c.Hidden, output);
        // Initialize sets every bias to 0; nonzero biases (0.1, −0.2, 0.3, …) make them count.
        Tensor<double>[] theta = network.Initialize<double>(c.Seed);
        for (int i = 1; i < theta.Length; i += 2)
            theta[i] = Tensor.Create([.. Enumerable.Range(1, (int)theta[i].FlattenedLength).Select(k => k % 2 == 1 ? 0.1 * k : -0.1 * k)], theta[i].Lengths);
        return (network, theta, Tensor.Create((double[])c.X.Clone(), [c.Batch, c.Sizes[0]]));
    }

    [Fact]
    public void Plain_prediction_and_loss_equal_the_tensor_and_the_scalar_network() =>
        Verify.ForAll(AnyActivations, p =>
        {
            NetworkCase c = p.Case;
            (Perceptron network, Tensor<double>[] theta, Tensor<double> x) = Network(c, p.Output);
            double[] flat = network.Flatten<double>(theta);
            TensorVar<double>[] parameters = Array.ConvertAll(theta, t => (TensorVar<double>)t);
            Tensor<double> y = Tensor.Create((double[])c.Y.Clone(), [c.Batch, c.Sizes[^1]]);

            Tensor<double> plain = network.Predict<double>(theta, x);
            Assert.Equal([c.Batch, c.Sizes[^1]], plain.Lengths.ToArray().Select(l => (int)l));
            TensorAssert.Close(network.ScalarForward<double, double>(flat, c.X), plain, Tolerance.Exact, $"{c}: plain F_K vs scalar");
            TensorAssert.Close(TensorAssert.Flat(network.Forward<double>(parameters, x).ToTensor()), plain, Tolerance.Exact, $"{c}: plain F_K vs tensor");
            Tolerance.AssertClose(network.ScalarSquaredLoss<double, double>(flat, c.X, c.Y), network.SquaredLoss<double>(theta, x, y),
                Tolerance.Exact, $"{c}: plain L vs scalar");

            // One sample as a vector gives the first row, as a vector.
            Tensor<double> single = network.Predict<double>(theta, Tensor.Create(c.X[..c.Sizes[0]], [c.Sizes[0]]));
            Assert.Equal([c.Sizes[^1]], single.Lengths.ToArray().Select(l => (int)l));
            TensorAssert.Close(TensorAssert.Flat(plain)[..c.Sizes[^1]], single, Tolerance.Exact, $"{c}: one sample");
            TensorVar<double> tensorSingle = network.Forward<double>(parameters, Tensor.Create(c.X[..c.Sizes[0]], [c.Sizes[0]]));
            Assert.Equal(Shape.Vector(c.Sizes[^1]), tensorSingle.Shape);
            TensorAssert.Close(TensorAssert.Flat(single), tensorSingle.ToTensor(), Tolerance.Exact, $"{c}: one sample, tensor mode");
        });

    [Fact]
    public void Cross_entropy_gradients_equal_scalar_mode_and_the_closed_form_for_any_nonnegative_targets() =>
        Verify.ForAll(AnyActivations, p =>
        {
            // Targets in [0, 2], not rows of probabilities: ∂L/∂F_K = softmax(F_K)·Σ_j y_j − y and ∂L/∂Y = −log softmax(F_K).
            NetworkCase c = p.Case;
            (Perceptron network, Tensor<double>[] theta, Tensor<double> x) = Network(c, p.Output);
            double[] y = [.. c.Y.Select(v => Math.Abs(v))];
            Tensor<double> targets = Tensor.Create(y, [c.Batch, c.Sizes[^1]]);
            Tensor<double>[] gradient = Autodiff.Tensors.Grad(v => network.CrossEntropyLoss(v[..^1], x, v[^1]), [.. theta, targets]);
            double[] scalar = Autodiff.Reverse.Grad<double>(q => network.ScalarCrossEntropyLoss(q, c.X, y), network.Flatten<double>(theta));
            TensorAssert.Close(scalar, network.Flatten<double>(gradient[..^1]), Tolerance.Exact, $"{c}: ∂L/∂θ");
            double[] logits = TensorAssert.Flat(network.Predict<double>(theta, x));
            int width = c.Sizes[^1];
            var expected = new double[logits.Length];
            for (int row = 0; row < logits.Length; row += width)
            {
                double max = logits.Skip(row).Take(width).Max();
                double logSum = Math.Log(logits.Skip(row).Take(width).Sum(z => Math.Exp(z - max)));
                for (int j = 0; j < width; j++)
                    expected[row + j] = -(logits[row + j] - max - logSum);
            }
            TensorAssert.Close(expected, gradient[^1], Tolerance.Exact, $"{c}: ∂L/∂Y");
        });

    [Fact]
    public void A_momentum_step_is_the_heavy_ball_update_and_leaves_its_input_state_alone()
    {
        var optimizer = new MomentumDescent(learningRate: 0.1, momentum: 0.5);
        MomentumState<double> start = optimizer.Start(Autodiff.Tensors.Vector(1.0, -2.0));
        MomentumState<double> one = optimizer.Step(start, [Autodiff.Tensors.Vector(4.0, 2.0)]);
        MomentumState<double> two = optimizer.Step(one, [Autodiff.Tensors.Vector(-2.0, 0.0)]);
        // v₁ = −0.1·g₁ = (−0.4, −0.2); θ₁ = (0.6, −2.2); v₂ = 0.5·v₁ − 0.1·g₂ = (0, −0.1); θ₂ = (0.6, −2.3).
        AssertEntries([0.6, -2.2], one.Parameters[0]);
        AssertEntries([0.6, -2.3], two.Parameters[0]);
        AssertEntries([1.0, -2.0], start.Parameters[0]);
        Assert.Equal(2, two.Steps);
    }

    [Fact]
    public void The_first_Adam_step_moves_each_coordinate_by_eta_against_the_sign_of_its_gradient()
    {
        // With bias correction, m̂₁ = g and v̂₁ = g², so θ₁ = θ₀ − η g/(|g| + ε).
        var optimizer = new Adam(learningRate: 0.01, epsilon: 1e-8);
        AdamState<double> one = optimizer.Step(optimizer.Start(Autodiff.Tensors.Vector(1.0, -2.0, 0.5)), [Autodiff.Tensors.Vector(3.0, -0.25, 0.0)]);
        AssertEntries([1.0 - 0.01 * 3 / (3 + 1e-8), -2.0 + 0.01 * 0.25 / (0.25 + 1e-8), 0.5], one.Parameters[0]);
    }

    [Fact]
    public void Bad_networks_and_hyperparameters_are_rejected_by_name()
    {
        Assert.Equal("sizes", Assert.Throws<ArgumentException>(() => new Perceptron([3], ActivationFunction.Tanh, ActivationFunction.Identity)).ParamName);
        Assert.Equal("sizes", Assert.Throws<ArgumentException>(() => new Perceptron([3, 0, 1], ActivationFunction.Tanh, ActivationFunction.Identity)).ParamName);
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new MomentumDescent(0)).ParamName);
        Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new MomentumDescent(0.1, 1.0)).ParamName);
        Assert.Equal("beta2", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta2: -0.1)).ParamName);
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(epsilon: double.NaN)).ParamName);
    }

    private static void AssertEntries(double[] expected, Tensor<double> actual)
    {
        var flat = new double[actual.FlattenedLength];
        actual.FlattenTo(flat);
        Assert.Equal(expected.Length, flat.Length);
        for (int k = 0; k < flat.Length; k++)
            Tolerance.AssertClose(expected[k], flat[k], Tolerance.Exact, $"entry {k}");
    }
}
