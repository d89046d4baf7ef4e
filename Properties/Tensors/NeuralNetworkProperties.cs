using FsCheck;
using FsCheck.Fluent;
using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;
using static Autodiff.Testing.MatrixCases;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// The seeds' neural network with many layers: f₀ = x, f_k = σ(A_{k−1} f_{k−1} + b_{k−1}) for k = 1…K (σ the
/// logistic sigmoid), L(θ) = ‖y − f_K‖², θ = {A₀, b₀, …, A_{K−1}, b_{K−1}}. dL/dθ by the tensor primitives (one
/// block per layer operation) equals dL/dθ by scalar reverse mode over the same network written entry by entry on
/// <see cref="Tracked{T}"/> numbers, with σ spelled 1/(1 + e⁻ᶻ) rather than taken from the rule table. Both are
/// exact and differ only in the order of rounding: <see cref="Exact"/>.
/// </summary>
public sealed class NeuralNetworkProperties
{
    /// <summary>
    /// K = 1 to 3 layers of widths 1 to 4: the inputs are A₀, b₀, …, A_{K−1}, b_{K−1}, then x and y, entries in [−2, 2].
    /// </summary>
    private static Arbitrary<Inputs> Networks =>
        Arb.From(
            from layers in Gen.Choose(1, 3)
            from widths in Gen.ArrayOf(Gen.Choose(1, 4), layers + 1)
            from items in Gen.CollectToList(Enumerable.Range(0, layers)
                .SelectMany(k => new[] { Matrix(widths[k + 1], widths[k]), Matrix(widths[k + 1], 1) })
                .Append(Matrix(widths[0], 1))
                .Append(Matrix(widths[^1], 1)))
            select new Inputs([.. items]));

    private static int Layers(Inputs network) => (network.Items.Count - 2) / 2;

    private static Var TensorLoss(Var[] theta, Inputs network)
    {
        Var f = network.Items[^2].Vector;
        for (int k = 0; k < Layers(network); k++)
            f = (theta[2 * k].MatMul(f) + theta[2 * k + 1]).Sigmoid();
        return (Var.Constant(network.Items[^1].Vector) - f).SquaredNorm();
    }

    // The same network on θ flattened as A₀ (row-major), b₀, A₁, b₁, …
    private static Tracked<double> ScalarLoss(ReadOnlySpan<Tracked<double>> theta, Inputs network)
    {
        Tracked<double>[] f = Array.ConvertAll(network.Items[^2].Entries, v => (Tracked<double>)v);
        int offset = 0;
        for (int k = 0; k < Layers(network); k++)
        {
            int rows = network[2 * k].Rows, columns = network[2 * k].Columns;
            var next = new Tracked<double>[rows];
            for (int i = 0; i < rows; i++)
            {
                Tracked<double> z = theta[offset + rows * columns + i];
                for (int j = 0; j < columns; j++)
                    z += theta[offset + i * columns + j] * f[j];
                next[i] = 1.0 / (1.0 + Tracked<double>.Exp(-z));
            }
            offset += rows * columns + rows;
            f = next;
        }
        Tracked<double> loss = 0.0;
        for (int i = 0; i < f.Length; i++)
        {
            Tracked<double> e = network.Items[^1].Entries[i] - f[i];
            loss += e * e;
        }
        return loss;
    }

    [Fact]
    public void Gradient_by_tensor_primitives_is_the_gradient_of_the_network_written_on_scalars() =>
        Verify.ForAll(Networks, network =>
        {
            int layers = Layers(network);
            var parameters = network.Items.Take(2 * layers).Select((p, i) => i % 2 == 0 ? p.Tensor : p.Vector).ToArray();
            double[] byTensors = [.. Differentiate.Grad(theta => TensorLoss(theta, network), parameters).SelectMany(TensorAssert.Flat)];
            double[] flat = [.. network.Items.Take(2 * layers).SelectMany(p => p.Entries)];
            double[] byScalars = Autodiff.Reverse.Grad<double>(theta => ScalarLoss(theta, network), flat);
            TensorAssert.Close(byScalars, byTensors, Exact, "dL/dθ, tensor vs scalar reverse mode");
        });
}
