using System.Numerics.Tensors;
using Autodiff.Properties.Support;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// A tensor computed by differentiation against a closed form on a plain array, entry by entry with
/// <see cref="Tolerance.AssertClose"/> (relative, floor 1). The number of entries must agree; the dimensions too
/// when the tensor is a matrix (a gradient with respect to a vector is a vector whose entries are the seeds' 1×n row).
/// </summary>
public static class TensorAssert
{
    /// <summary>Asserts that <paramref name="actual"/> equals <paramref name="expected"/> to <paramref name="rtol"/>.</summary>
    public static void Close(double[,] expected, Tensor<double> actual, double rtol, string what)
    {
        if (actual.Rank == 2)
            Assert.Equal([expected.GetLength(0), expected.GetLength(1)], actual.Lengths.ToArray().Select(l => (int)l));
        Close(Plain.Flat(expected), actual, rtol, what);
    }

    /// <summary>Asserts that the entries of <paramref name="actual"/> (row-major) equal <paramref name="expected"/>.</summary>
    public static void Close(double[] expected, Tensor<double> actual, double rtol, string what) =>
        Close(expected, Flat(actual), rtol, what);

    /// <summary>Asserts that two arrays of entries agree entry by entry.</summary>
    public static void Close(double[] expected, double[] actual, double rtol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < actual.Length; k++)
            Tolerance.AssertClose(expected[k], actual[k], rtol, $"{what}, entry {k}");
    }

    /// <summary>The entries of a tensor, row-major.</summary>
    public static double[] Flat(Tensor<double> t)
    {
        var flat = new double[t.FlattenedLength];
        t.FlattenTo(flat);
        return flat;
    }
}
