using System.Numerics.Tensors;
using Autodiff.Properties.Support;
using Xunit;

namespace Autodiff.Properties.Tensors;

/// <summary>The README's tensor example, as written there, against its closed forms.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void The_readme_example_computes_what_it_says()
    {
        Tensor<double> a = Autodiff.Tensors.Matrix(new double[,] { { 2, 1 }, { 1, 3 } });
        Tensor<double> b = Autodiff.Tensors.Vector(1.0, 2.0);

        Tensor<double> g = Autodiff.Tensors.Grad(x => (TensorVar<double>.Constant(a).MatMul(x) - b).SquaredNorm(), Autodiff.Tensors.Vector(0.5, -1.0));
        Tensor<double> dLogDet = Autodiff.Tensors.Grad(m => m.LogAbsDeterminant(), a);
        Tensor<double> dAB = Autodiff.Tensors.Jacobian(m => m.MatMul(TensorVar<double>.Constant(a)), a);

        // Ax − b = (2·0.5 − 1 − 1, 0.5 − 3 − 2) = (−1, −4.5); 2(Ax − b)ᵀA = 2(−2 − 4.5, −1 − 13.5) = (−13, −29).
        Assert.Equal([2L], g.Lengths.ToArray().Select(l => (long)l));
        Tolerance.AssertClose(-13, g[0], Tolerance.Exact, "∂/∂x₁");
        Tolerance.AssertClose(-29, g[1], Tolerance.Exact, "∂/∂x₂");
        // det A = 5, A⁻ᵀ = [3, −1; −1, 2]/5.
        double[] expected = [0.6, -0.2, -0.2, 0.4];
        var actual = new double[4];
        dLogDet.FlattenTo(actual);
        for (int k = 0; k < 4; k++)
            Tolerance.AssertClose(expected[k], actual[k], Tolerance.Exact, $"A⁻ᵀ entry {k}");
        // d(MA)_pq/dM_ij = δ_pi a_jq.
        Assert.Equal([2L, 2, 2, 2], dAB.Lengths.ToArray().Select(l => (long)l));
        for (int p = 0; p < 2; p++)
            for (int q = 0; q < 2; q++)
                for (int i = 0; i < 2; i++)
                    for (int j = 0; j < 2; j++)
                        Assert.Equal(p == i ? a[j, q] : 0, dAB[p, q, i, j]);
    }
}
