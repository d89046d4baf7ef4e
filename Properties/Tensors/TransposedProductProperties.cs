using System.Numerics.Tensors;
using Autodiff.Properties.Support;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// <c>A.MatMulTransposed(B)</c> = A Bᵀ without forming Bᵀ, against <c>A.MatMul(B.Transpose())</c> (the transpose
/// primitive, then the plain product): value, JVP in both operands and VJP to both, at sizes from 1×1 to one the
/// blocked kernel takes.
/// </summary>
public sealed class TransposedProductProperties
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 4)]
    [InlineData(7, 2, 9)]
    [InlineData(24, 64, 32)]
    public void A_times_B_transposed_equals_the_product_with_the_transpose(int m, int k, int n) =>
        Verify.ForAll(Cases.Vectors(2 * (m * k + n * k) + m * n, -1, 1), p =>
        {
            int at = 0;
            Tensor<double> Next(int rows, int columns)
            {
                Tensor<double> t = Tensor.Create(p[at..(at + rows * columns)], [rows, columns]);
                at += rows * columns;
                return t;
            }
            Tensor<double> a = Next(m, k), b = Next(n, k), aDot = Next(m, k), bDot = Next(n, k), weights = Next(m, n);
            Func<Var[], Var> transposed = v => v[0].MatMulTransposed(v[1]);
            Func<Var[], Var> reference = v => v[0].MatMul(v[1].Transpose());
            (Tensor<double> value, Tensor<double> tangent) = Differentiate.Jvp(transposed, [a, b], [aDot, bDot]);
            (Tensor<double> expected, Tensor<double> expectedTangent) = Differentiate.Jvp(reference, [a, b], [aDot, bDot]);
            string what = $"{m}×{k} · ({n}×{k})ᵀ";
            TensorAssert.Close(TensorAssert.Flat(expected), value, Tolerance.Exact, $"{what}: value");
            TensorAssert.Close(TensorAssert.Flat(expectedTangent), tangent, Tolerance.Exact, $"{what}: J v");
            Var w = Var.Constant(weights);
            Tensor<double>[] gradient = Differentiate.Grad(v => transposed(v).Dot(w), a, b);
            Tensor<double>[] expectedGradient = Differentiate.Grad(v => reference(v).Dot(w), a, b);
            TensorAssert.Close(TensorAssert.Flat(expectedGradient[0]), gradient[0], Tolerance.Exact, $"{what}: Ā");
            TensorAssert.Close(TensorAssert.Flat(expectedGradient[1]), gradient[1], Tolerance.Exact, $"{what}: B̄");
        });

    [Fact]
    public void Operands_that_are_not_matrices_with_rows_of_one_length_are_refused_by_name()
    {
        Var a = Differentiate.Matrix(new double[2, 3]);
        Assert.Equal("right", Assert.Throws<ArgumentException>(() => a.MatMulTransposed(Differentiate.Matrix(new double[2, 2]))).ParamName);
        Assert.Equal("right", Assert.Throws<ArgumentException>(() => a.MatMulTransposed(Differentiate.Vector(1.0, 2.0, 3.0))).ParamName);
        Assert.Equal("right", Assert.Throws<ArgumentException>(() => ((Var)Differentiate.Vector(1.0, 2.0, 3.0)).MatMulTransposed(a)).ParamName);
    }
}
