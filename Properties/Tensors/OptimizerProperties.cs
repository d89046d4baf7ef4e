using System.Numerics.Tensors;
using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;
using static Autodiff.Testing.MatrixCases;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// The optimisers' trajectories against their update rules written out number by number (a loop over plain doubles
/// per entry, sharing no code with the SIMD steps), for random hyperparameters, parameter shapes and gradients over
/// several steps, whether stepped directly or through <see cref="IOptimizer"/>; and the states they refuse, by name.
/// </summary>
public sealed class OptimizerProperties
{
    /// <summary>θ₀ (one to three tensors of random shapes), the gradients of one to four steps, and hyperparameters.</summary>
    public sealed record Trajectory(MatrixCase[] Theta, MatrixCase[][] Gradients, double Eta, double Beta1, double Beta2, double Epsilon)
    {
        /// <inheritdoc/>
        public override string ToString() =>
            $"θ₀ = {string.Join(", ", Theta.AsEnumerable())}; {Gradients.Length} steps; η = {Eta:R}, β₁ = {Beta1:R}, β₂ = {Beta2:R}, ε = {Epsilon:R}";
    }

    private static readonly Arbitrary<Trajectory> Trajectories = Arb.From(
        from count in Gen.Choose(1, 3)
        from shapes in Gen.ArrayOf(Dimension.Zip(Dimension), count)
        from theta in Gen.CollectToList(shapes.Select(s => Matrix(s.Item1, s.Item2)))
        from steps in Gen.Choose(1, 4)
        from gradients in Gen.ArrayOf(Gen.CollectToList(shapes.Select(s => Matrix(s.Item1, s.Item2))).Select(g => g.ToArray()), steps)
        from eta in Autodiff.Testing.Cases.In(0.001, 0.5)
        from beta1 in Autodiff.Testing.Cases.In(0, 0.99)
        from beta2 in Autodiff.Testing.Cases.In(0, 0.999)
        from epsilon in Autodiff.Testing.Cases.In(1e-8, 0.1)
        select new Trajectory([.. theta], gradients, eta, beta1, beta2, epsilon));

    private static Tensor<double>[] Tensors(MatrixCase[] cases) => Array.ConvertAll(cases, c => c.Tensor);

    [Fact]
    public void Adam_follows_its_update_rule_entry_by_entry() =>
        Verify.ForAll(Trajectories, c =>
        {
            var adam = new Adam(c.Eta, c.Beta1, c.Beta2, c.Epsilon);
            IOptimizer general = adam;
            AdamState<double> state = adam.Start(Tensors(c.Theta));
            IOptimizerState<double> generalState = general.Start(Tensors(c.Theta));
            double[][] theta = [.. c.Theta.Select(t => (double[])t.Entries.Clone())];
            double[][] m = [.. theta.Select(t => new double[t.Length])], v = [.. theta.Select(t => new double[t.Length])];
            for (int t = 1; t <= c.Gradients.Length; t++)
            {
                MatrixCase[] g = c.Gradients[t - 1];
                AdamState<double> before = state;
                state = adam.Step(state, Tensors(g));
                generalState = general.Step(generalState, Tensors(g));
                for (int i = 0; i < theta.Length; i++)
                    for (int k = 0; k < theta[i].Length; k++)
                    {
                        double gk = g[i].Entries[k];
                        m[i][k] = c.Beta1 * m[i][k] + (1 - c.Beta1) * gk;
                        v[i][k] = c.Beta2 * v[i][k] + (1 - c.Beta2) * gk * gk;
                        double mHat = m[i][k] / (1 - Math.Pow(c.Beta1, t)), vHat = v[i][k] / (1 - Math.Pow(c.Beta2, t));
                        theta[i][k] -= c.Eta * mHat / (Math.Sqrt(vHat) + c.Epsilon);
                    }
                Assert.Equal(t, state.Steps);
                Assert.Equal(t, generalState.Steps);
                Assert.Equal(t - 1, before.Steps);
                for (int i = 0; i < theta.Length; i++)
                {
                    AssertShaped(c.Theta[i], state.Parameters[i]);
                    TensorAssert.Close(theta[i], state.Parameters[i], 1e-9, $"{c}: θ_{t}[{i}]");
                    TensorAssert.Close(m[i], state.FirstMoment[i], 1e-9, $"{c}: m_{t}[{i}]");
                    TensorAssert.Close(v[i], state.SecondMoment[i], 1e-9, $"{c}: v_{t}[{i}]");
                    TensorAssert.Close(TensorAssert.Flat(state.Parameters[i]), generalState.Parameters[i], 0, $"{c}: via IOptimizer θ_{t}[{i}]");
                }
            }
            for (int i = 0; i < c.Theta.Length; i++)
                TensorAssert.Close(c.Theta[i].Entries, adam.Start(Tensors(c.Theta)).Parameters[i], 0, "θ₀ is a copy");
        });

    [Fact]
    public void Momentum_descent_follows_the_heavy_ball_rule_entry_by_entry() =>
        Verify.ForAll(Trajectories, c =>
        {
            // β₁ stands in for the momentum μ ∈ [0, 0.99].
            var descent = new MomentumDescent(c.Eta, c.Beta1);
            IOptimizer general = descent;
            MomentumState<double> state = descent.Start(Tensors(c.Theta));
            IOptimizerState<double> generalState = general.Start(Tensors(c.Theta));
            double[][] theta = [.. c.Theta.Select(t => (double[])t.Entries.Clone())];
            double[][] velocity = [.. theta.Select(t => new double[t.Length])];
            for (int t = 1; t <= c.Gradients.Length; t++)
            {
                MatrixCase[] g = c.Gradients[t - 1];
                state = descent.Step(state, Tensors(g));
                generalState = general.Step(generalState, Tensors(g));
                for (int i = 0; i < theta.Length; i++)
                    for (int k = 0; k < theta[i].Length; k++)
                    {
                        velocity[i][k] = c.Beta1 * velocity[i][k] - c.Eta * g[i].Entries[k];
                        theta[i][k] += velocity[i][k];
                    }
                Assert.Equal(t, state.Steps);
                Assert.Equal(t, generalState.Steps);
                for (int i = 0; i < theta.Length; i++)
                {
                    AssertShaped(c.Theta[i], state.Parameters[i]);
                    TensorAssert.Close(theta[i], state.Parameters[i], 1e-12, $"{c}: θ_{t}[{i}]");
                    TensorAssert.Close(velocity[i], state.Velocity[i], 1e-12, $"{c}: v_{t}[{i}]");
                    TensorAssert.Close(TensorAssert.Flat(state.Parameters[i]), generalState.Parameters[i], 0, $"{c}: via IOptimizer θ_{t}[{i}]");
                }
            }
        });

    private static void AssertShaped(MatrixCase expected, Tensor<double> actual) =>
        Assert.Equal([expected.Rows, expected.Columns], actual.Lengths.ToArray().Select(l => (int)l));

    private static string ParamName(Action act) => Assert.ThrowsAny<ArgumentException>(act).ParamName!;

    [Fact]
    public void States_and_gradients_that_do_not_fit_are_refused_by_name()
    {
        Tensor<double> a = Differentiate.Matrix(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }), b = Differentiate.Vector(1.0, 2.0);
        Tensor<double>[] gradient = [a, b];
        var adam = new Adam();
        var descent = new MomentumDescent(0.1);
        AdamState<double> adamState = adam.Start(a, b);
        MomentumState<double> descentState = descent.Start(a, b);

        // Another optimiser's state, through the interface, and a null one.
        Assert.Equal("state", ParamName(() => ((IOptimizer)adam).Step(descentState, gradient)));
        Assert.Equal("state", ParamName(() => ((IOptimizer)descent).Step(adamState, gradient)));
        Assert.Equal("state", ParamName(() => ((IOptimizer)descent).Step<double>(null!, gradient)));
        // A state that was not made by Start: no parameters, a negative step count, memory of another length.
        Assert.Equal("state", ParamName(() => adam.Step(adamState with { Parameters = null! }, gradient)));
        Assert.Equal("state", ParamName(() => descent.Step(descentState with { Steps = -1 }, gradient)));
        Assert.Equal("state", ParamName(() => adam.Step(adamState with { SecondMoment = [a] }, gradient)));
        Assert.Equal("state", ParamName(() => adam.Step(adamState with { FirstMoment = [b, a] }, gradient)));
        Assert.Equal("state", ParamName(() => descent.Step(descentState with { Velocity = null! }, gradient)));
        // Gradients of the wrong count or shape (a transposed matrix has its parameter's length, not its shape).
        Assert.Equal("gradient", ParamName(() => adam.Step(adamState, [a])));
        Assert.Equal("gradient", ParamName(() => descent.Step(descentState, [a, b, b])));
        Assert.Equal("gradient", ParamName(() => descent.Step(descentState, [Differentiate.Matrix(new double[3, 2]), b])));
        Assert.Equal("gradient", ParamName(() => adam.Step(adamState, [a, Differentiate.Vector(1.0, 2.0, 3.0)])));
        // No parameters at all.
        Assert.Equal("parameters", ParamName(() => adam.Start<double>()));
        // A step count of zero is a fresh state, not a refusal.
        Assert.Equal(1, adam.Step(adamState with { Steps = 0 }, gradient).Steps);
    }

    [Fact]
    public void Hyperparameters_outside_their_ranges_are_refused_and_the_edges_of_the_ranges_are_not()
    {
        foreach (double bad in new[] { 0.0, -0.1, double.NaN, double.PositiveInfinity })
        {
            Assert.Equal("learningRate", ParamName(() => new MomentumDescent(bad)));
            Assert.Equal("learningRate", ParamName(() => new Adam(learningRate: bad)));
            Assert.Equal("epsilon", ParamName(() => new Adam(epsilon: bad)));
        }
        foreach (double bad in new[] { -1e-12, 1.0, 1.5, double.NaN })
        {
            Assert.Equal("momentum", ParamName(() => new MomentumDescent(0.1, bad)));
            Assert.Equal("beta1", ParamName(() => new Adam(beta1: bad)));
            Assert.Equal("beta2", ParamName(() => new Adam(beta2: bad)));
        }
        Assert.Equal(0.0, new MomentumDescent(double.Epsilon, 0).Momentum);
        Assert.Equal(double.Epsilon, new MomentumDescent(double.Epsilon, 0).LearningRate);
        var edge = new Adam(learningRate: 2, beta1: 0, beta2: Math.BitDecrement(1.0), epsilon: 3);
        Assert.Equal((2.0, 0.0, Math.BitDecrement(1.0), 3.0), (edge.LearningRate, edge.Beta1, edge.Beta2, edge.Epsilon));
        Assert.Equal("Adam (η = 2, β₁ = 0, β₂ = 1, ε = 3)", edge.ToString());
        Assert.Equal("momentum descent (η = 0.25, μ = 0.5)", new MomentumDescent(0.25, 0.5).ToString());
    }
}
