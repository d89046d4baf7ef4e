using System.Numerics;
using Autodiff.Properties.RandomPrograms;
using Autodiff.Properties.Support;

namespace Autodiff.Properties.Composition;

/// <summary>
/// Transforms of in-place function values: on random programs their Jacobians are the allocating combinators'
/// bit for bit, serial or over the cores, and the allocating view returns f(x).
/// </summary>
public sealed class InPlaceTransformProperties
{
    [Fact]
    public void In_place_Jacobians_equal_the_allocating_ones() => Verify.ForAll(Programs.Vector, c =>
    {
        var f = new InPlaceProgram(c);
        Assert.Equal(Autodiff.Forward.Jacobian<double>(c.Vector, c.Point).Cast<double>(), f.Jacfwd(parallel: false).F<double>(c.Point));
        Assert.Equal(Autodiff.Reverse.Jacobian<double>(c.Vector, c.Point).Cast<double>(), f.Jacrev(parallel: false).F<double>(c.Point));
        Assert.Equal(c.Vector<double>(c.Point), f.Allocating().F<double>(c.Point));
        Assert.Equal(new VectorProgram(c).Jacfwd().F<double>(c.Point), f.Allocating().Jacfwd().F<double>(c.Point));
    });

    /// <summary>Over the cores (n above the parallel threshold) the in-place Jacobians equal the serial and the allocating ones.</summary>
    [Fact]
    public void Parallel_in_place_Jacobians_are_bit_identical()
    {
        double[] x = [.. Enumerable.Range(0, 40).Select(k => 0.1 * k - 1.5)];
        double[] expected = new Ring().Jacfwd(parallel: false).F<double>(x);
        Assert.Equal(expected, new InPlaceRing().Jacfwd(parallel: true).F<double>(x));
        Assert.Equal(expected, new InPlaceRing().Jacfwd(parallel: false).F<double>(x));
        Assert.Equal(new Ring().Jacrev(parallel: false).F<double>(x), new InPlaceRing().Jacrev(parallel: true).F<double>(x));
    }

    /// <summary>Written into the caller's buffer (serial and over the cores), the Jacobians are the returned ones bit for bit.</summary>
    [Fact]
    public void Jacobians_into_a_buffer_equal_the_returned_ones()
    {
        foreach (int n in new[] { 3, 40 })
        {
            double[] x = [.. Enumerable.Range(0, n).Select(k => 0.1 * k - 1.5)];
            foreach (bool parallel in new[] { false, true })
            {
                // A stale buffer: every entry must be overwritten.
                double[] forward = [.. Enumerable.Repeat(double.NaN, n * n)], reverse = [.. forward];
                new InPlaceRing().Jacfwd(parallel).F<double>(x, forward);
                new InPlaceRing().Jacrev(parallel).F<double>(x, reverse);
                Assert.Equal(new Ring().Jacfwd(parallel: false).F<double>(x), forward);
                Assert.Equal(new Ring().Jacrev(parallel: false).F<double>(x), reverse);
            }
        }
    }

    /// <summary>A buffer of the wrong length is refused, by name, before any work.</summary>
    [Fact]
    public void A_buffer_of_the_wrong_length_is_refused()
    {
        double[] x = [0.5, 1.5, 2.5];
        Assert.Equal("jacobian", Assert.Throws<ArgumentException>(() => new InPlaceRing().Jacfwd().F<double>(x, new double[8])).ParamName);
        Assert.Equal("jacobian", Assert.Throws<ArgumentException>(() => new InPlaceRing().Jacrev().F<double>(x, new double[10])).ParamName);
    }

    /// <summary>An empty point, and a function value that says it has no outputs, are refused before any work.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void An_empty_point_or_a_function_value_of_no_outputs_is_refused(int outputs)
    {
        double[] x = [0.5, 1.5];
        foreach (Action<double[]> transform in Transforms(new Outputs(outputs)))
            Refusals.Refused<InvalidOperationException>(null, () => transform(x),
                $"Outputs.OutputLength(2) is {outputs}; an in-place function has at least one output.");
        foreach (Action<double[]> transform in Transforms(new InPlaceRing()))
            Refusals.Refused("x", () => transform([]), "x is empty");
    }

    // Every transform of an in-place function value, at a point: Jacobians returned and into a buffer, allocating.
    private static Action<double[]>[] Transforms<TF>(TF f) where TF : IInPlaceVectorFunction =>
    [
        x => f.Jacfwd().F<double>(x),
        x => f.Jacfwd().F<double>(x, new double[2 * x.Length]),
        x => f.Jacrev().F<double>(x),
        x => f.Jacrev().F<double>(x, new double[2 * x.Length]),
        x => f.Allocating().F<double>(x),
    ];

    // An in-place function value that says it has the given number of outputs, and writes none.
    private readonly struct Outputs(int m) : IInPlaceVectorFunction
    {
        public int OutputLength(int inputLength) => m;

        public void F<T>(ReadOnlySpan<T> x, Span<T> y) where T : IFloatingPointIeee754<T>
        {
        }
    }
}
