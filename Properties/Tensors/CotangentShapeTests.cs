using System.Numerics.Tensors;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// A tensor pullback takes a cotangent Ū of exactly its value's shape (same rank and lengths): a 3×2 cotangent for a
/// 2×3 value, or the same six entries as a vector, is refused naming <c>cotangent</c> and both shapes. A scalar
/// value, which comes back as a one-entry vector, takes a one-entry vector (a rank-0 tensor holds no entries in
/// System.Numerics.Tensors 10, so it is refused).
/// </summary>
public sealed class CotangentShapeTests
{
    private static readonly Tensor<double> TwoByThree = Differentiate.Matrix(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });

    private static void Refused(TensorPullback<double> pullback, Tensor<double> cotangent, params string[] shapes)
    {
        ArgumentException refusal = Assert.ThrowsAny<ArgumentException>(() => pullback.Invoke(cotangent));
        Assert.Equal("cotangent", refusal.ParamName);
        foreach (string shape in shapes)
            Assert.Contains(shape, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transposed_cotangent_is_refused_naming_both_shapes()
    {
        TensorPullback<double> pullback = Differentiate.Vjp(v => v * 2.0, TwoByThree).Pullback;
        Refused(pullback, Differentiate.Matrix(new double[3, 2]), "2×3", "3×2");
        Refused(pullback, Differentiate.Matrix(new double[1, 6]), "2×3", "1×6");
        Refused(pullback, Differentiate.Vector(new double[6]), "2×3", "6-vector");
        Refused(pullback, Tensor.Create(new double[6], [1, 2, 3]), "2×3", "[1, 2, 3]");
        Refused(pullback, Tensor.Create(new double[1], [65536, 65536], [0, 0]), "2×3", "65536×65536");
        TensorAssert.Close([2.0, 2, 2, 2, 2, 2], pullback.Invoke(Differentiate.Matrix(new double[,] { { 1, 1, 1 }, { 1, 1, 1 } }))[0], 0, "2×3 cotangent");
    }

    [Fact]
    public void A_vector_value_takes_only_a_vector_cotangent()
    {
        TensorPullback<double> pullback = Differentiate.Vjp(v => v.Row(0), TwoByThree).Pullback;
        Refused(pullback, Differentiate.Matrix(new double[1, 3]), "3-vector", "1×3");
        Refused(pullback, Differentiate.Matrix(new double[3, 1]), "3-vector", "3×1");
        TensorAssert.Close([1.0, 2, 3, 0, 0, 0], pullback.Invoke(Differentiate.Vector(1.0, 2.0, 3.0))[0], 0, "3-vector cotangent");
    }

    [Fact]
    public void A_scalar_value_takes_a_one_entry_vector_and_nothing_else()
    {
        (Tensor<double> value, TensorPullback<double> pullback) = Differentiate.Vjp(v => v.Sum(), TwoByThree);
        TensorAssert.Close([1.0, 1, 1, 1, 1, 1], pullback.Invoke(Tensor.Create([1.0], value.Lengths))[0], 0, "the value's own shape");
        Refused(pullback, Tensor.Create([1.0], ReadOnlySpan<nint>.Empty), "scalar");
        Refused(pullback, Differentiate.Matrix(new double[,] { { 1 } }), "scalar", "1×1");
    }
}
