using System.Numerics.Tensors;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// A reshape is a view: it records nothing and shares its input's entries, tangent and tape records, so a cotangent
/// on it lands on the input itself. The cases where that could go wrong: the output of the differentiated function is
/// the view (its seeds are the input's own records), the input is read both directly and through views, and a
/// forward tangent passes through one. Each is held to a closed form.
/// </summary>
public sealed class ReshapeViewTests
{
    private static readonly double[] Point = [0.3, -1.2, 2.5, 0.7, -0.4, 1.9];

    [Fact]
    public void The_Jacobian_of_a_reshape_is_the_identity()
    {
        Tensor<double> jacobian = Differentiate.Jacobian(x => x.Reshape(Shape.Matrix(2, 3)), Tensor.Create(Point, [6]));
        double[] entries = TensorAssert.Flat(jacobian);
        Assert.Equal(2 * 3 * 6, entries.Length);
        for (int k = 0; k < 6; k++)
            for (int j = 0; j < 6; j++)
                Assert.Equal(k == j ? 1.0 : 0.0, entries[k * 6 + j]);
    }

    [Fact]
    public void An_input_read_directly_and_through_views_gets_every_contribution()
    {
        // f(x) = Σ_k x_k · (reshaped back x)_k + Σ (x as 3×2)² = 2‖x‖²: ∇f = 4x.
        Tensor<double> gradient = Differentiate.Grad(
            x => (x * x.Reshape(Shape.Matrix(2, 3)).Reshape(Shape.Vector(6))).Sum() + x.Reshape(Shape.Matrix(3, 2)).SquaredNorm(),
            Tensor.Create(Point, [6]));
        double[] entries = TensorAssert.Flat(gradient);
        for (int k = 0; k < 6; k++)
            AssertClose(4 * Point[k], entries[k], Exact, $"∂f/∂x_{k}");
    }

    [Fact]
    public void A_tangent_passes_through_a_reshape_unchanged()
    {
        // f(x) = (x as 2×3) · 2: the JVP is 2v, read row-major.
        double[] direction = [1.0, -2.0, 0.5, 3.0, 0.25, -1.5];
        (Tensor<double> value, Tensor<double> tangent) = Differentiate.Jvp(
            x => 2.0 * x.Reshape(Shape.Matrix(2, 3)), Tensor.Create(Point, [6]), Tensor.Create(direction, [6]));
        Assert.Equal([2, 3], value.Lengths.ToArray());
        double[] values = TensorAssert.Flat(value), tangents = TensorAssert.Flat(tangent);
        for (int k = 0; k < 6; k++)
        {
            AssertClose(2 * Point[k], values[k], Exact, $"f_{k}");
            AssertClose(2 * direction[k], tangents[k], Exact, $"ḟ_{k}");
        }
    }
}
