using System.Buffers;
using System.Numerics.Tensors;
using Autodiff.Properties.Support;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// <c>ValueAndGrad</c> and <c>ValueAndGradInto</c> record their inputs' own arrays (no copy: a training step's
/// parameters are most of its memory), <c>Vjp</c> records copies (its pullback outlives the call). The gradients
/// agree bit for bit either way, for dense tensors and for views the library must copy (a slice shorter than its
/// array, one starting inside it, a strided block); and a pullback handed out never sees a later change of its input.
/// </summary>
public sealed class InPlaceReadProperties
{
    // GradientIntoProperties' network and batches.
    private static Perceptron Network => GradientIntoProperties.Network;

    [Fact]
    public void Gradients_read_in_place_equal_those_of_a_copied_record() => Verify.ForAll(GradientIntoProperties.Batches, data =>
    {
        Tensor<double> x = Tensor.Create(data[..15], [5, 3]), y = Tensor.Create(data[15..25], [5, 2]);
        Tensor<double>[] theta = Network.Initialize<double>(seed: (int)(1000 * data[25]));
        Func<TensorVar<double>[], TensorVar<double>> loss = p => Network.SquaredLoss(p, x, y);
        Tensor<double>[] copied = Autodiff.Tensors.Vjp(loss, theta).Pullback.Invoke(Tensor.Create([1.0], [1]));
        Tensor<double>[] inPlace = Autodiff.Tensors.Grad(loss, theta);
        for (int i = 0; i < theta.Length; i++)
            Assert.Equal(copied[i].ToArray(), inPlace[i].ToArray());
    });

    [Fact]
    public void Views_are_differentiated_as_their_entries() => Verify.ForAll(Cases.Vectors(4 * 5, -2, 2), data =>
    {
        // A 4×5 matrix; its rows 0–1 (dense, at the start of the array but shorter than it), rows 1–2 (dense,
        // starting inside the array) and its 2×2 block at (1, 1) (strided).
        Tensor<double> matrix = Tensor.Create(data, [4, 5]);
        Tensor<double> top = matrix.Slice(new NRange(0, 2), new NRange(0, 5));
        Tensor<double> rows = matrix.Slice(new NRange(1, 3), new NRange(0, 5));
        Tensor<double> block = matrix.Slice(new NRange(1, 3), new NRange(1, 3));
        foreach (Tensor<double> view in new[] { top, rows, block })
        {
            Tensor<double> dense = Tensor.Create(view.ToArray(), view.Lengths);
            static TensorVar<double> F(TensorVar<double> v) => (v * v).Tanh().Sum();
            (double value, Tensor<double> gradient) = Autodiff.Tensors.ValueAndGrad(F, view);
            (double denseValue, Tensor<double> denseGradient) = Autodiff.Tensors.ValueAndGrad(F, dense);
            Assert.Equal(denseValue, value);
            Assert.Equal(denseGradient.ToArray(), gradient.ToArray());
        }
    });

    [Fact]
    public void A_pullback_handed_out_does_not_see_a_later_change_of_its_input() => Verify.ForAll(Cases.Vectors(6, -2, 2), data =>
    {
        double[] entries = (double[])data.Clone();
        Tensor<double> x = Tensor.Create(entries, [2, 3]);
        // ∂ Σ x²_ij / ∂x = 2x, read from the recorded x when the pullback runs.
        TensorPullback<double> pullback = Autodiff.Tensors.Vjp(v => (v * v).Sum(), x).Pullback;
        Array.Fill(entries, 7.0);
        Assert.Equal(data.Select(e => 2 * e).ToArray(), pullback.Invoke(Tensor.Create([1.0], [1]))[0].ToArray());
    });
}
