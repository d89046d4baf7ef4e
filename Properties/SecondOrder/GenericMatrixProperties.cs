using System.Numerics;
using FsCheck;
using Autodiff.Properties.Support;
using Autodiff.Properties.Tensors;
using static Autodiff.Properties.Support.Tolerance;
using static Autodiff.Properties.Tensors.Plain;

namespace Autodiff.Properties.SecondOrder;

using Forward = Autodiff.Forward;
using Reverse = Autodiff.Reverse;

/// <summary>
/// <see cref="Matrix"/> on the library's number types, at random well-conditioned non-symmetric X (where a missing
/// transpose shows): the seeds' identities ∂ det X/∂X = det(X) X⁻ᵀ and ∂X⁻¹ = −X⁻¹ ∂X X⁻¹ by reverse and forward
/// mode against closed forms on plain arrays, and on double the same values as the tensor primitives.
/// </summary>
public sealed class GenericMatrixProperties
{
    private static Arbitrary<Inputs> Square { get; } =
        Inputs.Sized((n, _, _) => [MatrixCases.WellConditioned(n), MatrixCases.Matrix(n, n), MatrixCases.Matrix(n, 1)]);

    private static T[,] Reshape<T>(ReadOnlySpan<T> entries, int n)
    {
        var a = new T[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                a[i, j] = entries[i * n + j];
        return a;
    }

    private static void AssertClose(double[,] expected, double[] actual, string what)
    {
        double[] flat = Flat(expected);
        Assert.Equal(flat.Length, actual.Length);
        for (int k = 0; k < flat.Length; k++)
            Tolerance.AssertClose(flat[k], actual[k], Exact, $"{what}[{k}]");
    }

    [Fact]
    public void Gradient_of_det_is_det_times_the_inverse_transposed() => Verify.ForAll(Square, c =>
    {
        int n = c[0].Rows;
        double[,] x = c[0].ToArray();
        double[,] expected = Scale(Determinant(x), Transpose(Inverse(x)));
        AssertClose(expected, Reverse.Grad<double>(v => Matrix.Determinant(Reshape(v, n)), c[0].Entries), $"{c[0]}: reverse ∂ det X/∂X");
        AssertClose(expected, Forward.Gradient<double>(v => Matrix.Determinant(Reshape(v, n)), c[0].Entries), $"{c[0]}: forward ∂ det X/∂X");
        AssertClose(Transpose(Inverse(x)), Reverse.Grad<double>(v => Matrix.LogAbsDeterminant(Reshape(v, n)), c[0].Entries), $"{c[0]}: ∂ log|det X|/∂X");
    });

    [Fact]
    public void Tangent_of_the_inverse_is_minus_inverse_times_tangent_times_inverse() => Verify.ForAll(Square, c =>
    {
        int n = c[0].Rows;
        double[,] inverse = Inverse(c[0].ToArray());
        (double[] value, double[] tangent) = Forward.Jvp<double>(v => Flatten(Matrix.Inverse(Reshape(v, n))), c[0].Entries, c[1].Entries);
        AssertClose(inverse, value, $"{c[0]}: X⁻¹");
        AssertClose(Scale(-1, Multiply(inverse, c[1].ToArray(), inverse)), tangent, $"{c[0]}, ∂X = {c[1]}: ∂X⁻¹");
    });

    /// <summary>x = A⁻¹ b: ∂x/∂b = A⁻¹, and ∂(cᵀx)/∂A = −A⁻ᵀ c xᵀ (reverse through the elimination).</summary>
    [Fact]
    public void Derivatives_of_a_solve() => Verify.ForAll(Square, c =>
    {
        int n = c[0].Rows;
        double[,] a = c[0].ToArray(), inverse = Inverse(a), b = c[2].ToArray();
        double[] rhs = c[2].Entries, weights = [.. Enumerable.Range(1, n).Select(k => (double)k)];
        Dual<double>[,] constantA = Reshape<Dual<double>>(Constants<Dual<double>>(c[0].Entries), n);
        AssertClose(inverse, Flat(Forward.Jacobian<double>(v => Matrix.Solve(constantA, v), rhs)), $"{c[0]}: ∂x/∂b");
        double[,] x = Multiply(inverse, b), weightColumn = Column(weights);
        double[,] expected = Scale(-1, Multiply(Transpose(inverse), weightColumn, Transpose(x)));
        AssertClose(expected, Reverse.Grad<double>(v => Dot(weights, Matrix.Solve(Reshape(v, n), Constants<Tracked<double>>(rhs))), c[0].Entries), $"{c[0]}: ∂(cᵀA⁻¹b)/∂A");
    });

    [Fact]
    public void On_double_the_values_are_the_tensor_primitives() => Verify.ForAll(Square, c =>
    {
        var a = c[0].ToArray();
        AssertClose(Autodiff.Tensors.ToArray(Autodiff.Tensors.Vjp(m => m.Inverse(), c[0].Tensor).Value), Flat(Matrix.Inverse(a)), $"{c[0]}: X⁻¹");
        Tolerance.AssertClose(Autodiff.Tensors.Vjp(m => m.Determinant(), c[0].Tensor).Value[0], Matrix.Determinant(a), Exact, $"{c[0]}: det X");
    });

    [Fact]
    public void Singular_and_malformed_matrices_are_named()
    {
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => Matrix.Determinant(new double[,] { { 1, 2 }, { 2, 4 } })).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => Matrix.Inverse(new double[2, 3])).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => Matrix.Solve(new double[,] { { 1 } }, [1.0, 2.0])).ParamName);
        Assert.Contains("singular", Assert.Throws<ArgumentException>(() => Matrix.Solve(new double[,] { { 0 } }, [1.0])).Message);
    }

    private static double[,] Column(double[] v)
    {
        var column = new double[v.Length, 1];
        for (int i = 0; i < v.Length; i++)
            column[i, 0] = v[i];
        return column;
    }

    private static T[] Flatten<T>(T[,] a) => [.. a.Cast<T>()];

    private static T[] Constants<T>(double[] values) where T : IFloatingPointIeee754<T> => Array.ConvertAll(values, T.CreateChecked);

    private static T Dot<T>(double[] weights, T[] x) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
            sum += T.CreateChecked(weights[i]) * x[i];
        return sum;
    }
}
