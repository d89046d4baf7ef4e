namespace Autodiff.Testing;

// Collects the comparisons of one check and makes its report.
internal sealed class Comparisons(Tolerances? tolerances)
{
    private readonly Tolerances _tolerances = tolerances ?? Tolerances.Default;
    private readonly List<GradCheckEntry> _entries = [];

    // Error 0 where the two are equal, infinities included (∞ − ∞ would be NaN); a NaN still fails.
    public void Add(string check, string index, double value, double reference) =>
        _entries.Add(new(check, index, value, reference, value == reference ? 0 : Math.Abs(value - reference), _tolerances.Allowed(reference)));

    // Entry [i, j] of two m×n matrices ([j] of a single row, a gradient).
    public void Add(string check, double[,] values, double[,] references)
    {
        bool row = values.GetLength(0) == 1;
        for (int i = 0; i < values.GetLength(0); i++)
            for (int j = 0; j < values.GetLength(1); j++)
                Add(check, row ? $"[{j}]" : $"[{i}, {j}]", values[i, j], references[i, j]);
    }

    // Entry [i] of two vectors.
    public void Add(string check, double[] values, double[] references)
    {
        for (int i = 0; i < values.Length; i++)
            Add(check, $"[{i}]", values[i], references[i]);
    }

    public GradCheckReport Report(string subject) => new(subject, _tolerances, _entries);
}
