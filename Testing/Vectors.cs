namespace Autodiff.Testing;

/// <summary>The little linear algebra the random-program properties need, on plain arrays.</summary>
public static class Vectors
{
    /// <summary>The point x + t v of the line through x along v.</summary>
    public static double[] Line(double[] x, double[] v, double t) =>
        x is null ? throw new ArgumentNullException(nameof(x)) : v is null ? throw new ArgumentNullException(nameof(v)) : [.. x.Zip(v, (a, d) => a + t * d)];

    /// <summary>⟨a, b⟩.</summary>
    public static double Dot(double[] a, double[] b) =>
        a is null ? throw new ArgumentNullException(nameof(a)) : b is null ? throw new ArgumentNullException(nameof(b)) : a.Zip(b, (p, q) => p * q).Sum();

    /// <summary>The matrix-vector product H v.</summary>
    public static double[] Times(double[,] h, double[] v) =>
        h is null ? throw new ArgumentNullException(nameof(h)) : v is null ? throw new ArgumentNullException(nameof(v)) :
        [.. Enumerable.Range(0, h.GetLength(0)).Select(i => Enumerable.Range(0, v.Length).Sum(j => h[i, j] * v[j]))];
}
