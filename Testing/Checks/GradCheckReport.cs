using System.Text;

namespace Autodiff.Testing;

/// <summary>
/// The outcome of a check: what was checked, how many comparisons were made and how many failed, and the
/// <see cref="WorstCount"/> worst entries (largest error relative to the allowed one). <see cref="ToString"/> prints
/// it as a table a failing test can show; <see cref="ThrowIfFailed"/> turns a failure into a
/// <see cref="GradCheckException"/>.
/// </summary>
public sealed class GradCheckReport
{
    /// <summary>How many of the worst entries a report keeps.</summary>
    public const int WorstCount = 5;

    internal GradCheckReport(string subject, Tolerances tolerances, IReadOnlyCollection<GradCheckEntry> entries)
    {
        Subject = subject;
        Tolerances = tolerances;
        Count = entries.Count;
        FailureCount = entries.Count(e => !e.Passed);
        Worst = [.. entries.OrderByDescending(e => e.Ratio).Take(WorstCount)];
    }

    /// <summary>What was checked, e.g. "∇f at x = [0.5, 2] (f: ℝ² → ℝ)".</summary>
    public string Subject { get; }

    /// <summary>The tolerances the comparisons were held to.</summary>
    public Tolerances Tolerances { get; }

    /// <summary>The number of comparisons made.</summary>
    public int Count { get; }

    /// <summary>The number of comparisons outside the tolerances.</summary>
    public int FailureCount { get; }

    /// <summary>Every comparison was within the tolerances.</summary>
    public bool Passed => FailureCount == 0;

    /// <summary>The worst entries, worst first (at most <see cref="WorstCount"/>).</summary>
    public IReadOnlyList<GradCheckEntry> Worst { get; }

    /// <summary>This report if it passed.</summary>
    /// <exception cref="GradCheckException">A comparison failed; the message is <see cref="ToString"/>.</exception>
    public GradCheckReport ThrowIfFailed() => Passed ? this : throw new GradCheckException(this);

    /// <summary>A verdict line, then the worst entries, one a line.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Passed
            ? $"passed: {Subject}: all {Count} comparisons within {Tolerances}"
            : $"FAILED: {Subject}: {FailureCount} of {Count} comparisons outside {Tolerances}");
        text.AppendLine().Append("  worst entries:");
        foreach (GradCheckEntry entry in Worst)
            text.AppendLine().Append("    ").Append(entry);
        return text.ToString();
    }
}
