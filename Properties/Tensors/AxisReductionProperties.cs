using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// Reductions along an axis against loops over the entries: values and shapes on random matrices, and the
/// gradient of a weighted sum of the lanes' results against the closed forms (1, 1/N, the argmax indicator,
/// softmax). The rules' transposes and differences are checked with the other primitives in
/// <see cref="TransposeProperties"/>.
/// </summary>
public sealed class AxisReductionProperties
{
    private static readonly (string Name, Func<Var, int, bool, Var> Apply, Func<double[], double> Loop, Func<double[], double[]> Gradient)[] Kinds =
    [
        ("sum", (x, axis, keep) => x.Sum(axis, keep), lane => lane.Sum(), lane => [.. lane.Select(_ => 1.0)]),
        ("mean", (x, axis, keep) => x.Mean(axis, keep), lane => lane.Sum() / lane.Length, lane => [.. lane.Select(_ => 1.0 / lane.Length)]),
        ("max", (x, axis, keep) => x.Max(axis, keep), lane => lane.Max(), lane => [.. lane.Select(v => v == lane.Max() ? 1.0 : 0.0)]),
        ("logsumexp", (x, axis, keep) => x.LogSumExp(axis, keep), lane => Math.Log(lane.Sum(Math.Exp)), lane => [.. lane.Select(v => Math.Exp(v) / lane.Sum(Math.Exp))]),
    ];

    // Lane l of an m×n matrix along an axis: column l for axis 0, row l for axis 1.
    private static double[] Lane(MatrixCase a, int axis, int l) =>
        axis == 0 ? [.. Enumerable.Range(0, a.Rows).Select(i => a[i, l])] : [.. Enumerable.Range(0, a.Columns).Select(j => a[l, j])];

    [Fact]
    public void Values_shapes_and_gradients_are_the_loops() =>
        Verify.ForAll(Inputs.Sized((m, _, n) => [MatrixCases.Matrix(m, n)]), c =>
        {
            MatrixCase a = c[0];
            foreach (var kind in Kinds)
                foreach (int axis in new[] { 0, 1 })
                {
                    int lanes = axis == 0 ? a.Columns : a.Rows;
                    double[] weights = [.. Enumerable.Range(1, lanes).Select(k => (double)k)];
                    var reduced = kind.Apply(Var.Constant(a.Tensor), axis, false);
                    Assert.Equal(Shape.Vector(lanes), reduced.Shape);
                    Assert.Equal(axis == 0 ? Shape.Matrix(1, lanes) : Shape.Matrix(lanes, 1), kind.Apply(Var.Constant(a.Tensor), axis, true).Shape);
                    var gradient = Differentiate.Grad(x => kind.Apply(x, axis, false).Dot(Var.Constant(Autodiff.Tensors.Vector(weights))), a.Tensor);
                    for (int l = 0; l < lanes; l++)
                    {
                        double[] lane = Lane(a, axis, l), expected = kind.Gradient(lane);
                        AssertClose(kind.Loop(lane), reduced.Values[l], Exact, $"{a}: {kind.Name} over axis {axis}, lane {l}");
                        for (int k = 0; k < lane.Length; k++)
                        {
                            double actual = axis == 0 ? gradient[k, l] : gradient[l, k];
                            AssertClose(weights[l] * expected[k], actual, Exact, $"{a}: ∂/∂x of {kind.Name} over axis {axis}, lane {l}, entry {k}");
                        }
                    }
                }
        });

    [Fact]
    public void Tied_maxima_share_the_gradient()
    {
        var gradient = Differentiate.Grad(x => x.Max(0).Sum(), Autodiff.Tensors.Vector(1.0, 3.0, 3.0));
        Assert.Equal([0.0, 0.5, 0.5], [gradient[0], gradient[1], gradient[2]]);
    }

    [Fact]
    public void Logsumexp_over_an_axis_is_stable_at_huge_logits()
    {
        var x = Var.Constant(Autodiff.Tensors.Matrix(new[,] { { 1e308, 1e308 }, { -1e308, 0 } }));
        var rows = x.LogSumExp(1);
        Assert.Equal(1e308, rows.Values[0]);
        Assert.Equal(0.0, rows.Values[1]);
    }

    [Fact]
    public void An_axis_the_tensor_does_not_have_is_named()
    {
        var matrix = Var.Constant(Autodiff.Tensors.Matrix(new[,] { { 1.0, 2.0 } }));
        Assert.Equal("axis", Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Sum(2)).ParamName);
        Assert.Equal("axis", Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Sum(0).Sum(1)).ParamName);
        Assert.Equal("axis", Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Mean(-1)).ParamName);
    }
}
