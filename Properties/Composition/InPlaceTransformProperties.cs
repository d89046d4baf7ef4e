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
}
