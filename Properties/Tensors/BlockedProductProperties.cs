using System.Numerics;
using System.Numerics.Tensors;
using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// The packed, register-blocked matrix product (taken for products of at least 2¹⁵ multiply-adds in double and float)
/// against the naive triple loop, in the three layouts the primitive's rules use — C = A B (value and JVP),
/// Ā = C̄ Bᵀ and B̄ = Aᵀ C̄ (VJP) — at odd sizes that leave partial tiles on every edge and depths that cross the
/// 256-step depth blocks. Each entry may differ from the loop by rounding only: |Δ| ≤ tol · Σ_p |a_ip b_pj|.
/// </summary>
[Slow("products of matrices up to a few hundred rows, double and float: 9 s")]
public sealed class BlockedProductProperties
{
    private sealed record Case(int M, int K, int N, double[] A, double[] B, double[] Bar)
    {
        public override string ToString() => $"{M}×{K} · {K}×{N}";
    }

    private static Arbitrary<Case> Cases { get; } = Arb.From(
        from m in Gen.Choose(9, 23)
        from k in Gen.Choose(250, 520)
        from n in Gen.Choose(15, 37)
        from a in MatrixCases.Entries(m * k)
        from b in MatrixCases.Entries(k * n)
        from bar in MatrixCases.Entries(m * n)
        select new Case(m, k, n, a, b, bar));

    // Σ_p x(i, p) y(p, j) and Σ_p |x(i, p) y(p, j)| for every (i, j) of a rows×columns result.
    private static (double[] Product, double[] Scale) Naive(int rows, int inner, int columns, Func<int, int, double> x, Func<int, int, double> y)
    {
        var product = new double[rows * columns];
        var scale = new double[rows * columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                for (int p = 0; p < inner; p++)
                {
                    product[i * columns + j] += x(i, p) * y(p, j);
                    scale[i * columns + j] += Math.Abs(x(i, p) * y(p, j));
                }
        return (product, scale);
    }

    private static void AssertRounding<T>((double[] Product, double[] Scale) expected, Tensor<T> actual, double tolerance, string what)
        where T : IFloatingPointIeee754<T>
    {
        var flat = new T[actual.FlattenedLength];
        actual.FlattenTo(flat);
        Assert.Equal(expected.Product.Length, flat.Length);
        for (int e = 0; e < flat.Length; e++)
        {
            double error = Math.Abs(double.CreateChecked(flat[e]) - expected.Product[e]);
            if (error > tolerance * expected.Scale[e] + 1e-300)
                throw new Xunit.Sdk.XunitException($"{what}[{e}]: expected {expected.Product[e]:R}, got {flat[e]} (error {error:E2}, Σ|ab| = {expected.Scale[e]:E2})");
        }
    }

    private static void Check<T>(Case c, double tolerance) where T : IFloatingPointIeee754<T>
    {
        Tensor<T> a = Tensor.Create(Array.ConvertAll(c.A, T.CreateChecked), [c.M, c.K]);
        Tensor<T> b = Tensor.Create(Array.ConvertAll(c.B, T.CreateChecked), [c.K, c.N]);
        Tensor<T> bar = Tensor.Create(Array.ConvertAll(c.Bar, T.CreateChecked), [c.M, c.N]);
        (Tensor<T> value, TensorPullback<T> pullback) = Autodiff.Tensors.Vjp(x => x[0].MatMul(x[1]), a, b);
        AssertRounding(Naive(c.M, c.K, c.N, (i, p) => c.A[i * c.K + p], (p, j) => c.B[p * c.N + j]), value, tolerance, $"{c}: A B");
        Tensor<T>[] adjoints = pullback.Invoke(bar);
        AssertRounding(Naive(c.M, c.N, c.K, (i, p) => c.Bar[i * c.N + p], (p, j) => c.B[j * c.N + p]), adjoints[0], tolerance, $"{c}: C̄ Bᵀ");
        AssertRounding(Naive(c.K, c.M, c.N, (i, p) => c.A[p * c.K + i], (p, j) => c.Bar[p * c.N + j]), adjoints[1], tolerance, $"{c}: Aᵀ C̄");
        // JVP along (Ȧ, 0) with Ȧ = A: the tangent is A B again, through the rule's own product call.
        (Tensor<T> _, Tensor<T> tangent) = Autodiff.Tensors.Jvp(x => x[0].MatMul(x[1]), [a, b], [a, Tensor.Create(new T[c.K * c.N], [c.K, c.N])]);
        AssertRounding(Naive(c.M, c.K, c.N, (i, p) => c.A[i * c.K + p], (p, j) => c.B[p * c.N + j]), tangent, tolerance, $"{c}: Ȧ B");
    }

    [Fact]
    public void Double_products_equal_the_naive_loop_to_rounding() => Verify.ForAll(Cases, c => Check<double>(c, 1e-13));

    [Fact]
    public void Float_products_equal_the_naive_loop_to_rounding() => Verify.ForAll(Cases, c => Check<float>(c, 1e-5));
}
