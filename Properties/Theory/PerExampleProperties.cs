using System.Numerics;
using Autodiff.Properties.Support;
using static Autodiff.Properties.Theory.TheoryModels;

namespace Autodiff.Properties.Theory;

/// <summary>
/// Per-example Jacobians (one reverse record per example) against the forward Jacobian of the whole batch computed by
/// the perceptron's own batch loop: the stacked rows must be the same numbers.
/// </summary>
public sealed class PerExampleProperties
{
    [Fact]
    public void Stacked_per_example_Jacobians_are_the_forward_Jacobian_of_the_batch() =>
        Verify.ForAll(Batches(), b =>
        {
            double[,] perExample = PerExample.Jacobians(b.Network.AsModel(), b.Theta, b.Inputs);
            double[] flat = b.Flat;
            double[,] batch = Autodiff.Forward.Jacobian<double>(theta => b.Network.ScalarForward(theta, flat), b.Theta);
            Assert.True(Difference(perExample, batch) <= Tolerance.Exact, $"per-example vs batch Jacobian: {Difference(perExample, batch):E2}");
        });

    [Fact]
    public void Per_example_gradients_of_a_scalar_model_are_reverse_gradients_one_example_at_a_time() =>
        Verify.ForAll(Batches(maxOutputs: 1), b =>
        {
            double[,] g = PerExample.Gradients(b.Network.AsModel(), b.Theta, b.Inputs);
            for (int i = 0; i < b.Inputs.GetLength(0); i++)
            {
                double[] x = Row(b.Inputs, i);
                double[] expected = Autodiff.Forward.Gradient<double>(theta => b.Network.ScalarForward(theta, x)[0], b.Theta);
                Assert.True(Difference(Row(g, i), expected) <= Tolerance.Exact);
            }
        });

    [Fact]
    public void Parallel_per_example_Jacobians_are_bit_identical_to_serial()
    {
        var net = new Perceptron([2, 5, 2], ActivationFunction.Tanh, ActivationFunction.Identity);
        double[] theta = net.Flatten<double>(net.Initialize<double>(3));
        double[,] x = Matrix([.. Enumerable.Range(0, 40).Select(i => Math.Sin(i))], 20, 2);
        double[,] parallel = PerExample.Jacobians(net.AsModel(), theta, x, parallel: true);
        double[,] serial = PerExample.Jacobians(net.AsModel(), theta, x, parallel: false);
        Assert.Equal(serial.Cast<double>(), parallel.Cast<double>());
    }

    [Fact]
    public void Bad_batches_are_refused_naming_the_argument()
    {
        var model = new Perceptron([2, 1], ActivationFunction.Tanh, ActivationFunction.Identity).AsModel();
        double[] theta = [1, 2, 3];
        Assert.Equal("parameters", Assert.ThrowsAny<ArgumentException>(() => PerExample.Jacobians(model, ReadOnlySpan<double>.Empty, new double[1, 2])).ParamName);
        Assert.Equal("inputs", Assert.ThrowsAny<ArgumentException>(() => PerExample.Jacobians(model, theta, new double[0, 2])).ParamName);
        Assert.Equal("inputs", Assert.ThrowsAny<ArgumentException>(() => PerExample.Jacobians(model, theta, (double[,])null!)).ParamName);
        Assert.Equal("model", Assert.ThrowsAny<ArgumentException>(() => PerExample.Jacobians((IModel)null!, theta, new double[1, 2])).ParamName);
        var twoOutputs = new Perceptron([2, 2], ActivationFunction.Tanh, ActivationFunction.Identity).AsModel();
        Assert.Equal("model", Assert.ThrowsAny<ArgumentException>(() => PerExample.Gradients(twoOutputs, new double[6], new double[1, 2])).ParamName);
        Assert.Equal("parameters", Assert.ThrowsAny<ArgumentException>(() => PerExample.Jacobians(model, new double[4], new double[1, 2])).ParamName);
    }
}
