namespace Autodiff.Testing;

/// <summary>A derivative check failed; the message is the report's table of the worst entries.</summary>
public sealed class GradCheckException : Exception
{
    /// <summary>The exception of a failed report.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public GradCheckException(GradCheckReport report)
        : base((report ?? throw new ArgumentNullException(nameof(report))).ToString()) => Report = report;

    /// <summary>The failed report.</summary>
    public GradCheckReport Report { get; }
}
