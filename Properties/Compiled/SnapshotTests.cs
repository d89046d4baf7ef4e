using System.Runtime.CompilerServices;

namespace Autodiff.Properties.Compiled;

/// <summary>
/// The emitted code for the seeds' examples, compared with reviewed snapshots in <c>Snapshots/</c>: a change of the
/// generator's output shows up as a diff to read. <c>DUAL_UPDATE_SNAPSHOTS=1</c> rewrites them (then review the diff).
/// </summary>
public sealed class SnapshotTests
{
    private const string Backprop = """
        public static partial class Seeds
        {
            // The seeds' backpropagation example: a = x², b = exp(a), c = a + b, f = √c + cos c.
            [Differentiable]
            public static T Backprop<T>(T x) where T : IFloatingPointIeee754<T>
            {
                T c = x * x + T.Exp(x * x);
                return T.Sqrt(c) + T.Cos(c);
            }
        }
        """;

    private const string LeastSquares = """
        public static partial class Seeds
        {
            // ‖Aθ − b‖² for a row-major m×n constant A and constant b.
            [Differentiable]
            public static T LeastSquares<T>(ReadOnlySpan<T> theta, double[] a, double[] b) where T : IFloatingPointIeee754<T>
            {
                int n = theta.Length;
                T loss = T.Zero;
                for (int i = 0; i < b.Length; i++)
                {
                    T r = -T.CreateChecked(b[i]);
                    for (int j = 0; j < n; j++)
                        r += T.CreateChecked(a[i * n + j]) * theta[j];
                    loss += r * r;
                }
                return loss;
            }
        }
        """;

    private const string MlpLoss = """
        public static partial class Seeds
        {
            // The mean squared error of a 2-H-1 tanh perceptron on constant data, θ = (W₁, b₁, w₂, b₂).
            [Differentiable]
            public static T MlpLoss<T>(ReadOnlySpan<T> theta, double[] inputs, double[] targets, int hidden) where T : IFloatingPointIeee754<T>
            {
                T loss = T.Zero;
                for (int s = 0; s < targets.Length; s++)
                {
                    T output = theta[4 * hidden];
                    for (int h = 0; h < hidden; h++)
                    {
                        T z = theta[2 * h] * T.CreateChecked(inputs[2 * s]) + theta[2 * h + 1] * T.CreateChecked(inputs[2 * s + 1]) + theta[2 * hidden + h];
                        output += theta[3 * hidden + h] * T.Tanh(z);
                    }
                    T error = output - T.CreateChecked(targets[s]);
                    loss += error * error;
                }
                return loss / T.CreateChecked(targets.Length);
            }
        }
        """;

    [Theory]
    [InlineData("Backprop", Backprop)]
    [InlineData("LeastSquares", LeastSquares)]
    [InlineData("MlpLoss", MlpLoss)]
    public void The_emitted_code_is_the_reviewed_snapshot(string name, string source)
    {
        GeneratorHarness.Output output = GeneratorHarness.Run(GeneratorHarness.Usings + source);
        Assert.Empty(output.Diagnostics);
        string generated = output.Generated("Seeds." + name).ReplaceLineEndings("\n");
        string path = Path.Combine(Folder(), "Snapshots", name + ".generated.txt");
        if (Environment.GetEnvironmentVariable("DUAL_UPDATE_SNAPSHOTS") == "1")
            File.WriteAllText(path, generated);
        Assert.True(File.Exists(path), $"no snapshot {path}: run with DUAL_UPDATE_SNAPSHOTS=1 and review it");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), generated);
    }

    private static string Folder([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
