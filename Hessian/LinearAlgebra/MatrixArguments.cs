using System.Numerics;
using static System.FormattableString;

namespace Autodiff;

/// <summary>
/// Argument checks for the dense linear algebra: each throws an <see cref="ArgumentException"/> before any work,
/// naming the argument, its shape and the shape expected.
/// </summary>
internal static class MatrixArguments
{
    /// <summary>Checks that a is a non-null, non-empty n×n matrix of finite entries, and returns n.</summary>
    public static int Square<T>(T[,]? a, string name) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a, name);
        int rows = a.GetLength(0), columns = a.GetLength(1);
        if (rows == 0 || columns == 0)
            throw new ArgumentException(Invariant($"{name} is {rows}×{columns}, which is empty; it must be n×n with n ≥ 1."), name);
        if (rows != columns)
            throw new ArgumentException(Invariant($"{name} is {rows}×{columns}; it must be square (n×n)."), name);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                if (!T.IsFinite(a[i, j]))
                    throw new ArgumentException(Invariant($"{name}[{i}, {j}] is {a[i, j]}; every entry must be finite."), name);
        return rows;
    }

    /// <summary>Checks that b is a vector of n finite entries, where a is n×n.</summary>
    public static void RightHandSide<T>(ReadOnlySpan<T> b, int n, string name, string matrixName)
        where T : IFloatingPointIeee754<T>
    {
        if (b.Length != n)
            throw new ArgumentException(
                Invariant($"{name} has length {b.Length} but {matrixName} is {n}×{n}; {name} must have length {n}."), name);
        for (int i = 0; i < n; i++)
            if (!T.IsFinite(b[i]))
                throw new ArgumentException(Invariant($"{name}[{i}] is {b[i]}; every entry must be finite."), name);
    }

    /// <summary>
    /// Checks that the row-major n×n matrix a is symmetric to within a relative 10⁻¹⁰:
    /// |a_ij − a_ji| ≤ 10⁻¹⁰ · max|a_kl| for every i, j. The message starts with <paramref name="context"/>.
    /// </summary>
    public static void Symmetric<T>(ReadOnlySpan<T> a, int n, string name, string context = "") where T : IFloatingPointIeee754<T>
    {
        T tolerance = T.CreateChecked(1e-10) * MaxAbs(a);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (T.Abs(a[i * n + j] - a[j * n + i]) > tolerance)
                    throw new ArgumentException(
                        context + Invariant($"{name} is not symmetric: {name}[{i}, {j}] = {a[i * n + j]} but {name}[{j}, {i}] = {a[j * n + i]} ") +
                        Invariant($"(they may differ by at most 1e-10 · max|{name}_kl| = {tolerance})."), name);
    }

    /// <summary>max|a_k| over the entries of a (0 for none).</summary>
    public static T MaxAbs<T>(ReadOnlySpan<T> a) where T : IFloatingPointIeee754<T>
    {
        T max = T.Zero;
        foreach (T entry in a)
            max = T.Max(max, T.Abs(entry));
        return max;
    }

    /// <summary>max|a_ij| over the n×n matrix a.</summary>
    public static T MaxAbs<T>(T[,] a, int n) where T : IFloatingPointIeee754<T>
    {
        T max = T.Zero;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                max = T.Max(max, T.Abs(a[i, j]));
        return max;
    }
}

/// <summary>Machine epsilon of T: the gap between 1 and the next larger T (2⁻⁵² for double, 2⁻²³ for float).</summary>
/// <remarks>Not <c>T.Epsilon</c>, which in .NET is the smallest positive subnormal.</remarks>
internal static class Precision<T> where T : IFloatingPointIeee754<T>
{
    public static readonly T Epsilon = T.BitIncrement(T.One) - T.One;
}
