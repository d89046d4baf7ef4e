using System.Numerics.Tensors;

namespace Autodiff.Examples.MatrixCalculus;

/// <summary>
/// Two interleaved spirals in the plane, a classic classification problem no linear model can solve: arm c ∈ {0, 1}
/// holds the points r(t)(cos φ, sin φ) with r = 0.1 + 0.9t, φ = 3πt + cπ for t ∈ [0, 1), plus a little uniform noise.
/// </summary>
/// <param name="Points">The N×2 inputs X, one point per row.</param>
/// <param name="Labels">The class of each point, 0 or 1.</param>
internal sealed record Spirals(Tensor<double> Points, int[] Labels)
{
    public const double Extent = 1.2;

    /// <summary>N = 2·<paramref name="perArm"/> points from <c>new Random(seed)</c>.</summary>
    public static Spirals Make(int perArm, int seed, double noise = 0.04)
    {
        var random = new Random(seed);
        var points = new double[4 * perArm];
        var labels = new int[2 * perArm];
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < perArm; i++)
            {
                int k = c * perArm + i;
                double t = (double)i / perArm, r = 0.1 + 0.9 * t, phi = 3 * Math.PI * t + c * Math.PI;
                points[2 * k] = r * Math.Cos(phi) + noise * (2 * random.NextDouble() - 1);
                points[2 * k + 1] = r * Math.Sin(phi) + noise * (2 * random.NextDouble() - 1);
                labels[k] = c;
            }
        return new Spirals(Tensor.Create(points, [2 * perArm, 2]), labels);
    }

    public int Count => Labels.Length;

    /// <summary>Y: the labels as an N×1 matrix of targets 0 and 1, for a network with one sigmoid output.</summary>
    public Tensor<double> Targets => Tensor.Create(Array.ConvertAll(Labels, c => (double)c), [Count, 1]);

    /// <summary>The first <paramref name="count"/> points of each arm, as a smaller data set.</summary>
    public Spirals Take(int count)
    {
        double[] all = Dense.Flatten(Points);
        int perArm = Count / 2;
        int[] rows = [.. Enumerable.Range(0, count), .. Enumerable.Range(perArm, count)];
        double[] points = rows.SelectMany(i => new[] { all[2 * i], all[2 * i + 1] }).ToArray();
        return new Spirals(Tensor.Create(points, [rows.Length, 2]), Array.ConvertAll(rows, i => Labels[i]));
    }

    /// <summary>The fraction of points a classifier's outputs (probabilities of class 1, N×1) put on the right side of ½.</summary>
    public double Accuracy(Tensor<double> probabilities)
    {
        double[] p = Dense.Flatten(probabilities);
        return (double)Enumerable.Range(0, Count).Count(i => (p[i] > 0.5 ? 1 : 0) == Labels[i]) / Count;
    }
}
