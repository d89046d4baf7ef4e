using System.Numerics.Tensors;

namespace Autodiff.Benchmarks;

/// <summary>
/// The anchor of the MLP benchmarks: the loss L = ‖Y − F_K‖² of a perceptron (tanh hidden layers, linear output) and
/// its gradient written by hand, on the library's own kernels (<c>Gemm</c>, blocked for these sizes) and buffers made
/// once, with the batch as columns as the library's tensor network has it: Φ₀ = Xᵀ (never formed),
/// Φ_{k+1} = σ(A_k Φ_k + b_k 𝟙ᵀ); backward δ_K = 2(Φ_K − Yᵀ), Ā_k = δ_{k+1} Φ_kᵀ, b̄_k = δ_{k+1} 𝟙,
/// δ_k = (A_kᵀ δ_{k+1}) ⊙ (1 − Φ_k²). What a step costs with no tape, no primitives and no allocation.
/// </summary>
internal sealed class HandWrittenStep
{
    private readonly int[] _sizes;
    private readonly int _batch;
    // Φ_k and δ_k for k = 1 … K, each n_k × N.
    private readonly double[][] _phi, _delta;

    public HandWrittenStep(IReadOnlyList<int> sizes, int batch)
    {
        _sizes = [.. sizes];
        _batch = batch;
        _phi = [.. _sizes.Select(n => new double[n * batch])];
        _delta = [.. _sizes.Select(n => new double[n * batch])];
    }

    /// <summary>L at θ for the batch X (N×n₀, row-major) and targets Y (N×n_K), with ∂L/∂θ written into gradient.</summary>
    public double LossAndGradient(Tensor<double>[] theta, double[] x, double[] y, Tensor<double>[] gradient)
    {
        int depth = _sizes.Length - 1, batch = _batch;
        for (int k = 0; k < depth; k++)
        {
            int rows = _sizes[k + 1];
            double[] phi = _phi[k + 1];
            ReadOnlySpan<double> a = DenseEntries.Of(theta[2 * k]), b = DenseEntries.Of(theta[2 * k + 1]);
            Array.Clear(phi);
            if (k == 0)
                Gemm.MultiplyTransposed<double>(a, x, phi, rows, _sizes[0], batch);
            else
                Gemm.Multiply<double>(a, _phi[k], phi, rows, _sizes[k], batch);
            for (int i = 0; i < rows; i++)
                TensorPrimitives.Add(phi.AsSpan(i * batch, batch), b[i], phi.AsSpan(i * batch, batch));
            if (k < depth - 1)
                TensorPrimitives.Tanh(phi, phi);
        }
        double loss = 0;
        int outputs = _sizes[depth];
        for (int i = 0; i < outputs; i++)
            for (int s = 0; s < batch; s++)
            {
                double r = _phi[depth][i * batch + s] - y[s * outputs + i];
                loss += r * r;
                _delta[depth][i * batch + s] = 2 * r;
            }
        for (int k = depth - 1; k >= 0; k--)
        {
            int rows = _sizes[k + 1], columns = _sizes[k];
            double[] delta = _delta[k + 1];
            Span<double> aBar = DenseEntries.Writable(gradient[2 * k], "gradient"), bBar = DenseEntries.Writable(gradient[2 * k + 1], "gradient");
            aBar.Clear();
            if (k == 0)
                Gemm.Multiply<double>(delta, x, aBar, rows, batch, columns);
            else
                Gemm.MultiplyTransposed<double>(delta, _phi[k], aBar, rows, batch, columns);
            for (int i = 0; i < rows; i++)
                bBar[i] = TensorPrimitives.Sum<double>(delta.AsSpan(i * batch, batch));
            if (k == 0)
                continue;
            double[] previous = _delta[k], phi = _phi[k];
            Array.Clear(previous);
            Gemm.TransposedMultiply<double>(DenseEntries.Of(theta[2 * k]), delta, previous, rows, columns, batch);
            for (int e = 0; e < previous.Length; e++)
                previous[e] *= 1 - phi[e] * phi[e];
        }
        return loss;
    }
}
