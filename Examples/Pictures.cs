using ScottPlot;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples;

/// <summary>What the sections that draw share: where pictures go, and a log-scale loss axis.</summary>
internal static class Pictures
{
    // Examples/output/<name> in the repository holding the running build, else output/ beside the executable.
    public static string Path(string name)
    {
        DirectoryInfo? directory = new(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Examples", "Examples.csproj")))
            directory = directory.Parent;
        string folder = directory is null
            ? System.IO.Path.Combine(AppContext.BaseDirectory, "output")
            : System.IO.Path.Combine(directory.FullName, "Examples", "output");
        Directory.CreateDirectory(folder);
        return System.IO.Path.Combine(folder, name);
    }

    // The left axis of a plot whose y values are log₁₀ of the quantity: ticks labelled 10ⁿ, log-spaced minor ticks.
    public static void LogScaleLeftAxis(Plot plot) =>
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            LabelFormatter = y => "10" + string.Concat(Num((int)Math.Round(y)).Select(c => "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"["-0123456789".IndexOf(c)])),
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        };
}
