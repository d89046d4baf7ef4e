using ScottPlot;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.SecondOrder;

/// <summary>
/// Section 14: the seeds' "Interactive: gradient descent on a 2D surface" as a picture: the paths of plain descent,
/// descent with momentum and Newton drawn over a contour plot of the ravine, and beside it the loss against the
/// iteration on a log scale.
/// </summary>
internal static class DescentPicture
{
    private sealed record Drawn(string Label, Trajectory<double> Path, Color Color);

    private const int Width = 1600, Height = 640, GridSize = 200;
    private static readonly (double Min, double Max) XRange = (-4.6, 1.2), YRange = (-1.4, 1.4);
    private static readonly double[] Levels = [0.02, 0.1, 0.3, 0.7, 1.5, 3, 5.8, 9];

    public static IReadOnlyList<Comparison> Run()
    {
        Surface s = Surface.Ravine;
        Runs runs = Runs.On(s);
        var palette = new ScottPlot.Palettes.Category10();
        Drawn[] paths =
        [
            new($"gradient descent, η = {Short(s.LearningRate)}", runs.Plain, palette.GetColor(3)),
            new($"with momentum, η = {Short(s.LearningRate)}, μ = {Short(s.Momentum)}", runs.Momentum, palette.GetColor(0)),
            new("Newton", runs.Newton.Path, palette.GetColor(2)),
        ];

        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        var layout = new ScottPlot.MultiplotLayouts.CustomGrid();
        layout.Set(multiplot.GetPlot(0), new GridCell(0, 0, 1, 5, 1, 3));
        layout.Set(multiplot.GetPlot(1), new GridCell(0, 3, 1, 5, 1, 2));
        multiplot.Layout = layout;
        foreach (Plot plot in multiplot.GetPlots())
            plot.Font.Set("DejaVu Sans");
        Contours(multiplot.GetPlot(0), s, paths);
        Losses(multiplot.GetPlot(1), paths);
        string file = Pictures.Path("descent.png");
        multiplot.SavePng(file, Width, Height);

        Heading("14. Gradient descent on a 2D surface, drawn",
            $"The seeds' interactive slide, still: the {s.Name} {s.Formula} from x₀ = {Point(s.Start)}, its contours",
            "with the iterates of plain descent, descent with momentum and Newton drawn over them; beside it f(x_k)",
            "against k on a log scale. Plain descent bounces between the steep walls; momentum damps the bounce and runs",
            "along the floor; Newton's quadratic model is exact here, and one step lands on the minimiser.",
            $"Drawn with ScottPlot, {Num(Width)}×{Num(Height)} pixels, to {file}");
        var table = new Table(1, "path", "iterates drawn", "f(x_K)");
        foreach ((string label, Trajectory<double> path, _) in paths)
            table.Row([label, Num(path.Points.Count), Sci(path.Losses[^1])]);
        table.Print();
        return [];
    }

    private static void Contours(Plot plot, Surface s, Drawn[] paths)
    {
        var grid = new Coordinates3d[GridSize, GridSize];
        for (int i = 0; i < GridSize; i++)
            for (int j = 0; j < GridSize; j++)
            {
                double x = XRange.Min + (XRange.Max - XRange.Min) * j / (GridSize - 1);
                double y = YRange.Min + (YRange.Max - YRange.Min) * i / (GridSize - 1);
                grid[i, j] = new(x, y, s.Loss<double>([x, y]));
            }
        var contours = new ScottPlot.Plottables.ContourLines { ContourLineLevels = Levels, Colormap = new ScottPlot.Colormaps.Viridis() };
        contours.LabelStyle.IsVisible = false;
        contours.Update(grid);
        plot.Add.Plottable(contours);
        foreach ((string label, Trajectory<double> path, Color color) in paths)
        {
            var line = plot.Add.Scatter(path.Points.Select(p => p[0]).ToArray(), path.Points.Select(p => p[1]).ToArray(), color);
            line.LegendText = label;
            line.MarkerSize = 4;
        }
        plot.Add.Marker(s.Minimizer[0], s.Minimizer[1], MarkerShape.Cross, 12, Colors.Black);
        plot.Title($"{s.Name}: {s.Formula}, contours at f = {string.Join(", ", Levels.Select(Short))}");
        plot.XLabel("x");
        plot.YLabel("y");
        plot.Axes.SetLimits(XRange.Min, XRange.Max, YRange.Min, YRange.Max);
        plot.Axes.SquareUnits();
        plot.ShowLegend(Alignment.LowerRight);
    }

    private static void Losses(Plot plot, Drawn[] paths)
    {
        double bottom = Math.Floor(Math.Log10(paths.SelectMany(p => p.Path.Losses).Where(f => f > 0).Min())) - 1;
        foreach ((string label, Trajectory<double> path, Color color) in paths)
        {
            int[] positive = Enumerable.Range(0, path.Losses.Count).Where(k => path.Losses[k] > 0).ToArray();
            var line = plot.Add.Scatter(positive.Select(k => (double)k).ToArray(),
                positive.Select(k => Math.Log10(path.Losses[k])).ToArray(), color);
            line.LegendText = label;
            line.MarkerSize = 3;
            if (positive.Length < path.Losses.Count)
            {
                int k = Enumerable.Range(0, path.Losses.Count).First(k => path.Losses[k] == 0);
                plot.Add.Marker(k, bottom, MarkerShape.FilledTriangleDown, 12, color);
                plot.Add.Text($"{label}: f(x{Subscript(k - 1)}) = 0 exactly", k + 2, bottom).LabelFontColor = color;
            }
        }
        plot.Title("f(x_k) against k, log scale");
        plot.XLabel("iteration k");
        plot.YLabel("f(x_k)");
        Pictures.LogScaleLeftAxis(plot);
        plot.ShowLegend(Alignment.UpperRight);
    }
}
