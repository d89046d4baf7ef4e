using System.Numerics;
using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;

namespace Autodiff.Properties.Theory;

/// <summary>
/// The Lie derivative by one JVP against a central difference of f along the rotated points R(α)x, and its vanishing
/// for rotation-invariant functions only.
/// </summary>
public sealed class InvarianceProperties
{
    // The generator of rotations in the (0, 1) plane of ℝⁿ.
    private static double[,] Rotation(int n)
    {
        var g = new double[n, n];
        g[0, 1] = -1;
        g[1, 0] = 1;
        return g;
    }

    // R(α)x: x rotated by α in the (0, 1) plane.
    private static double[] Rotated(double[] x, double alpha) =>
        [x[0] * Math.Cos(alpha) - x[1] * Math.Sin(alpha), x[0] * Math.Sin(alpha) + x[1] * Math.Cos(alpha), .. x[2..]];

    // exp(−‖x‖²/2) · (1 + x₂²): invariant under rotations in the (0, 1) plane.
    private static T Invariant<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T r2 = T.Zero;
        foreach (T e in x)
            r2 += e * e;
        return T.Exp(-r2 / T.CreateChecked(2)) * (T.One + (x.Length > 2 ? x[2] * x[2] : T.Zero));
    }

    // The same times (1 + x₀/2): not invariant.
    private static T NotInvariant<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        Invariant(x) * (T.One + x[0] / T.CreateChecked(2));

    private static Arbitrary<double[]> Points() =>
        Arb.From(from n in Gen.Choose(2, 4) from x in Gen.ArrayOf(Cases.In(-1.5, 1.5), n) select x);

    [Fact]
    public void The_Lie_derivative_is_the_derivative_along_the_orbit_and_vanishes_only_for_the_invariant_function() =>
        Verify.ForAll(Points(), x =>
        {
            double[,] g = Rotation(x.Length);
            double invariant = Invariance.LieDerivative<double>(Invariant, x, g);
            Assert.True(Math.Abs(invariant) <= 1e-15, $"invariant f: {invariant:E2}");
            double lie = Invariance.LieDerivative<double>(NotInvariant, x, g);
            double h = 1e-3;
            double difference = FiniteDifference(a => NotInvariant<double>(Rotated(x, a)), h);
            Tolerance.AssertClose(difference, lie, Tolerance.FirstDifference, "∇f·Gx vs d/dα f(R(α)x)");
            // Not invariant: along the orbit, f changes wherever x₁ ≠ 0 (∂/∂α of (1 + x₀/2) is −x₁/2).
            if (Math.Abs(x[1]) > 0.1)
                Assert.True(Math.Abs(lie) > 1e-4, $"non-invariant f had Lie derivative {lie:E2}");
        });

    private static double FiniteDifference(Func<double, double> f, double h) =>
        (f(-2 * h) - 8 * f(-h) + 8 * f(h) - f(2 * h)) / (12 * h);

    [Fact]
    public void A_generator_of_the_wrong_size_is_refused() =>
        Assert.Equal("generator", Assert.ThrowsAny<ArgumentException>(() => Invariance.LieDerivative<double>(Invariant, [1.0, 2.0], Rotation(3))).ParamName);
}
