using System.Buffers;
using System.Numerics.Tensors;
using FsCheck;
using Autodiff.Properties.Support;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// Stepping in place takes the steps the pure <c>Step</c> takes, bit for bit, over several steps (directly and through
/// <see cref="IOptimizer"/>), writes only the state's own tensors, and allocates no new state.
/// </summary>
public sealed class InPlaceOptimizerProperties
{
    private const int Steps = 4;

    // Parameters θ₀ (a 2×3 matrix and a 3-vector) and the gradients of four steps, all in [−2, 2].
    private static Arbitrary<double[]> Trajectories => Cases.Vectors(9 + Steps * 9, -2, 2);

    private static readonly IOptimizer[] Optimizers =
        [new Adam(learningRate: 0.05), new MomentumDescent(learningRate: 0.1, momentum: 0.8)];

    [Fact]
    public void In_place_steps_equal_the_pure_steps() => Verify.ForAll(Trajectories, data =>
    {
        foreach (IOptimizer optimizer in Optimizers)
        {
            IOptimizerState<double> pure = optimizer.Start(Parameters(data, 0));
            IOptimizerState<double> inPlace = optimizer.Start(Parameters(data, 0));
            Tensor<double>[] own = inPlace.Parameters;
            for (int t = 1; t <= Steps; t++)
            {
                pure = optimizer.Step(pure, Parameters(data, 9 * t));
                inPlace = optimizer.StepInPlace(inPlace, Parameters(data, 9 * t));
                Assert.Equal(t, inPlace.Steps);
                Assert.Same(own, inPlace.Parameters);
                for (int i = 0; i < own.Length; i++)
                    Assert.Equal(pure.Parameters[i].ToArray(), own[i].ToArray());
            }
        }
    });

    [Fact]
    public void Adam_and_momentum_step_in_place_through_their_own_types()
    {
        double[] data = [.. Enumerable.Range(0, 9 + Steps * 9).Select(k => Math.Sin(k + 1))];
        var adam = new Adam(learningRate: 0.05);
        AdamState<double> a = adam.Start(Parameters(data, 0)), b = adam.Start(Parameters(data, 0));
        var momentum = new MomentumDescent(learningRate: 0.1);
        MomentumState<double> c = momentum.Start(Parameters(data, 0)), d = momentum.Start(Parameters(data, 0));
        for (int t = 1; t <= Steps; t++)
        {
            (a, b) = (adam.Step(a, Parameters(data, 9 * t)), adam.StepInPlace(b, Parameters(data, 9 * t)));
            (c, d) = (momentum.Step(c, Parameters(data, 9 * t)), momentum.StepInPlace(d, Parameters(data, 9 * t)));
        }
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(a.Parameters[i].ToArray(), b.Parameters[i].ToArray());
            Assert.Equal(a.FirstMoment[i].ToArray(), b.FirstMoment[i].ToArray());
            Assert.Equal(a.SecondMoment[i].ToArray(), b.SecondMoment[i].ToArray());
            Assert.Equal(c.Parameters[i].ToArray(), d.Parameters[i].ToArray());
            Assert.Equal(c.Velocity[i].ToArray(), d.Velocity[i].ToArray());
        }
    }

    /// <summary>A step in place allocates only the returned state record, whatever the parameters' size.</summary>
    [Fact]
    public void A_step_in_place_allocates_no_new_tensors()
    {
        var adam = new Adam();
        var momentum = new MomentumDescent(learningRate: 0.1);
        Tensor<double>[] gradient = [Tensor.Create(new double[100_000], [100_000])];
        AdamState<double> a = adam.Start(Tensor.Create(new double[100_000], [100_000]));
        MomentumState<double> m = momentum.Start(Tensor.Create(new double[100_000], [100_000]));
        a = adam.StepInPlace(a, gradient);
        m = momentum.StepInPlace(m, gradient);
        // The least of three steps: a gen-2 collection (another test's) may trim the pool's scratch between two steps,
        // and the next one rents it anew; a step that made new tensors would allocate 0.8 MB in every one.
        long least = long.MaxValue;
        for (int step = 0; step < 3; step++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            a = adam.StepInPlace(a, gradient);
            m = momentum.StepInPlace(m, gradient);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.InRange(least, 0, 1_024);
        Assert.Equal(4, a.Steps);
        Assert.Equal(4, m.Steps);
    }

    [Fact]
    public void A_strided_state_is_refused_by_name()
    {
        Tensor<double> matrix = Tensor.Create(new double[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        // A 2×2 view of the 2×3 matrix's first two columns: not one dense span.
        Tensor<double> view = matrix.Slice(new NRange(0, 2), new NRange(0, 2));
        var state = new MomentumState<double>([view], [Tensor.Create(new double[4], [2, 2])], 0);
        Assert.Equal("state", Assert.Throws<ArgumentException>(
            () => new MomentumDescent(0.1).StepInPlace(state, [Tensor.Create(new double[4], [2, 2])])).ParamName);
    }

    // A 2×3 matrix and a 3-vector from data[offset … offset + 9).
    private static Tensor<double>[] Parameters(double[] data, int offset) =>
        [Tensor.Create(data[offset..(offset + 6)], [2, 3]), Tensor.Create(data[(offset + 6)..(offset + 9)], [3])];
}
