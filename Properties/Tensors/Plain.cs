namespace Autodiff.Properties.Tensors;

/// <summary>
/// Dense linear algebra on plain <c>double[,]</c> arrays, written out loop by loop: the closed forms of the seeds'
/// tables are evaluated with these, so they share no code with the tensor primitives' JVP and VJP rules (only the
/// inverse and the determinant go through the Hessian project's public LU factorisation, a separate code path from
/// the rules). A vector is an n×1 column; a gradient in the seeds' layout is a 1×n row.
/// </summary>
public static class Plain
{
    /// <summary>A B.</summary>
    public static double[,] Multiply(double[,] a, double[,] b)
    {
        int m = a.GetLength(0), k = a.GetLength(1), n = b.GetLength(1);
        if (b.GetLength(0) != k)
            throw new ArgumentException($"Plain.Multiply: {m}×{k} times {b.GetLength(0)}×{n}.");
        var c = new double[m, n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                for (int l = 0; l < k; l++)
                    c[i, j] += a[i, l] * b[l, j];
        return c;
    }

    /// <summary>A₁ A₂ ⋯ A_k.</summary>
    public static double[,] Multiply(double[,] a, double[,] b, params double[][,] rest) =>
        rest.Aggregate(Multiply(a, b), Multiply);

    /// <summary>Aᵀ.</summary>
    public static double[,] Transpose(double[,] a) => Build(a.GetLength(1), a.GetLength(0), (i, j) => a[j, i]);

    /// <summary>A + B.</summary>
    public static double[,] Add(double[,] a, double[,] b) => Zip(a, b, (x, y) => x + y);

    /// <summary>A − B.</summary>
    public static double[,] Subtract(double[,] a, double[,] b) => Zip(a, b, (x, y) => x - y);

    /// <summary>A ⊙ B.</summary>
    public static double[,] Hadamard(double[,] a, double[,] b) => Zip(a, b, (x, y) => x * y);

    /// <summary>s A.</summary>
    public static double[,] Scale(double s, double[,] a) => Map(a, x => s * x);

    /// <summary>f applied to every entry.</summary>
    public static double[,] Map(double[,] a, Func<double, double> f) => Build(a.GetLength(0), a.GetLength(1), (i, j) => f(a[i, j]));

    /// <summary>The n×n identity.</summary>
    public static double[,] Identity(int n) => Build(n, n, (i, j) => i == j ? 1 : 0);

    /// <summary>diag(d) for a column d.</summary>
    public static double[,] Diagonal(double[,] d) => Build(d.Length, d.Length, (i, j) => i == j ? d[i, 0] : 0);

    /// <summary>tr A.</summary>
    public static double Trace(double[,] a) => Enumerable.Range(0, a.GetLength(0)).Sum(i => a[i, i]);

    /// <summary>The single entry of a 1×1 product such as aᵀ X b.</summary>
    public static double Scalar(double[,] a) =>
        a.Length == 1 ? a[0, 0] : throw new ArgumentException($"Plain.Scalar: {a.GetLength(0)}×{a.GetLength(1)} is not 1×1.");

    /// <summary>A⁻¹, one LU solve per column of the identity.</summary>
    public static double[,] Inverse(double[,] a)
    {
        LuFactorization<double> lu = Factor(a);
        int n = a.GetLength(0);
        var inverse = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            var e = new double[n];
            e[j] = 1;
            double[] column = lu.Solve(e);
            for (int i = 0; i < n; i++)
                inverse[i, j] = column[i];
        }
        return inverse;
    }

    /// <summary>det A by LU.</summary>
    public static double Determinant(double[,] a) => Factor(a).Determinant;

    /// <summary>The entries, row-major.</summary>
    public static double[] Flat(double[,] a) => [.. a.Cast<double>()];

    private static LuFactorization<double> Factor(double[,] a) =>
        LuFactorization<double>.Factor(a).Match(lu => lu, error => throw new ArgumentException($"Plain: {error.Message}"));

    private static double[,] Zip(double[,] a, double[,] b, Func<double, double, double> f)
    {
        if (a.GetLength(0) != b.GetLength(0) || a.GetLength(1) != b.GetLength(1))
            throw new ArgumentException($"Plain: {a.GetLength(0)}×{a.GetLength(1)} and {b.GetLength(0)}×{b.GetLength(1)} differ.");
        return Build(a.GetLength(0), a.GetLength(1), (i, j) => f(a[i, j], b[i, j]));
    }

    private static double[,] Build(int m, int n, Func<int, int, double> entry)
    {
        var c = new double[m, n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                c[i, j] = entry(i, j);
        return c;
    }
}
