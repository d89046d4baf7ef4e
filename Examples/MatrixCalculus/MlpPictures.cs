using System.Numerics.Tensors;
using ScottPlot;

namespace Autodiff.Examples.MatrixCalculus;

/// <summary>The pictures of section 17: the loss curves, and each learned classifier shaded over the plane.</summary>
internal static class MlpPictures
{
    private const int GridSize = 160;
    // Class 0 (and the first optimiser) in blue, class 1 (and the second) in red, as the shading: P(class 1) from blue to red.
    private static readonly Color[] Colors = [new ScottPlot.Palettes.Category10().GetColor(0), new ScottPlot.Palettes.Category10().GetColor(3)];

    // log₁₀ L(θ_t) against the epoch t, one line per optimiser.
    public static void LossCurves(MlpTraining.Training[] runs, string file)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        for (int r = 0; r < runs.Length; r++)
        {
            double[] epochs = Enumerable.Range(0, runs[r].Losses.Length).Select(t => (double)t).ToArray();
            var line = plot.Add.Scatter(epochs, Array.ConvertAll(runs[r].Losses, Math.Log10), Colors[r]);
            line.LegendText = runs[r].Name;
            line.MarkerSize = 0;
            line.LineWidth = 2;
        }
        plot.Title("Two spirals: training loss L(θ_t) = ‖y − f_K(θ_t, x)‖², log scale");
        plot.XLabel("epoch t (one full-batch gradient step each)");
        plot.YLabel("L(θ_t)");
        Pictures.LogScaleLeftAxis(plot);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(file, 900, 560);
    }

    // For each run, P(class 1 | x) = f_K(θ, x) shaded over the square, the boundary f_K = ½, and the data.
    public static void DecisionBoundaries(Perceptron network, MlpTraining.Training[] runs, Spirals data, string file)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(runs.Length);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        for (int r = 0; r < runs.Length; r++)
        {
            Plot plot = multiplot.GetPlot(r);
            plot.Font.Set("DejaVu Sans");
            Boundary(plot, network, runs[r], data);
        }
        multiplot.SavePng(file, 1400, 700);
    }

    private static void Boundary(Plot plot, Perceptron network, MlpTraining.Training run, Spirals data)
    {
        double[] grid = Enumerable.Range(0, GridSize).Select(i => -Spirals.Extent + 2 * Spirals.Extent * i / (GridSize - 1)).ToArray();
        // Row i of the picture is y = grid[GridSize − 1 − i] (top to bottom), column j is x = grid[j].
        double[] points = new double[2 * GridSize * GridSize];
        for (int i = 0; i < GridSize; i++)
            for (int j = 0; j < GridSize; j++)
                (points[2 * (i * GridSize + j)], points[2 * (i * GridSize + j) + 1]) = (grid[j], grid[GridSize - 1 - i]);
        double[] p = Dense.Flatten(network.Predict<double>(run.Parameters, Tensor.Create(points, [GridSize * GridSize, 2])));
        var intensities = new double[GridSize, GridSize];
        var surface = new Coordinates3d[GridSize, GridSize];
        for (int i = 0; i < GridSize; i++)
            for (int j = 0; j < GridSize; j++)
            {
                intensities[i, j] = p[i * GridSize + j];
                surface[i, j] = new(grid[j], grid[GridSize - 1 - i], p[i * GridSize + j]);
            }
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = new ScottPlot.Colormaps.Balance();
        heatmap.ManualRange = new ScottPlot.Range(-0.4, 1.4);
        heatmap.Opacity = 0.55;
        heatmap.Rectangle = new CoordinateRect(-Spirals.Extent, Spirals.Extent, -Spirals.Extent, Spirals.Extent);
        var boundary = new ScottPlot.Plottables.ContourLines { ContourLineLevels = [0.5] };
        boundary.LabelStyle.IsVisible = false;
        boundary.LineColor = ScottPlot.Colors.Black;
        boundary.LineWidth = 2;
        boundary.Update(surface);
        plot.Add.Plottable(boundary);

        double[] xy = Dense.Flatten(data.Points);
        for (int c = 0; c < 2; c++)
        {
            int[] members = Enumerable.Range(0, data.Count).Where(k => data.Labels[k] == c).ToArray();
            var scatter = plot.Add.Scatter(members.Select(k => xy[2 * k]).ToArray(), members.Select(k => xy[2 * k + 1]).ToArray(), Colors[c]);
            scatter.LineWidth = 0;
            scatter.MarkerSize = 7;
            scatter.MarkerShape = c == 0 ? MarkerShape.FilledCircle : MarkerShape.FilledSquare;
            scatter.MarkerLineColor = ScottPlot.Colors.White;
            scatter.MarkerLineWidth = 1;
            scatter.LegendText = $"class {c}";
        }
        plot.Title($"{run.Name}: accuracy {100 * run.FinalAccuracy:0.0} %");
        plot.XLabel("x₁");
        plot.YLabel("x₂");
        plot.Axes.SetLimits(-Spirals.Extent, Spirals.Extent, -Spirals.Extent, Spirals.Extent);
        plot.Axes.SquareUnits();
        plot.ShowLegend(Alignment.LowerRight);
    }
}
