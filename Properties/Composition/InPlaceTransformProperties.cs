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
}
