using System.Numerics.Tensors;

namespace Autodiff.Examples.MatrixCalculus;

/// <summary>
/// Matrix algebra on plain <c>double[,]</c>, written out by hand for the closed forms: independent of the library
/// whose derivatives they check.
/// </summary>
internal static class Dense
{
    // Entries uniform in [−1, 1).
    public static double[,] Random(Random random, int m, int n)
    {
        var a = new double[m, n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                a[i, j] = 2 * random.NextDouble() - 1;
        return a;
    }

    public static double[] RandomVector(Random random, int n) => Row(Random(random, 1, n), 0);

    // A random n×n matrix plus n·I: strictly diagonally dominant, so invertible, well conditioned, det > 0.
    public static double[,] Invertible(Random random, int n) => Add(Random(random, n, n), Scaled(Identity(n), n));

    public static double[,] Identity(int n)
    {
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            a[i, i] = 1;
        return a;
    }

    public static double[,] Transpose(double[,] a)
    {
        var t = new double[a.GetLength(1), a.GetLength(0)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                t[j, i] = a[i, j];
        return t;
    }

    public static double[,] Multiply(double[,] a, double[,] b)
    {
        var c = new double[a.GetLength(0), b.GetLength(1)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < b.GetLength(1); j++)
                for (int k = 0; k < a.GetLength(1); k++)
                    c[i, j] += a[i, k] * b[k, j];
        return c;
    }

    public static double[] Multiply(double[,] a, double[] x) => Column(Multiply(a, ColumnMatrix(x)), 0);

    // xᵀA as a vector.
    public static double[] Multiply(double[] x, double[,] a) => Row(Multiply(RowMatrix(x), a), 0);

    public static double[,] Outer(double[] a, double[] b) => Multiply(ColumnMatrix(a), RowMatrix(b));

    public static double[,] Add(double[,] a, double[,] b) => Combine(a, b, 1);

    public static double[] Subtract(double[] a, double[] b) => a.Zip(b, (p, q) => p - q).ToArray();

    // sA, as A + (s − 1)A.
    public static double[,] Scaled(double[,] a, double s) => Combine(a, a, s - 1);

    public static double[] Scaled(double[] a, double s) => Array.ConvertAll(a, x => s * x);

    // (A⁻¹, det A) by Gauss–Jordan elimination with partial pivoting on [A | I].
    public static (double[,] Inverse, double Determinant) Invert(double[,] a)
    {
        int n = a.GetLength(0);
        double[,] m = (double[,])a.Clone(), inverse = Identity(n);
        double determinant = 1;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int row = col + 1; row < n; row++)
                if (Math.Abs(m[row, col]) > Math.Abs(m[pivot, col]))
                    pivot = row;
            if (pivot != col)
            {
                SwapRows(m, col, pivot);
                SwapRows(inverse, col, pivot);
                determinant = -determinant;
            }
            double p = m[col, col];
            determinant *= p;
            for (int j = 0; j < n; j++)
            {
                m[col, j] /= p;
                inverse[col, j] /= p;
            }
            for (int row = 0; row < n; row++)
            {
                double factor = m[row, col];
                if (row == col || factor == 0)
                    continue;
                for (int j = 0; j < n; j++)
                {
                    m[row, j] -= factor * m[col, j];
                    inverse[row, j] -= factor * inverse[col, j];
                }
            }
        }
        return (inverse, determinant);
    }

    public static double[] Flatten(double[,] a) => a.Cast<double>().ToArray();

    public static double[] Flatten(Tensor<double> t)
    {
        var values = new double[t.FlattenedLength];
        t.FlattenTo(values);
        return values;
    }

    // max_k |x_k − y_k| / max_k |y_k|: the normwise relative difference of x from the reference y.
    public static double RelativeDifference(double[] x, double[] y)
    {
        double scale = y.Max(Math.Abs);
        double difference = x.Zip(y, (p, q) => Math.Abs(p - q)).Max();
        return scale == 0 ? difference : difference / scale;
    }

    // A + sB.
    private static double[,] Combine(double[,] a, double[,] b, double s)
    {
        var c = new double[a.GetLength(0), a.GetLength(1)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                c[i, j] = a[i, j] + s * b[i, j];
        return c;
    }

    private static double[,] ColumnMatrix(double[] x)
    {
        var m = new double[x.Length, 1];
        for (int i = 0; i < x.Length; i++)
            m[i, 0] = x[i];
        return m;
    }

    private static double[,] RowMatrix(double[] x) => Transpose(ColumnMatrix(x));

    private static double[] Column(double[,] a, int j) => Enumerable.Range(0, a.GetLength(0)).Select(i => a[i, j]).ToArray();

    private static double[] Row(double[,] a, int i) => Enumerable.Range(0, a.GetLength(1)).Select(j => a[i, j]).ToArray();

    private static void SwapRows(double[,] a, int p, int q)
    {
        for (int j = 0; j < a.GetLength(1); j++)
            (a[p, j], a[q, j]) = (a[q, j], a[p, j]);
    }
}
