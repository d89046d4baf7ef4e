using System.Numerics;
using System.Numerics.Tensors;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// The values a tensor program records on a tape live in pooled memory that the gradient combinators give back when
/// they release the tape. So a tensor leaked out of the function (through a closure) must refuse to be read once its
/// differentiation has finished — its memory may by then hold another differentiation's values — and that other
/// differentiation, reusing the memory, must still be right: checked against the scalar tape on the same function
/// written with <see cref="Tracked{T}"/>. A pullback handed out by Vjp keeps its memory, so its values stay readable.
/// </summary>
public sealed class PooledStorageTests
{
    private const string Finished = "already finished";

    // Rosenbrock, a quotient, log-sum-exp, a sigmoid (dual-number map), a product and a transpose: every kind of
    // pooled forward array (gathers, products, quotients' partials, reductions' gradients, elementwise derivatives).
    private static Var TensorProgram(Var x)
    {
        Var pairs = x.Reshape(Shape.Matrix(x.Length / 2, 2));
        Var even = pairs.Column(0), odd = pairs.Column(1);
        Var rosenbrock = 100.0 * (odd - even.Square()).SquaredNorm() + (1.0 - even).SquaredNorm();
        Var ratio = (x.Sin() / (2.0 + x * x)).Sum();
        Var gram = pairs.Transpose().MatMul(pairs).Trace();
        return rosenbrock + ratio + x.LogSumExp() + x.Sigmoid().Mean() + 0.1 * gram;
    }

    // The same function on scalars: the reference, on the scalar tape (no tensor storage at all).
    private static T ScalarProgram<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T hundred = T.CreateChecked(100), tenth = T.CreateChecked(0.1), two = T.CreateChecked(2);
        T rosenbrock = T.Zero, ratio = T.Zero, exponentials = T.Zero, sigmoids = T.Zero, squares = T.Zero;
        for (int i = 0; i + 1 < x.Length; i += 2)
        {
            T a = x[i + 1] - x[i] * x[i], b = T.One - x[i];
            rosenbrock += hundred * (a * a) + b * b;
        }
        foreach (T xk in x)
        {
            ratio += T.Sin(xk) / (two + xk * xk);
            exponentials += T.Exp(xk);
            sigmoids += T.One / (T.One + T.Exp(-xk));
            squares += xk * xk;
        }
        return rosenbrock + ratio + T.Log(exponentials) + sigmoids / T.CreateChecked(x.Length) + tenth * squares;
    }

    private static double[] Point(int n, double shift) =>
        [.. Enumerable.Range(0, n).Select(k => Math.Sin(0.37 * k + shift) * 1.5)];

    // The value too: a forward value built on stale pooled memory need not show in the gradient (Σ x² by a product).
    private static void AssertAgreesWithScalarTape(double[] x, double value, Tensor<double> gradient)
    {
        AssertClose(ScalarProgram<double>(x), value, 1e-12, "f");
        double[] expected = Autodiff.Reverse.Grad(ScalarProgram, x);
        double[] actual = gradient.ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
            AssertClose(expected[k], actual[k], 1e-12, $"∂f/∂x_{k}");
    }

    [Theory]
    [InlineData(10)]
    [InlineData(4_096)]
    [InlineData(100_000)]
    public void A_leaked_tensor_refuses_reads_and_the_next_gradient_reusing_its_memory_is_right(int n)
    {
        double[] first = Point(n, 0.0), second = Point(n, 1.0);
        Var leaked = null!, leakedInput = null!;
        (double firstValue, Tensor<double> firstGradient) = Differentiate.ValueAndGrad(v =>
        {
            leakedInput = v;
            leaked = v.Sin() / (2.0 + v * v);
            return TensorProgram(v);
        }, Tensor.Create(first, [n]));
        // A second differentiation of the same size runs on the memory the first gave back.
        (double secondValue, Tensor<double> secondGradient) = Differentiate.ValueAndGrad(TensorProgram, Tensor.Create(second, [n]));

        AssertAgreesWithScalarTape(first, firstValue, firstGradient);
        AssertAgreesWithScalarTape(second, secondValue, secondGradient);
        foreach (Var released in new[] { leaked, leakedInput })
        {
            Assert.Contains(Finished, Assert.Throws<InvalidOperationException>(() => released.Values.ToArray()).Message);
            Assert.Contains(Finished, Assert.Throws<InvalidOperationException>(() => released.ToTensor()).Message);
            Assert.Contains(Finished, Assert.Throws<InvalidOperationException>(() => released.ToTracked(0)).Message);
            Assert.Contains(Finished, Assert.Throws<InvalidOperationException>(() => released.Entry(0)).Message);
            Assert.Contains(Finished, Assert.Throws<InvalidOperationException>(() => released.Sum().ScalarValue).Message);
            Assert.Contains(Finished, Assert.Throws<InvalidOperationException>(() => released * 2.0).Message);
            Assert.Contains(Finished, Assert.Throws<InvalidOperationException>(() => Differentiate.Grad(v => (v + released).Sum(), Tensor.Create(second, [n]))).Message);
            Assert.Equal($"{released.Shape} [released]", released.ToString());
            Assert.Equal(n, released.Length);
        }
    }

    [Fact]
    public void A_released_scalar_refuses_ScalarValue()
    {
        Var leaked = null!;
        Differentiate.ValueAndGrad(v => leaked = v.SquaredNorm(), Tensor.Create([1.0, 2.0], [2]));
        Assert.Contains(Finished, Assert.Throws<InvalidOperationException>(() => leaked.ScalarValue).Message);
    }

    [Fact]
    public void ValueAndGradInto_releases_its_tensors_too()
    {
        double[] x = Point(8, 0.5);
        Var leaked = null!;
        Tensor<double>[] gradient = [Tensor.Create(new double[8], [8])];
        double value = Differentiate.ValueAndGradInto(v => leaked = TensorProgram(v[0]), [Tensor.Create(x, [8])], gradient);
        AssertAgreesWithScalarTape(x, value, gradient[0]);
        Assert.Contains(Finished, Assert.Throws<InvalidOperationException>(() => leaked.Values.ToArray()).Message);
    }

    [Fact]
    public void A_tensor_on_a_scalar_gradient_tape_refuses_reads_after_it()
    {
        Var leaked = null!;
        double[] gradient = Autodiff.Reverse.Grad<double>(v =>
        {
            leaked = Var.FromTracked(v, Shape.Vector(v.Length)).Sin();
            return leaked.Sum().ToTracked();
        }, [0.5, -1.0]);
        Assert.Equal([Math.Cos(0.5), Math.Cos(-1.0)], gradient);
        Assert.Contains(Finished, Assert.Throws<InvalidOperationException>(() => leaked.Values.ToArray()).Message);
    }

    [Fact]
    public void A_tensor_of_a_handed_out_pullback_keeps_its_memory()
    {
        double[] x = Point(4_096, 0.2);
        Var leaked = null!;
        (_, TensorPullback<double> pullback) = Differentiate.Vjp(v => (leaked = v.Sin()).Sum(), Tensor.Create(x, [x.Length]));
        double[] sines = leaked.Values.ToArray();
        double[] cosines = pullback.Invoke(Tensor.Create([1.0], [1]))[0].ToArray();
        // Gradients that rent and release pooled memory of the same size meanwhile.
        for (int round = 0; round < 3; round++)
            Differentiate.Grad(v => (v.Sin() * v.Cos()).Sum(), Tensor.Create(Point(x.Length, round), [x.Length]));
        Assert.Equal(sines, leaked.Values.ToArray());
        Assert.Equal(cosines, pullback.Invoke(Tensor.Create([1.0], [1]))[0].ToArray());
        for (int k = 0; k < x.Length; k++)
            AssertClose(Math.Sin(x[k]), sines[k], 1e-15, $"sin x_{k}");
    }
}
