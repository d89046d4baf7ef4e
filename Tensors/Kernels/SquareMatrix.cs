using System.Numerics;

namespace Autodiff;

/// <summary>The check every square-matrix primitive (trace, solve, inverse, determinants) makes first.</summary>
internal static class SquareMatrix
{
    /// <summary>n, for an n×n matrix; otherwise an error naming the operation and the shape.</summary>
    /// <exception cref="ArgumentException">The tensor is not a square matrix.</exception>
    public static int Order<T>(TensorVar<T> a, string operation) where T : IFloatingPointIeee754<T>
    {
        // Stryker disable once Statement : a is the receiver of a TensorVar method, never null; the check guards internal callers.
        ArgumentNullException.ThrowIfNull(a);
        if (a.Shape.Rank != 2 || a.Shape.Rows != a.Shape.Columns)
            throw new ArgumentException($"{operation}: the matrix is {a.Shape}; it must be square (n×n).");
        return a.Shape.Rows;
    }
}
