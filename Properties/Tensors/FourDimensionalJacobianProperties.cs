using System.Numerics.Tensors;
using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;
using static Autodiff.Testing.MatrixCases;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// Jacobians of matrix functions of matrices: the seeds' dA/dB ∈ ℝ^{(p×q)×(m×n)}, a four-dimensional tensor from
/// <see cref="Autodiff.Tensors.Jacobian{T}"/>. Its lengths are [p, q, m, n]; its entries are the seeds' worked
/// examples (df/dA for f = Ax, dK/dR for K = RᵀR by the case formula); and reshaped to a (pq)×(mn) matrix it is
/// the Jacobian of the same function written on the flattened entries as scalar reverse-mode code
/// (<see cref="Autodiff.Reverse.Jacobian{T}"/> over <see cref="Tracked{T}"/>): the seeds' second approach, vectorising
/// first. The entries are products of inputs or sums of two, so everything agrees to <see cref="Exact"/>.
/// </summary>
public sealed class FourDimensionalJacobianProperties
{
    // J reshaped to (pq)×(mn), after checking its lengths are [p, q, m, n]. The entries are re-read row-major rather
    // than passed to Tensor.Reshape: System.Numerics.Tensors 10.0.0 gives a dimension of length 1 stride 0 and then
    // refuses to reshape any such tensor ("Provided dimensions are not valid for reshaping").
    private static Tensor<double> Reshaped(Tensor<double> jacobian, int p, int q, int m, int n)
    {
        Assert.Equal([p, q, m, n], jacobian.Lengths.ToArray().Select(l => (int)l));
        return Tensor.Create(TensorAssert.Flat(jacobian), [p * q, m * n]);
    }

    // The seeds' second approach: the scalar Jacobian of the flattened function equals the reshaped tensor Jacobian.
    private static void AssertFlattenedAgree(Func<Var, Var> f, VectorFunction<Tracked<double>> flattened, MatrixCase x, int p, int q, string what) =>
        TensorAssert.Close(Autodiff.Reverse.Jacobian(flattened, x.Entries), Reshaped(Differentiate.Jacobian(f, x.Tensor), p, q, x.Rows, x.Columns), Exact, what);

    // C = A B (m×k times k×n) on row-major entries, as scalar code.
    private static Tracked<double>[] Product(ReadOnlySpan<Tracked<double>> a, ReadOnlySpan<Tracked<double>> b, int m, int k, int n)
    {
        var c = new Tracked<double>[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                Tracked<double> sum = 0.0;
                for (int l = 0; l < k; l++)
                    sum += a[i * k + l] * b[l * n + j];
                c[i * n + j] = sum;
            }
        return c;
    }

    // Aᵀ (n×m) of an m×n A on row-major entries, as scalar code.
    private static Tracked<double>[] Transposed(ReadOnlySpan<Tracked<double>> a, int m, int n)
    {
        var t = new Tracked<double>[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                t[j * m + i] = a[i * n + j];
        return t;
    }

    [Fact]
    public void Jacobian_of_A_x_with_respect_to_A_has_x_transposed_in_row_i_of_block_i() =>
        // f: ℝ^{m×n} → ℝᵐ, df/dA ∈ ℝ^{m×(m×n)}: ∂f_i/∂A_kq = x_q if k = i, else 0.
        Verify.ForAll(Inputs.Sized((m, _, n) => [Matrix(m, n), Matrix(n, 1)]), c =>
        {
            int m = c[0].Rows, n = c[0].Columns;
            Tensor<double> jacobian = Differentiate.Jacobian(a => a.MatMul(c[1].Vector), c[0].Tensor);
            Assert.Equal([m, m, n], jacobian.Lengths.ToArray().Select(l => (int)l));
            double[] expected = [.. from i in Enumerable.Range(0, m) from k in Enumerable.Range(0, m) from q in Enumerable.Range(0, n) select k == i ? c[1].Entries[q] : 0];
            TensorAssert.Close(expected, jacobian, Exact, "∂f_i/∂A_kq = δ_ik x_q");
        });

    [Fact]
    public void Jacobian_of_K_equals_R_transposed_R_follows_the_seeds_case_formula() =>
        Verify.ForAll(Inputs.Sized((m, _, n) => [Matrix(m, n)]), c =>
        {
            int m = c[0].Rows, n = c[0].Columns;
            MatrixCase r = c[0];
            // ∂K_pq/∂R_ij = R_iq if j = p ≠ q; R_ip if j = q ≠ p; 2R_iq if j = p = q; 0 otherwise.
            var expected = new double[n * n, m * n];
            for (int p = 0; p < n; p++)
                for (int q = 0; q < n; q++)
                    for (int i = 0; i < m; i++)
                        for (int j = 0; j < n; j++)
                            expected[p * n + q, i * n + j] =
                                p != q && j == p ? r[i, q]
                                : p != q && j == q ? r[i, p]
                                : p == q && j == p ? 2 * r[i, q]
                                : 0;
            TensorAssert.Close(expected, Reshaped(Differentiate.Jacobian(x => x.Transpose().MatMul(x), r.Tensor), n, n, m, n), Exact, "dK/dR, K = RᵀR");
        });

    [Fact]
    public void Jacobian_of_A_B_reshaped_is_the_Jacobian_of_the_flattened_product() =>
        Verify.ForAll(Inputs.Sized((m, k, n) => [Matrix(m, k), Matrix(k, n)]), c =>
            AssertFlattenedAgree(a => a.MatMul(c[1].Tensor), x => Product(x, Array.ConvertAll(c[1].Entries, b => (Tracked<double>)b), c[0].Rows, c[0].Columns, c[1].Columns), c[0], c[0].Rows, c[1].Columns, "d(AB)/dA"));

    [Fact]
    public void Jacobian_of_A_transposed_reshaped_is_the_permutation_of_the_flattened_entries() =>
        Verify.ForAll(Inputs.Sized((m, _, n) => [Matrix(m, n)]), c =>
            AssertFlattenedAgree(a => a.Transpose(), x => Transposed(x, c[0].Rows, c[0].Columns), c[0], c[0].Columns, c[0].Rows, "dAᵀ/dA"));

    [Fact]
    public void Jacobian_of_R_transposed_R_reshaped_is_the_Jacobian_of_the_flattened_Gram_matrix() =>
        Verify.ForAll(Inputs.Sized((m, _, n) => [Matrix(m, n)]), c =>
            AssertFlattenedAgree(r => r.Transpose().MatMul(r), x => Product(Transposed(x, c[0].Rows, c[0].Columns), x, c[0].Columns, c[0].Rows, c[0].Columns), c[0], c[0].Columns, c[0].Columns, "d(RᵀR)/dR, K_pq = Σ_k R_kp R_kq"));
}
