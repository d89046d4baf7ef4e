using ScottPlot;

namespace Autodiff.Examples.Theory;

/// <summary>The theory sections' pictures: spectra (the NTK's, the Hessian's with Lanczos' top eigenvalues), the NTK's predicted training, the gradient-flow path.</summary>
internal static class TheoryPictures
{
    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    // Every eigenvalue of a symmetric matrix, descending by index (log₁₀ scale when asked), with the first few that a
    // second method found circled.
    public static string Spectrum(double[] ascending, double[] found, string title, string allLabel, string foundLabel, bool logScale, string name)
    {
        Plot plot = NewPlot();
        double[] index = [.. Enumerable.Range(1, ascending.Length).Select(i => (double)i)];
        double[] descending = [.. ascending.Reverse().Select(v => logScale ? Math.Log10(v) : v)];
        var all = plot.Add.ScatterPoints(index, descending, Palette.GetColor(0));
        all.MarkerSize = 8;
        all.LegendText = allLabel;
        if (found.Length > 0)
        {
            double[] foundValues = [.. found.Select(v => logScale ? Math.Log10(v) : v)];
            var top = plot.Add.ScatterPoints(index[..found.Length], foundValues, Palette.GetColor(3));
            top.MarkerShape = MarkerShape.OpenCircle;
            top.MarkerSize = 18;
            top.MarkerLineWidth = 2;
            top.LegendText = foundLabel;
        }
        if (logScale)
            Pictures.LogScaleLeftAxis(plot);
        return Save(plot, title, "eigenvalue index i", "λᵢ", Alignment.UpperRight, name);
    }

    // θ₁, θ₂, θ₃ along the flow (lines), gradient descent's iterates at t = kη (points), and A⁺b (dashed).
    public static string FlowPath(FlowPath<double> path, double[][] descent, double eta, double[] minimumNorm, string name)
    {
        Plot plot = NewPlot();
        double[] times = [.. path.Times];
        for (int i = 0; i < minimumNorm.Length; i++)
        {
            Color color = Palette.GetColor(i);
            var flow = plot.Add.Scatter(times, [.. path.Points.Select(p => p[i])], color);
            flow.MarkerSize = 0;
            flow.LineWidth = 2;
            flow.LegendText = $"θ{"₁₂₃"[i]}(t), gradient flow";
            double[] stepTimes = [.. Enumerable.Range(0, descent.Length).Select(k => k * eta)], stepValues = [.. descent.Select(p => p[i])];
            var steps = plot.Add.ScatterPoints(stepTimes, stepValues, color);
            steps.MarkerSize = 6;
            var limit = plot.Add.HorizontalLine(minimumNorm[i], 1, color, LinePattern.Dashed);
            limit.LegendText = i == 0 ? "A⁺b (dashed), descent iterates at t = kη (points)" : "";
        }
        plot.Axes.SetLimitsX(0, 12);
        return Save(plot, "Gradient flow from 0 on ½‖Aθ − b‖² ends at the minimum-norm solution A⁺b = (0, 1, 1) (section 23)", "t", "θᵢ", Alignment.LowerRight, name);
    }

    // ‖y − ŷ‖ over gradient-descent steps: the network trained, and the kernel's prediction y − e^{−ηKt}(y − ŷ(0)).
    public static string KernelPrediction(double[] trained, double[] predicted, string name)
    {
        Plot plot = NewPlot();
        double[] steps = [.. Enumerable.Range(0, trained.Length).Select(k => (double)k)];
        var actual = plot.Add.Scatter(steps, trained, Palette.GetColor(0));
        actual.MarkerSize = 0;
        actual.LineWidth = 3;
        actual.LegendText = "‖y − ŷ‖, the 1-512-1 tanh network trained by gradient descent";
        var kernel = plot.Add.Scatter(steps, predicted, Palette.GetColor(3));
        kernel.MarkerSize = 0;
        kernel.LineWidth = 2;
        kernel.LinePattern = LinePattern.Dashed;
        kernel.LegendText = "predicted by the NTK at θ₀: y − e^{−ηKt}(y − ŷ(0))";
        return Save(plot, "Neural tangent kernel: predicted against actual training (section 18)", "gradient-descent step t", "‖y − ŷ‖₂", Alignment.UpperRight, name);
    }

    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        return plot;
    }

    // Titles the plot, places its legend and writes it to Examples/output/<name>; returns the file's path.
    private static string Save(Plot plot, string title, string xLabel, string yLabel, Alignment legend, string name)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(legend);
        string file = Pictures.Path(name);
        plot.SavePng(file, 900, 520);
        return file;
    }
}
