using System.Numerics.Tensors;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.MatrixCalculus;

/// <summary>
/// Section 17: the seeds' K-layer network f_k = σ_k(A_{k−1} f_{k−1} + b_{k−1}) trained on two interleaved spirals by
/// momentum descent and by Adam, minimising L(θ) = ‖y − f_K(θ, x)‖² with gradients from reverse mode on tensors —
/// which are first checked against scalar reverse mode on the same network.
/// </summary>
internal static class MlpTraining
{
    private const int Seed = 17, PerArm = 100, Epochs = 1000, Every = 100;
    private static readonly Perceptron Network = new([2, 16, 16, 1], ActivationFunction.Tanh, ActivationFunction.Sigmoid);

    /// <summary>One optimiser's run: L(θ_t) for t = 0 … Epochs, the accuracy every so many epochs, the final θ.</summary>
    internal sealed record Training(string Name, double[] Losses, (int Epoch, double Accuracy)[] Accuracies, Tensor<double>[] Parameters)
    {
        public double FinalAccuracy => Accuracies[^1].Accuracy;
    }

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Spirals data = Spirals.Make(PerArm, Seed);
        Tensor<double>[] theta0 = Network.Initialize<double>(Seed);
        Heading("17. Training the seeds' multi-layer network: two spirals",
            $"f₀ = x ∈ ℝ², f_k = σ_k(A_{{k−1}} f_{{k−1}} + b_{{k−1}}), K = {Network.Depth}, layers {Network} ({Network.ParameterCount} parameters θ),",
            $"L(θ) = ‖y − f_K(θ, x)‖² summed over {data.Count} points of two interleaved spirals (y = 0 or 1, fixed seed {Seed}).",
            "The batch runs as one matrix with a column per sample, Φ_{k+1} = σ_{k+1}(A_k Φ_k + b_k𝟙ᵀ), Φ₀ = Xᵀ: the seeds'",
            "formula verbatim. ∇L by Tensors.ValueAndGrad: one reverse sweep over four matrix primitives per layer.");

        CheckAgainstScalarMode(log, data, theta0);

        Training momentum = Train(new MomentumDescent(0.003, 0.95), data, theta0);
        Training adam = Train(new Adam(0.02), data, theta0);
        Console.WriteLine($"  Full-batch training from the same θ₀ (Xavier-uniform, seed {Seed}), {Epochs} epochs each:");
        Console.WriteLine($"  {momentum.Name} and {adam.Name}.");
        var progress = new Table(1, "epoch", "L, momentum", "accuracy", "L, Adam", "accuracy");
        for (int c = 0; c < momentum.Accuracies.Length; c++)
        {
            int epoch = momentum.Accuracies[c].Epoch;
            progress.Row([Num(epoch), Num(momentum.Losses[epoch]), Percent(momentum.Accuracies[c].Accuracy),
                Num(adam.Losses[epoch]), Percent(adam.Accuracies[c].Accuracy)]);
        }
        progress.Print();

        string lossFile = Pictures.Path("mlp-loss.png"), boundaryFile = Pictures.Path("mlp-boundary.png");
        MlpPictures.LossCurves([momentum, adam], lossFile);
        MlpPictures.DecisionBoundaries(Network, [momentum, adam], data, boundaryFile);
        Console.WriteLine($"  Drawn with ScottPlot: the loss curves to {lossFile},");
        Console.WriteLine($"  the learned classifiers over the plane with the data to {boundaryFile}.");
        Console.WriteLine();

        Console.WriteLine("  What the run must show: the loss falls by at least 10× and the classifier is right on more than 90 %.");
        var checks = new Table(1, "optimiser", "L(θ₀)", "L(θ_final)", "ratio", "at most", "accuracy", "at least");
        foreach (Training run in new[] { momentum, adam })
        {
            double ratio = log.Record(run.Losses[^1] / run.Losses[0], 0.1);
            double error = log.Record(1 - run.FinalAccuracy, 0.1);
            checks.Row([run.Name, Num(run.Losses[0]), Num(run.Losses[^1]), Sci(ratio), "1.00E-01", Percent(1 - error), "90.0 %"]);
        }
        checks.Print();
        return log.Comparisons;
    }

    // The gradient of the network by tensor primitives, beside the same network written on scalars and differentiated
    // by Reverse.ValueAndGrad over Tracked<double> (one tape record per multiply and add): on 8 points, at θ₀, and
    // for a softmax cross-entropy classifier too.
    private static void CheckAgainstScalarMode(ComparisonLog log, Spirals data, Tensor<double>[] theta0)
    {
        Spirals batch = data.Take(4);
        double[] x = Dense.Flatten(batch.Points), y = Dense.Flatten(batch.Targets);
        double[] oneHot = batch.Labels.SelectMany(c => c == 0 ? new[] { 1.0, 0.0 } : [0.0, 1.0]).ToArray();
        var classifier = new Perceptron([2, 8, 8, 2], ActivationFunction.Tanh, ActivationFunction.Identity);
        Console.WriteLine($"  ∇L by tensor primitives against scalar reverse mode (Tracked<double>) on the same network, {batch.Count} points:");
        var table = new Table(2, "network", "loss", "L", "rel. diff of L", "max rel. diff of ∇L", "tensor records", "scalar records");
        Compare(Network, "‖y − f_K‖²", theta0, y, (n, p, xs, ys) => n.SquaredLoss(p, xs, ys), (n, p, xs, ys) => n.ScalarSquaredLoss(p, xs, ys));
        Compare(classifier, "−Σ y log softmax f_K", classifier.Initialize<double>(Seed), oneHot,
            (n, p, xs, ys) => n.CrossEntropyLoss(p, xs, ys), (n, p, xs, ys) => n.ScalarCrossEntropyLoss(p, xs, ys));
        table.Print();

        void Compare(Perceptron network, string loss, Tensor<double>[] theta, double[] targets,
            Func<Perceptron, TensorVar<double>[], TensorVar<double>, TensorVar<double>, TensorVar<double>> onTensors,
            Func<Perceptron, ReadOnlySpan<Tracked<double>>, double[], double[], Tracked<double>> onScalars)
        {
            TensorVar<double> inputs = batch.Points, outputs = Tensor.Create(targets, [batch.Count, network.OutputSize]);
            (Tensor<double> value, TensorPullback<double> pullback) = Tensors.Vjp(p => onTensors(network, p, inputs, outputs), theta);
            double[] tensorGradient = network.Flatten<double>(pullback.Invoke(Tensors.Vector(1.0)));
            (double scalarValue, Pullback<double> scalarPullback) = Autodiff.Reverse.Vjp(p => onScalars(network, p, x, targets), network.Flatten<double>(theta));
            double[] scalarGradient = scalarPullback.Invoke([1.0]);
            double worst = network.Unflatten<double>(tensorGradient).Zip(network.Unflatten<double>(scalarGradient),
                (t, s) => Dense.RelativeDifference(Dense.Flatten(t), Dense.Flatten(s))).Max();
            table.Row([network.ToString(), loss, Num(value[0]), Sci(log.Record(Comparison.RelativeDifference(value[0], scalarValue), Comparison.Exact)),
                Sci(log.Record(worst, Comparison.Exact)), Num(pullback.OperationCount), Num(scalarPullback.OperationCount)]);
        }
    }

    private static Training Train(IOptimizer optimizer, Spirals data, Tensor<double>[] theta0)
    {
        TensorVar<double> x = data.Points, y = data.Targets;
        IOptimizerState<double> state = optimizer.Start(theta0);
        var losses = new double[Epochs + 1];
        var accuracies = new List<(int, double)>();
        for (int epoch = 0; ; epoch++)
        {
            (losses[epoch], Tensor<double>[] gradient) = Tensors.ValueAndGrad(p => Network.SquaredLoss(p, x, y), state.Parameters);
            if (epoch % Every == 0)
                accuracies.Add((epoch, data.Accuracy(Network.Predict<double>(state.Parameters, data.Points))));
            if (epoch == Epochs)
                break;
            state = optimizer.Step(state, gradient);
        }
        return new Training(optimizer.ToString()!, losses, [.. accuracies], state.Parameters);
    }

    private static string Percent(double fraction) => $"{100 * fraction:0.0} %";
}
