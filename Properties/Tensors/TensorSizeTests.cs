using System.Numerics.Tensors;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// Sizes never wrap: a shape, a broadcast, a product, a Jacobian or a network with more entries than an array holds
/// (<see cref="Array.MaxLength"/>) is refused by name, a dimension longer than an <c>int</c> is never narrowed, and
/// a tensor with no entries is refused where it comes in (so <c>Mean</c> never divides by zero). Huge tensors are
/// made with zero strides, so no test allocates them.
/// </summary>
public sealed class TensorSizeTests
{
    private static Tensor<double> Huge(params nint[] lengths) => Tensor.Create(new double[1], lengths, new nint[lengths.Length]);

    // 2³² + 1 (parsed: a constant may not overflow a 32-bit nint): narrowed to int it would become 1.
    private static readonly nint TooLong = (nint)(long.Parse("4294967297", System.Globalization.CultureInfo.InvariantCulture));

    private static string ParamName(Action act) => Assert.ThrowsAny<ArgumentException>(act).ParamName!;

    [Fact]
    public void A_shape_with_more_entries_than_an_array_holds_is_refused()
    {
        Assert.Equal("columns", Assert.Throws<ArgumentOutOfRangeException>(() => Shape.Matrix(65536, 65536)).ParamName);
        Assert.Equal("columns", Assert.Throws<ArgumentOutOfRangeException>(() => Shape.Matrix(50000, 50000)).ParamName);
        Assert.Equal("columns", Assert.Throws<ArgumentOutOfRangeException>(() => Shape.Matrix(46341, 46341)).ParamName);
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => Shape.Vector(int.MaxValue)).ParamName);
        Assert.Equal(Array.MaxLength, Shape.Matrix(1, Array.MaxLength).Length);
        Assert.Equal(Array.MaxLength, Shape.Matrix(Array.MaxLength, 1).Length);
        Assert.Equal(2_000_000_000, Shape.Matrix(40_000, 50_000).Length);
    }

    [Fact]
    public void A_dimension_longer_than_an_int_is_refused_not_narrowed()
    {
        Assert.Equal("x", ParamName(() => Shape.Of([TooLong], "x")));
        Assert.Equal("x", ParamName(() => Shape.Of([2, TooLong], "x")));
        Assert.Equal("x", ParamName(() => Shape.Of([TooLong, 1], "x")));
        Assert.Equal("x", ParamName(() => Shape.Of([65536, 65536], "x")));
        Assert.Contains("4294967297", Assert.ThrowsAny<ArgumentException>(() => Shape.Of([TooLong], "x")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tensor_with_more_entries_than_an_array_holds_is_refused_by_every_entry_point()
    {
        Tensor<double> huge = Huge(65536, 65536), tall = Huge(TooLong);
        Assert.Equal("value", ParamName(() => Var.Constant(huge)));
        Assert.Equal("value", ParamName(() => Var.Constant(tall)));
        Assert.Equal("x", ParamName(() => Differentiate.Grad(v => v.Sum(), huge)));
        Assert.Equal("x", ParamName(() => Differentiate.Vjp(v => v, tall)));
        Assert.Equal("v", ParamName(() => Differentiate.Jvp(v => v, Differentiate.Vector(1.0), tall)));
        Assert.Equal("matrix", ParamName(() => Differentiate.ToArray(huge)));
    }

    [Fact]
    public void Results_with_more_entries_than_an_array_holds_are_refused_by_name()
    {
        Var column = Differentiate.Matrix(new double[50000, 1]), row = Differentiate.Matrix(new double[1, 50000]);
        Var vector = Differentiate.Vector(new double[50000]);
        Assert.Equal("y", ParamName(() => _ = column + row));
        Assert.Equal("y", ParamName(() => _ = column * row));
        Assert.Equal("right", ParamName(() => column.MatMul(row)));
        Assert.Equal("right", ParamName(() => vector.Outer(vector)));
        Assert.Equal("x", ParamName(() => Differentiate.Jacobian(v => v, Differentiate.Vector(new double[50000]))));
    }

    [Fact]
    public void A_network_whose_parameter_count_overflows_is_refused_by_name()
    {
        Assert.Equal("sizes", ParamName(() => new Perceptron([65536, 65536], ActivationFunction.Tanh, ActivationFunction.Identity)));
        Assert.Equal("sizes", ParamName(() => new Perceptron([46341, 46341], ActivationFunction.Tanh, ActivationFunction.Identity)));
        Assert.Equal("sizes", ParamName(() => new Perceptron([40000, 40000, 40000], ActivationFunction.Tanh, ActivationFunction.Identity)));
        Assert.Equal(40001 * 40000, new Perceptron([40000, 40000], ActivationFunction.Tanh, ActivationFunction.Identity).ParameterCount);
    }

    [Fact]
    public void A_batch_whose_outputs_overflow_is_refused_before_any_work()
    {
        var network = new Perceptron([1, 2], ActivationFunction.Tanh, ActivationFunction.Identity);
        Tensor<double>[] theta = network.Initialize<double>(0);
        Assert.Equal("inputs", ParamName(() => network.Predict<double>(theta, Huge(1_500_000_000, 1))));
    }

    [Fact]
    public void An_optimiser_refuses_parameter_tensors_with_no_entries_or_too_many()
    {
        Assert.Equal("parameters", ParamName(() => new Adam().Start(Differentiate.Vector(1.0), Huge(65536, 65536))));
        Assert.Equal("parameters", ParamName(() => new MomentumDescent(0.1).Start(Tensor.Create(Array.Empty<double>(), [0]))));
        Assert.Equal("parameters", ParamName(() => new MomentumDescent(0.1).Start(Tensor.Create(new double[6], [2, 0, 3]))));
    }

    [Fact]
    public void Tensors_with_no_entries_are_refused_where_they_come_in()
    {
        Assert.Equal("entries", ParamName(() => Differentiate.Vector<double>()));
        Assert.Equal("entries", ParamName(() => Differentiate.Matrix(new double[0, 3])));
        Assert.Equal("entries", ParamName(() => Differentiate.Matrix(new double[2, 0])));
        Assert.Equal("entries", ParamName(() => Var.Matrix(new double[0, 0])));
        Assert.Equal("shape", ParamName(() => Var.FromTracked([], default)));
        Assert.Equal("shape", ParamName(() => Var.Constant(Differentiate.Vector(1.0)).Reshape(default)));
        Assert.Equal("x", ParamName(() => Differentiate.Grad(v => v.Mean(), Tensor.Create(Array.Empty<double>(), [0]))));
        Assert.Contains("no entries", Assert.ThrowsAny<ArgumentException>(() => Var.FromTracked([], default)).Message, StringComparison.Ordinal);
    }
}
