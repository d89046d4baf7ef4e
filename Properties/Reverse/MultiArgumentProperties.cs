using Autodiff.Properties.RandomPrograms;
using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Reverse;

using Reverse = Autodiff.Reverse;

/// <summary>
/// Several arguments: a random program f(x) read as f(a, b) or f(a, b, c) with x = a ‖ b ‖ c. The multi-argument
/// gradients are the pieces of the concatenated gradient, and holding an argument constant leaves the others'.
/// </summary>
public sealed class MultiArgumentProperties
{
    // x split at ⌊n/3⌋ and ⌊2n/3⌋ (so a piece may be empty).
    private static (double[] A, double[] B, double[] C) Split(double[] x) =>
        (x[..(x.Length / 3)], x[(x.Length / 3)..(2 * x.Length / 3)], x[(2 * x.Length / 3)..]);

    private static T Joined<T>(ProgramCase c, ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> z)
        where T : System.Numerics.IFloatingPointIeee754<T> => c.Scalar<T>([.. a, .. b, .. z]);

    private static void AssertPiece(double[] whole, int from, double[] piece, string what)
    {
        for (int i = 0; i < piece.Length; i++)
            AssertClose(whole[from + i], piece[i], Exact, $"{what}[{i}]");
    }

    [Fact]
    public void Three_argument_gradients_are_the_pieces_of_the_concatenated_one() => Verify.ForAll(Programs.Scalar, c =>
    {
        (double[] a, double[] b, double[] z) = Split(c.Point);
        double[] whole = Reverse.Grad<double>(c.Scalar, c.Point);
        foreach (Wrt wrt in Enumerable.Range(1, 7).Select(w => (Wrt)w))
        {
            (double value, double[] gradA, double[] gradB, double[] gradC) =
                Reverse.ValueAndGrad<double>((p, q, r) => Joined(c, p, q, r), a, b, z, wrt);
            Assert.Equal(c.Scalar<double>(c.Point), value);
            Assert.Equal(wrt.HasFlag(Wrt.First) ? a.Length : 0, gradA.Length);
            Assert.Equal(wrt.HasFlag(Wrt.Second) ? b.Length : 0, gradB.Length);
            Assert.Equal(wrt.HasFlag(Wrt.Third) ? z.Length : 0, gradC.Length);
            AssertPiece(whole, 0, gradA, $"{c}, wrt {wrt}: ∂f/∂a");
            AssertPiece(whole, a.Length, gradB, $"{c}, wrt {wrt}: ∂f/∂b");
            AssertPiece(whole, a.Length + b.Length, gradC, $"{c}, wrt {wrt}: ∂f/∂c");
        }
    });

    [Fact]
    public void Two_argument_gradients_are_the_pieces_of_the_concatenated_one() => Verify.ForAll(Programs.Scalar, c =>
    {
        int k = c.Inputs / 2;
        double[] whole = Reverse.Grad<double>(c.Scalar, c.Point);
        (double[] gradA, double[] gradB) = Reverse.Grad<double>((p, q) => Joined(c, p, q, []), c.Point[..k], c.Point[k..]);
        AssertPiece(whole, 0, gradA, $"{c}: ∂f/∂a");
        AssertPiece(whole, k, gradB, $"{c}: ∂f/∂b");
        Assert.Equal(c.Inputs, gradA.Length + gradB.Length);
        (double[] none, double[] onlyB) = Reverse.Grad<double>((p, q) => Joined(c, p, q, []), c.Point[..k], c.Point[k..], Wrt.Second);
        Assert.Empty(none);
        Assert.Equal(gradB, onlyB);
    });

    /// <summary>The seeds' quadratic form with the matrix as an argument: ∂(xᵀAx)/∂x = xᵀ(A + Aᵀ), ∂/∂A = x xᵀ.</summary>
    [Fact]
    public void Quadratic_form_with_respect_to_matrix_and_vector()
    {
        double[] matrix = [1, 2, 3, 4, 5, 6, 7, 8, 10], x = [0.5, -1, 2];
        (double[] gradA, double[] gradX) = Reverse.Grad<double>(QuadraticForm, matrix, x);
        for (int i = 0; i < 3; i++)
        {
            AssertClose(Enumerable.Range(0, 3).Sum(j => (matrix[i * 3 + j] + matrix[j * 3 + i]) * x[j]), gradX[i], Exact, $"∂/∂x[{i}]");
            for (int j = 0; j < 3; j++)
                AssertClose(x[i] * x[j], gradA[i * 3 + j], Exact, $"∂/∂A[{i},{j}]");
        }
    }

    private static T QuadraticForm<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> x) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
            for (int j = 0; j < x.Length; j++)
                sum += x[i] * a[i * x.Length + j] * x[j];
        return sum;
    }

    [Fact]
    public void Wrt_must_select_an_argument_the_function_has()
    {
        Assert.Equal("wrt", Assert.Throws<ArgumentOutOfRangeException>(() => Reverse.Grad<double>(QuadraticForm, [1.0], [1.0], 0)).ParamName);
        Assert.Equal("wrt", Assert.Throws<ArgumentOutOfRangeException>(() => Reverse.Grad<double>(QuadraticForm, [1.0], [1.0], Wrt.Third)).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => Reverse.Grad<double>((ScalarFunction3<Tracked<double>>)null!, [1.0], [1.0], [1.0])).ParamName);
    }
}
