using System.Numerics.Tensors;

namespace Autodiff.Testing;

/// <summary>A random matrix (row-major) with its shape; prints its entries in a counterexample.</summary>
public sealed record MatrixCase(int Rows, int Columns, double[] Entries)
{
    /// <summary>The matrix as a tensor.</summary>
    public Tensor<double> Tensor => System.Numerics.Tensors.Tensor.Create((double[])Entries.Clone(), [Rows, Columns]);

    /// <summary>The entries as a vector (a case of one row or one column standing for a vector of ℝⁿ).</summary>
    public Tensor<double> Vector => System.Numerics.Tensors.Tensor.Create((double[])Entries.Clone(), [Entries.Length]);

    /// <summary>The matrix as a plain array, for closed forms computed without the library's tensors.</summary>
    public double[,] ToArray()
    {
        var a = new double[Rows, Columns];
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++)
                a[i, j] = this[i, j];
        return a;
    }

    /// <summary>a_ij.</summary>
    public double this[int i, int j] => Entries[i * Columns + j];

    /// <inheritdoc/>
    public override string ToString() => $"{Rows}×{Columns} [{string.Join("; ", Enumerable.Range(0, Rows).Select(i => string.Join(", ", Entries.Skip(i * Columns).Take(Columns).Select(e => e.ToString(Exact)))))}]";

    // The round-trip format: the shortest digits that read back as the same double.
    private const string Exact = "R";
}
