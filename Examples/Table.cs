namespace Autodiff.Examples;

/// <summary>A console table: the first columns left-aligned (labels), the others right-aligned (numbers).</summary>
internal sealed class Table(int labelColumns, params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Row(string[] cells) => _rows.Add(cells);

    public void Print()
    {
        var widths = new int[headers.Length];
        for (int j = 0; j < widths.Length; j++)
            widths[j] = _rows.Select(r => r[j].Length).Append(headers[j].Length).Max();

        Console.WriteLine(Line(headers));
        Console.WriteLine("  " + string.Join("  ", widths.Select(w => new string('─', w))));
        foreach (string[] row in _rows)
            Console.WriteLine(Line(row));
        Console.WriteLine();

        string Line(string[] cells) => ("  " + string.Join("  ", cells.Select((cell, j) =>
            j < labelColumns ? cell.PadRight(widths[j]) : cell.PadLeft(widths[j])))).TrimEnd();
    }
}
