using System.Numerics.Tensors;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.MatrixCalculus;

/// <summary>
/// Section 15: the seeds' table of matrix-calculus identities, each checked live: the gradient (or Jacobian) of a
/// function of random vectors and matrices by reverse mode on tensors, beside the closed form evaluated by hand.
/// </summary>
internal static class Identities
{
    private const int N = 4, M = 3;

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("15. Matrix calculus: the identity table, checked live",
            "Random a, b, x ∈ ℝⁿ, s ∈ ℝᵐ, B, C, W ∈ ℝ^{n×n} (W symmetric), A, R ∈ ℝ^{n×m}, X ∈ ℝ^{n×n} invertible, S = RᵀR + I",
            $"positive definite; n = {N}, m = {M}. AD: Tensors.Grad (one reverse sweep over matrix primitives) or Tensors.Jacobian",
            "(one sweep per output entry). Closed forms: Dense, plain double[,] algebra written by hand (Gauss–Jordan",
            "for X⁻¹ and det X). The difference is max_k |AD_k − closed_k| / max_k |closed_k| over all entries.");
        var random = new Random(15);
        double[] a = Dense.RandomVector(random, N), b = Dense.RandomVector(random, N);
        double[] x = Dense.RandomVector(random, N), s = Dense.RandomVector(random, M);
        double[,] bMatrix = Dense.Random(random, N, N), c = Dense.Random(random, N, N), aMatrix = Dense.Random(random, N, M);
        double[,] halfW = Dense.Random(random, N, N);
        double[,] w = Dense.Add(halfW, Dense.Transpose(halfW)), xMatrix = Dense.Invertible(random, N), r = Dense.Random(random, N, M);
        double[,] spd = Dense.Add(Dense.Multiply(Dense.Transpose(r), r), Dense.Identity(M));
        (double[,] xInverse, double det) = Dense.Invert(xMatrix);
        double[,] xInverseT = Dense.Transpose(xInverse);
        TensorVar<double> ta = Tensors.Vector(a), tb = Tensors.Vector(b), tx = Tensors.Vector(x);
        TensorVar<double> tB = Tensors.Matrix(bMatrix), tA = Tensors.Matrix(aMatrix), tW = Tensors.Matrix(w);

        var table = new Table(3, "seeds", "derivative", "closed form", "entries", "max rel. diff");
        void Row(string equation, string derivative, string closedForm, Tensor<double> ad, double[] reference) =>
            table.Row([equation, derivative, closedForm, Num(reference.Length),
                Sci(log.Record(Dense.RelativeDifference(Dense.Flatten(ad), reference), Comparison.Exact))]);

        Row("(5.105)", "∂(aᵀx)/∂x", "aᵀ", Tensors.Grad(v => ta.MatMul(v), Tensors.Vector(x)), a);
        Row("(5.104)", "∂(xᵀa)/∂x", "aᵀ", Tensors.Grad(v => v.MatMul(ta), Tensors.Vector(x)), a);
        Row("(5.107)", "∂(xᵀBx)/∂x", "xᵀ(B + Bᵀ)", Tensors.Grad(v => v.MatMul(tB.MatMul(v)), Tensors.Vector(x)),
            Dense.Multiply(x, Dense.Add(bMatrix, Dense.Transpose(bMatrix))));
        double[] residual = Dense.Subtract(Dense.Multiply(aMatrix, s), x);
        Row("", "∂‖As − x‖²/∂s", "2(As − x)ᵀA", Tensors.Grad(v => (tA.MatMul(v) - tx).SquaredNorm(), Tensors.Vector(s)),
            Dense.Scaled(Dense.Multiply(residual, aMatrix), 2));
        Row("(5.108)", "∂(x − As)ᵀW(x − As)/∂s", "−2(x − As)ᵀWA",
            Tensors.Grad(v => (tx - tA.MatMul(v)).MatMul(tW.MatMul(tx - tA.MatMul(v))), Tensors.Vector(s)),
            Dense.Scaled(Dense.Multiply(Dense.Multiply(residual, w), aMatrix), 2));
        Row("(5.106)", "∂(aᵀCb)/∂C", "abᵀ", Tensors.Grad(v => ta.MatMul(v.MatMul(tb)), Tensors.Matrix(c)),
            Dense.Flatten(Dense.Outer(a, b)));
        Row("", "∂ tr(CB)/∂C", "Bᵀ", Tensors.Grad(v => v.MatMul(tB).Trace(), Tensors.Matrix(c)), Dense.Flatten(Dense.Transpose(bMatrix)));
        Row("(5.101)", "∂ det X/∂X", "det(X) X⁻ᵀ", Tensors.Grad(v => v.Determinant(), Tensors.Matrix(xMatrix)),
            Dense.Flatten(Dense.Scaled(xInverseT, det)));
        Row("", "∂ log|det X|/∂X", "X⁻ᵀ", Tensors.Grad(v => v.LogAbsDeterminant(), Tensors.Matrix(xMatrix)), Dense.Flatten(xInverseT));
        Row("", "∂ log det S/∂S (Cholesky)", "S⁻¹",
            Tensors.Grad(v => v.LogDeterminantPositiveDefinite(), Tensors.Matrix(spd)), Dense.Flatten(Dense.Invert(spd).Inverse));
        double[,] bilinear = Dense.Scaled(Dense.Multiply(Dense.Multiply(xInverseT, Dense.Outer(a, b)), xInverseT), -1);
        Tensor<double> byInverse = Tensors.Grad(v => ta.MatMul(v.Inverse().MatMul(tb)), Tensors.Matrix(xMatrix));
        Row("(5.103)", "∂(aᵀX⁻¹b)/∂X, X⁻¹ by Inverse", "−X⁻ᵀabᵀX⁻ᵀ", byInverse, Dense.Flatten(bilinear));
        Row("", "∂(aᵀX⁻¹b)/∂X, X⁻¹b by Solve", "−X⁻ᵀabᵀX⁻ᵀ",
            Tensors.Grad(v => ta.MatMul(v.Solve(tb)), Tensors.Matrix(xMatrix)), Dense.Flatten(bilinear));
        // (5.99), (5.100), (5.102) with f(X) = X², whose derivative is ∂(X²)_ij/∂X_kl = δ_ik X_lj + X_ik δ_jl.
        Tensor<double> tX = Tensors.Matrix(xMatrix);
        Row("(5.99)", "∂f(X)ᵀ/∂X, f(X) = X²", "(∂f/∂X)ᵀ: δ_jk X_li + X_jk δ_il",
            Tensors.Jacobian(v => v.MatMul(v).Transpose(), tX), SquareJacobian(xMatrix, transposed: true));
        Row("(5.100)", "∂ tr f(X)/∂X, f(X) = X²", "tr(∂f/∂X) = 2Xᵀ",
            Tensors.Grad(v => v.MatMul(v).Trace(), tX), Dense.Flatten(Dense.Scaled(Dense.Transpose(xMatrix), 2)));
        Row("(5.102)", "∂f(X)⁻¹/∂X, f(X) = X²", "−f⁻¹ (∂f/∂X) f⁻¹",
            Tensors.Jacobian(v => v.MatMul(v).Inverse(), tX), SquareInverseJacobian(xMatrix));
        Row("", "dσ/dx, σ = softmax(x)", "diag(σ) − σσᵀ", Tensors.Jacobian(v => v.Softmax(), Tensors.Vector(x)), SoftmaxJacobian(x));
        Row("", "dK/dR, K = RᵀR ∈ ℝ^{m×m}", "∂K_pq/∂R_ij = δ_jp R_iq + δ_jq R_ip",
            Tensors.Jacobian(v => v.Transpose().MatMul(v), Tensors.Matrix(r)), GramJacobian(r));
        table.Print();

        Console.WriteLine("  (5.103) entry by entry: ∂(aᵀX⁻¹b)/∂X by reverse mode through the Inverse primitive, beside −X⁻ᵀabᵀX⁻ᵀ.");
        log.CompareMatrices(Tensors.ToArray(byInverse), bilinear, "−X⁻ᵀabᵀX⁻ᵀ");
        return log.Comparisons;
    }

    // ∂(X²)_ij/∂X_kl = δ_ik X_lj + X_ik δ_jl (or, transposed, the same for (X²)_ji), in Tensors.Jacobian's order [i, j, k, l].
    private static double[] SquareJacobian(double[,] x, bool transposed)
    {
        int n = x.GetLength(0);
        var jacobian = new double[n * n * n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++)
                    for (int l = 0; l < n; l++)
                    {
                        (int p, int q) = transposed ? (j, i) : (i, j);
                        jacobian[((i * n + j) * n + k) * n + l] = (p == k ? x[l, q] : 0) + (q == l ? x[p, k] : 0);
                    }
        return jacobian;
    }

    // (5.102) for F = X²: ∂(F⁻¹)_ij/∂X_kl = −Σ_ab F⁻¹_ia (∂F_ab/∂X_kl) F⁻¹_bj = −(F⁻¹_ik (X F⁻¹)_lj + (F⁻¹X)_ik F⁻¹_lj).
    private static double[] SquareInverseJacobian(double[,] x)
    {
        int n = x.GetLength(0);
        double[,] f = Dense.Invert(Dense.Multiply(x, x)).Inverse, xf = Dense.Multiply(x, f), fx = Dense.Multiply(f, x);
        var jacobian = new double[n * n * n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++)
                    for (int l = 0; l < n; l++)
                        jacobian[((i * n + j) * n + k) * n + l] = -(f[i, k] * xf[l, j] + fx[i, k] * f[l, j]);
        return jacobian;
    }

    // diag(σ) − σσᵀ with σ_k = e^{x_k} / Σ_l e^{x_l}, flattened row-major.
    private static double[] SoftmaxJacobian(double[] x)
    {
        double max = x.Max();
        double[] e = Array.ConvertAll(x, v => Math.Exp(v - max));
        double[] sigma = Array.ConvertAll(e, v => v / e.Sum());
        var jacobian = new double[x.Length * x.Length];
        for (int i = 0; i < x.Length; i++)
            for (int j = 0; j < x.Length; j++)
                jacobian[i * x.Length + j] = (i == j ? sigma[i] : 0) - sigma[i] * sigma[j];
        return jacobian;
    }

    // The seeds' case table for K = RᵀR, R ∈ ℝ^{m×n}: ∂K_pq/∂R_ij = R_iq [j = p] + R_ip [j = q], in the order
    // [p, q, i, j] of Tensors.Jacobian's lengths [n, n, m, n].
    private static double[] GramJacobian(double[,] r)
    {
        int m = r.GetLength(0), n = r.GetLength(1);
        var jacobian = new double[n * n * m * n];
        for (int p = 0; p < n; p++)
            for (int q = 0; q < n; q++)
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < n; j++)
                        jacobian[((p * n + q) * m + i) * n + j] = (j == p ? r[i, q] : 0) + (j == q ? r[i, p] : 0);
        return jacobian;
    }
}
