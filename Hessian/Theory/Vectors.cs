using System.Numerics;

namespace Autodiff;

/// <summary>The few vector operations the iterative solvers share: dot products, norms, axpy.</summary>
internal static class Vectors
{
    public static T Dot<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int i = 0; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }

    public static T Norm<T>(ReadOnlySpan<T> a) where T : IFloatingPointIeee754<T> => T.Sqrt(Dot(a, a));

    /// <summary>y ← y + α x.</summary>
    public static void AddScaled<T>(Span<T> y, T alpha, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < y.Length; i++)
            y[i] += alpha * x[i];
    }

    /// <summary>M v for a row-major matrix held as T[,] (rows × columns).</summary>
    public static T[] Times<T>(T[,] m, ReadOnlySpan<T> v) where T : IFloatingPointIeee754<T>
    {
        int rows = m.GetLength(0), columns = m.GetLength(1);
        var result = new T[rows];
        for (int i = 0; i < rows; i++)
        {
            T sum = T.Zero;
            for (int j = 0; j < columns; j++)
                sum += m[i, j] * v[j];
            result[i] = sum;
        }
        return result;
    }

    /// <summary>Mᵀ u.</summary>
    public static T[] TransposeTimes<T>(T[,] m, ReadOnlySpan<T> u) where T : IFloatingPointIeee754<T>
    {
        int rows = m.GetLength(0), columns = m.GetLength(1);
        var result = new T[columns];
        // Stryker disable once Statement : default(T) is T.Zero for every IEEE type in .NET; the fill keeps any other T right.
        Array.Fill(result, T.Zero);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                result[j] += m[i, j] * u[i];
        return result;
    }
}
