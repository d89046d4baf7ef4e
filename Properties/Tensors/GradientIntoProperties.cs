using System.Numerics.Tensors;
using FsCheck;
using Autodiff.Properties.Support;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// <c>Tensors.ValueAndGradInto</c> writes, into the caller's tensors, the value and gradients <c>ValueAndGrad</c>
/// returns, bit for bit, whatever the buffers held before; and refuses destinations that do not fit, by name.
/// </summary>
public sealed class GradientIntoProperties
{
    internal static readonly Perceptron Network = new([3, 4, 2], ActivationFunction.Tanh, ActivationFunction.Identity);

    // A batch of 5 inputs and targets, entries in [−2, 2], and a seed for the parameters.
    internal static Arbitrary<double[]> Batches => Cases.Vectors(5 * 3 + 5 * 2 + 1, -2, 2);

    [Fact]
    public void Gradients_into_buffers_equal_the_returned_ones() => Verify.ForAll(Batches, data =>
    {
        Tensor<double> x = Tensor.Create(data[..15], [5, 3]), y = Tensor.Create(data[15..25], [5, 2]);
        Tensor<double>[] theta = Network.Initialize<double>(seed: (int)(1000 * data[25]));
        Func<TensorVar<double>[], TensorVar<double>> loss = p => Network.SquaredLoss(p, x, y);
        (double value, Tensor<double>[] expected) = Autodiff.Tensors.ValueAndGrad(loss, theta);
        // Stale buffers: every entry must be overwritten.
        Tensor<double>[] gradient = Array.ConvertAll(theta, t => Tensor.Create(Enumerable.Repeat(double.NaN, (int)t.FlattenedLength).ToArray(), t.Lengths));
        Assert.Equal(value, Autodiff.Tensors.ValueAndGradInto(loss, theta, gradient));
        for (int i = 0; i < theta.Length; i++)
            Assert.Equal(expected[i].ToArray(), gradient[i].ToArray());
    });

    [Fact]
    public void Destinations_that_do_not_fit_are_refused_by_name()
    {
        Tensor<double>[] theta = Network.Initialize<double>(seed: 1);
        Tensor<double> x = Tensor.Create(new double[15], [5, 3]), y = Tensor.Create(new double[10], [5, 2]);
        Func<TensorVar<double>[], TensorVar<double>> loss = p => Network.SquaredLoss(p, x, y);
        Tensor<double>[] Fitting() => Array.ConvertAll(theta, t => Tensor.Create(new double[t.FlattenedLength], t.Lengths));
        Tensor<double>[] tooFew = Fitting()[1..];
        Tensor<double>[] transposed = Fitting();
        transposed[0] = Tensor.Create(new double[theta[0].FlattenedLength], [theta[0].Lengths[1], theta[0].Lengths[0]]);
        Tensor<double>[] withNull = Fitting();
        withNull[1] = null!;
        foreach (Tensor<double>[]? gradient in new[] { null, tooFew, transposed, withNull })
            Assert.Equal("gradient", Assert.ThrowsAny<ArgumentException>(() => Autodiff.Tensors.ValueAndGradInto(loss, theta, gradient!)).ParamName);
    }

    [Fact]
    public void A_scalar_value_is_required()
    {
        Tensor<double>[] x = [Autodiff.Tensors.Vector(1.0, 2.0)];
        Assert.Equal("f", Assert.Throws<ArgumentException>(
            () => Autodiff.Tensors.ValueAndGradInto(p => p[0] * 2.0, x, [Autodiff.Tensors.Vector(0.0, 0.0)])).ParamName);
    }
}
