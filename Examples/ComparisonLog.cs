using static Autodiff.Examples.Report;

namespace Autodiff.Examples;

/// <summary>The comparisons one section makes, in order, each formatted for its table as it is recorded.</summary>
internal sealed class ComparisonLog
{
    private readonly List<Comparison> _comparisons = [];

    public IReadOnlyList<Comparison> Comparisons => _comparisons;

    // The cells "AD, reference, relative difference", recording the comparison.
    public string[] Compare(double ad, double reference, double tolerance = Comparison.Exact) =>
        [Num(ad), Num(reference), Sci(Record(Comparison.RelativeDifference(ad, reference), tolerance))];

    public double Record(double difference, double tolerance)
    {
        _comparisons.Add(new Comparison(difference, tolerance));
        return difference;
    }

    // Prints the AD matrix beside the closed form, recording the largest absolute difference of their entries.
    public void CompareMatrices(double[,] ad, double[,] closedForm, string closedFormName)
    {
        double largest = 0;
        for (int i = 0; i < ad.GetLength(0); i++)
            for (int j = 0; j < ad.GetLength(1); j++)
                largest = Math.Max(largest, Math.Abs(ad[i, j] - closedForm[i, j]));
        Matrices(ad, closedForm, closedFormName, Record(largest, Comparison.Exact));
    }
}
