using System.Numerics.Tensors;
using FsCheck;
using Autodiff.Properties.Support;

namespace Autodiff.Properties.Float;

/// <summary>
/// The optimisers on <c>float</c> parameters take the steps they take on <c>double</c>, to float precision: the same
/// rule, its hyperparameters converted once per step.
/// </summary>
public sealed class FloatOptimizerProperties
{
    private const int Steps = 5;

    // Parameters θ₀ (a 2×3 matrix and a 3-vector) and the gradients of five steps, all in [−2, 2].
    private static Arbitrary<double[]> Trajectories => Cases.Vectors(9 + Steps * 9, -2, 2);

    [Fact]
    public void Adam_on_float_follows_Adam_on_double() =>
        Verify.ForAll(Trajectories, data => AssertSameSteps(new Adam(learningRate: 0.05), data));

    [Fact]
    public void Momentum_descent_on_float_follows_momentum_descent_on_double() =>
        Verify.ForAll(Trajectories, data => AssertSameSteps(new MomentumDescent(learningRate: 0.1, momentum: 0.8), data));

    [Fact]
    public void Adam_starts_from_float_tensors()
    {
        AdamState<float> state = new Adam(learningRate: 0.5).Start(Autodiff.Tensors.Vector(1f, -2f));
        state = new Adam(learningRate: 0.5).Step(state, [Autodiff.Tensors.Vector(3f, -0.25f)]);
        // The first Adam step moves each coordinate by η against its gradient's sign (m̂₁ = g, v̂₁ = g²).
        Tolerance.AssertClose(0.5, state.Parameters[0][0], FloatSeedExamples.FloatTolerance, "1 − 0.5");
        Tolerance.AssertClose(-1.5, state.Parameters[0][1], FloatSeedExamples.FloatTolerance, "−2 + 0.5");
    }

    private static void AssertSameSteps(IOptimizer optimizer, double[] data)
    {
        IOptimizerState<double> wide = optimizer.Start(Parameters<double>(data, 0));
        IOptimizerState<float> narrow = optimizer.Start(Parameters<float>(data, 0));
        for (int t = 1; t <= Steps; t++)
        {
            wide = optimizer.Step(wide, Parameters<double>(data, 9 * t));
            narrow = optimizer.Step(narrow, Parameters<float>(data, 9 * t));
        }
        Assert.Equal(Steps, narrow.Steps);
        for (int i = 0; i < 2; i++)
            for (int k = 0; k < wide.Parameters[i].FlattenedLength; k++)
                Tolerance.AssertClose(Entry(wide.Parameters[i], k), Entry(narrow.Parameters[i], k),
                    FloatSeedExamples.FloatTolerance, $"{optimizer}: θ_{i}[{k}] after {Steps} steps");
    }

    // A 2×3 matrix and a 3-vector from data[offset … offset + 9), in T.
    private static Tensor<T>[] Parameters<T>(double[] data, int offset) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        T[] entries = Array.ConvertAll(data[offset..(offset + 9)], T.CreateChecked);
        return [Tensor.Create(entries[..6], [2, 3]), Tensor.Create(entries[6..], [3])];
    }

    private static double Entry<T>(Tensor<T> tensor, int k) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var flat = new T[tensor.FlattenedLength];
        tensor.FlattenTo(flat);
        return double.CreateChecked(flat[k]);
    }
}
