using System.Globalization;

namespace Autodiff.Examples;

/// <summary>The console output the sections share: headings, number formats, matrices, the summary line.</summary>
internal static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Heading(string title, params string[] lines)
    {
        Console.WriteLine($"── {title} {new string('─', Math.Max(3, 100 - title.Length))}");
        foreach (string line in lines)
            Console.WriteLine($"  {line}");
        Console.WriteLine();
    }

    // Prints the AD matrix beside the closed form, then the largest absolute difference of their entries.
    public static void Matrices(double[,] ad, double[,] closedForm, string closedFormName, double largest)
    {
        string[] left = MatrixLines(ad), right = MatrixLines(closedForm);
        int width = Math.Max(left[0].Length, "AD".Length);
        Console.WriteLine($"    {"AD".PadRight(width)}    {closedFormName}");
        for (int i = 0; i < left.Length; i++)
            Console.WriteLine($"    {left[i].PadRight(width)}    {right[i]}");
        Console.WriteLine($"    max |AD − {closedFormName}| = {Sci(largest)}");
        Console.WriteLine();
    }

    // The last line of the run: how many comparisons missed their tolerance, and how close AD came to the exact
    // closed forms.
    public static string Summary(IReadOnlyCollection<Comparison> comparisons)
    {
        int failures = comparisons.Count(c => !c.Passed);
        double largestExact = comparisons.Where(c => c.AgainstExactForm).Select(c => c.Difference)
            .Aggregate(0.0, Math.Max);
        return $"{comparisons.Count} comparisons, {failures} outside tolerance; "
            + $"largest relative difference of AD against an exact closed form: {Sci(largestExact)}.";
    }

    public static string Point(double[] p) => $"({string.Join(", ", Array.ConvertAll(p, Short))})";

    // The subscript of the j-th entry, counting from 0: ₁, ₂, …, ₉.
    public static string Subscript(int j) => ((char)('₁' + j)).ToString();

    // A computed vector, in the matrices' fixed format.
    public static string Vector(double[] v) => $"({string.Join(", ", Array.ConvertAll(v, x => Fixed(x, "0.000000")))})";

    public static string Num(int value) => value.ToString(Invariant);

    // An input: as short as it was written.
    public static string Short(double value) => value.ToString(Invariant);

    public static string Num(double value) => Fixed(value, "0.000000000000");

    public static string Sci(double value) => value.ToString("0.00E+00", Invariant);

    private static string[] MatrixLines(double[,] m)
    {
        var lines = new string[m.GetLength(0)];
        for (int i = 0; i < lines.Length; i++)
        {
            var cells = new string[m.GetLength(1)];
            for (int j = 0; j < cells.Length; j++)
                cells[j] = Fixed(m[i, j], "0.000000").PadLeft(10);
            lines[i] = $"[{string.Join(" ", cells)} ]";
        }
        return lines;
    }

    // Fixed-point, without printing a negative zero as "-0.000".
    private static string Fixed(double value, string format) => (value == 0 ? 0.0 : value).ToString(format, Invariant);
}
