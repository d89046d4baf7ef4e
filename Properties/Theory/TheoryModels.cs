using System.Numerics;
using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;

namespace Autodiff.Properties.Theory;

/// <summary>Models f(θ, x) and random batches shared by the theory properties, each written once generically.</summary>
public static class TheoryModels
{
    /// <summary>A network, a random θ for it and a random batch X ∈ [−1, 1]^{N×n₀}.</summary>
    public sealed record Batch(Perceptron Network, double[] Theta, double[,] Inputs)
    {
        /// <inheritdoc/>
        public override string ToString() => $"{Network}, N = {Inputs.GetLength(0)}, θ = [{string.Join(", ", Theta.Select(t => t.ToString("G4")))}]";

        /// <summary>X row-major, as the perceptron's batch methods take it.</summary>
        public double[] Flat => [.. Inputs.Cast<double>()];
    }

    /// <summary>Small tanh networks n₀-h-m with random θ ∈ [−1, 1]^P and N ∈ [1, 10] examples.</summary>
    public static Arbitrary<Batch> Batches(int maxOutputs = 3) =>
        Arb.From(
            from n0 in Gen.Choose(1, 3)
            from h in Gen.Choose(1, 4)
            from m in Gen.Choose(1, maxOutputs)
            from samples in Gen.Choose(1, 10)
            let net = new Perceptron([n0, h, m], ActivationFunction.Tanh, ActivationFunction.Identity)
            from theta in Gen.ArrayOf(Cases.In(-1, 1), net.ParameterCount)
            from x in Gen.ArrayOf(Cases.In(-1, 1), samples * n0)
            select new Batch(net, theta, Matrix(x, samples, n0)));

    /// <summary>The row-major entries as an r×c matrix.</summary>
    public static double[,] Matrix(double[] entries, int rows, int columns)
    {
        var m = new double[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                m[i, j] = entries[i * columns + j];
        return m;
    }

    /// <summary>A Aᵀ for A ∈ ℝ^{m×n}.</summary>
    public static double[,] Gram(double[,] a)
    {
        int m = a.GetLength(0), n = a.GetLength(1);
        var g = new double[m, m];
        for (int i = 0; i < m; i++)
            for (int k = 0; k < m; k++)
                for (int j = 0; j < n; j++)
                    g[i, k] += a[i, j] * a[k, j];
        return g;
    }

    /// <summary>Row i.</summary>
    public static double[] Row(double[,] m, int i) => [.. Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j])];

    /// <summary>The largest |a_ij − b_ij| relative to the largest |b_ij| (at least 1).</summary>
    public static double Difference(double[,] a, double[,] b)
    {
        Assert.Equal(b.GetLength(0), a.GetLength(0));
        Assert.Equal(b.GetLength(1), a.GetLength(1));
        double largest = 0, scale = 1;
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
            {
                largest = Math.Max(largest, Math.Abs(a[i, j] - b[i, j]));
                scale = Math.Max(scale, Math.Abs(b[i, j]));
            }
        return largest / scale;
    }

    /// <summary>The largest |aᵢ − bᵢ| relative to max(1, max|bᵢ|).</summary>
    public static double Difference(double[] a, double[] b)
    {
        Assert.Equal(b.Length, a.Length);
        double scale = Math.Max(1, b.Max(Math.Abs));
        return a.Zip(b, (p, q) => Math.Abs(p - q)).Max() / scale;
    }

    /// <summary>
    /// ℓ(θ; (x, y)) = ‖y − f(θ, x)‖²/(2σ²): the negative log-likelihood of y ~ 𝒩(f(θ, x), σ²I) up to a constant. Each
    /// input row holds the example x (d entries) and then its target y (m entries).
    /// </summary>
    public readonly struct GaussianNll<TM>(TM model, int inputSize, double sigma) : IModel where TM : IModel
    {
        public T[] F<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> input) where T : IFloatingPointIeee754<T>
        {
            T[] f = model.F(parameters, input[..inputSize]);
            T sum = T.Zero;
            for (int r = 0; r < f.Length; r++)
            {
                T e = input[inputSize + r] - f[r];
                sum += e * e;
            }
            return [sum / T.CreateChecked(2 * sigma * sigma)];
        }
    }

    /// <summary>f(θ, x) = tanh(θ₀ + θ₁x₁ + … + θ_d x_d): one unit, nonlinear in θ, with a well-conditioned Fisher.</summary>
    public readonly struct TanhUnit : IModel
    {
        public T[] F<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> input) where T : IFloatingPointIeee754<T>
        {
            T z = parameters[0];
            for (int j = 0; j < input.Length; j++)
                z += parameters[j + 1] * input[j];
            return [T.Tanh(z)];
        }
    }

    /// <summary>g(φ, x) = f(Aφ, x): the model f under the linear reparameterisation θ = Aφ.</summary>
    public readonly struct Reparameterised<TM>(TM model, double[,] a) : IModel where TM : IModel
    {
        public T[] F<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> input) where T : IFloatingPointIeee754<T>
        {
            int p = a.GetLength(0);
            var theta = new T[p];
            for (int i = 0; i < p; i++)
            {
                T sum = T.Zero;
                for (int j = 0; j < parameters.Length; j++)
                    sum += T.CreateChecked(a[i, j]) * parameters[j];
                theta[i] = sum;
            }
            return model.F<T>(theta, input);
        }
    }
}
