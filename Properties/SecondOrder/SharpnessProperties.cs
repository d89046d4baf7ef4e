using System.Numerics;
using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.SecondOrder;

/// <summary>
/// Sharpness is λ_max, the largest (algebraic) eigenvalue of ∇²f — not the eigenvalue of largest magnitude —
/// checked on quadratics ½ xᵀAx, whose Hessian is A.
/// </summary>
public sealed class SharpnessProperties
{
    // ½ xᵀAx: ∇² = A (symmetric).
    private static ScalarFunction<Tracked<Dual<double>>> Quadratic(double[,] a)
    {
        T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            T sum = T.Zero;
            for (int i = 0; i < x.Length; i++)
                for (int j = 0; j < x.Length; j++)
                    sum += x[i] * T.CreateChecked(a[i, j]) * x[j];
            return sum / T.CreateChecked(2);
        }
        return F;
    }

    // Q diag(λ₁, λ₂) Qᵀ with Q the rotation by 0.3 rad, so the eigenvectors are not the axes.
    private static double[,] Rotated(double l1, double l2)
    {
        double c = Math.Cos(0.3), s = Math.Sin(0.3);
        return new[,]
        {
            { c * c * l1 + s * s * l2, c * s * (l1 - l2) },
            { c * s * (l1 - l2), s * s * l1 + c * c * l2 },
        };
    }

    [Theory]
    [InlineData(-10.0, 2.0, 2.0)]   // a negative eigenvalue dominates in magnitude: λ_max is still 2
    [InlineData(3.0, 1.0, 3.0)]
    [InlineData(-1.0, -5.0, -1.0)]  // negative definite: λ_max = −1, the one of smaller magnitude
    [InlineData(-4.0, 0.0, 0.0)]
    [InlineData(-2.0, -2.0, -2.0)]  // H = −2I: the shifted operator is 0
    public void Sharpness_is_the_largest_eigenvalue_of_closed_form_quadratics(double l1, double l2, double lambdaMax) =>
        AssertClose(lambdaMax, Curvature.Sharpness(Quadratic(Rotated(l1, l2)), [0.4, -0.7]), 1e-9, $"λ_max of {{{l1}, {l2}}}");

    [Fact]
    public void Sharpness_is_the_top_Jacobi_eigenvalue_of_random_symmetric_matrices() =>
        Verify.ForAll(Arb.From(from n in Gen.Choose(2, 5) from e in Gen.ArrayOf(Cases.In(-1, 1), n * n) select Symmetric(n, e)), a =>
        {
            double[] eigenvalues = SymmetricEigen.Values(a);
            // Power iteration converges at the rate of its operator's eigenvalue ratio; at a near tie (probability
            // ~1 %) it needs more iterations than a test should spend, so those matrices are skipped.
            if (Ratio(eigenvalues) > 0.98)
                return;
            double sharpness = Curvature.Sharpness(Quadratic(a), Enumerable.Repeat(0.5, a.GetLength(0)).ToArray(), maxIterations: 5000);
            double scale = Math.Max(Math.Abs(eigenvalues[0]), Math.Abs(eigenvalues[^1]));
            AssertClose(eigenvalues[^1], sharpness, 1e-8, "λ_max by power iteration vs Jacobi", floor: scale);
        });

    // The slower of the two phases' rates: |λ| second-largest / largest, for H and then for H − λ_d I when λ_d < 0.
    private static double Ratio(double[] sorted)
    {
        double dominant = Math.Abs(sorted[0]) > Math.Abs(sorted[^1]) ? sorted[0] : sorted[^1];
        double first = sorted.Select(Math.Abs).OrderDescending().Skip(1).First() / Math.Abs(dominant);
        if (dominant >= 0)
            return first;
        double[] shifted = sorted.Select(l => l - dominant).OrderDescending().ToArray();
        return Math.Max(first, shifted[1] / shifted[0]);
    }

    /// <summary>(E + Eᵀ)/2 for the row-major n×n entries e.</summary>
    internal static double[,] Symmetric(int n, double[] e)
    {
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                a[i, j] = (e[i * n + j] + e[j * n + i]) / 2;
        return a;
    }

    [Fact]
    public void Sharpness_rejects_a_non_positive_iteration_count_and_a_bad_tolerance()
    {
        ScalarFunction<Tracked<Dual<double>>> f = Quadratic(Rotated(-10, 2));
        Assert.Equal("maxIterations", Assert.Throws<ArgumentOutOfRangeException>(() => Curvature.Sharpness(f, [1.0, 2.0], maxIterations: 0)).ParamName);
        Assert.Equal("maxIterations", Assert.Throws<ArgumentOutOfRangeException>(() => Curvature.Sharpness(f, [1.0, 2.0], maxIterations: -3)).ParamName);
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => Curvature.Sharpness(f, [1.0, 2.0], tolerance: double.NaN)).ParamName);
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => Curvature.Sharpness(f, [1.0, 2.0], tolerance: -1e-6)).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => Curvature.Sharpness<double>(null!, [1.0, 2.0])).ParamName);
    }
}
