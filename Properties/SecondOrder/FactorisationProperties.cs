using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using Xunit;

namespace Autodiff.Properties.SecondOrder;

/// <summary>
/// The LU and Cholesky factorisations against closed forms: det A by the rule of Sarrus on general 3×3 matrices
/// (whose partial pivoting swaps rows, so the sign of the permutation matters), permutation matrices of sign ±1, and
/// solves of the wrong length rejected by name.
/// </summary>
public sealed class FactorisationProperties
{
    private static T Factored<T>(Fin<T> result) => result.Match(x => x, e => throw new Xunit.Sdk.XunitException(e.Message));

    private static readonly Arbitrary<double[]> General3x3 = Cases.Vectors(9, -2, 2);

    [Fact]
    public void Lu_determinant_is_the_rule_of_Sarrus()
    {
        Verify.ForAll(General3x3, e =>
        {
            double sarrus = e[0] * e[4] * e[8] + e[1] * e[5] * e[6] + e[2] * e[3] * e[7]
                          - e[2] * e[4] * e[6] - e[0] * e[5] * e[7] - e[1] * e[3] * e[8];
            if (Math.Abs(sarrus) < 1e-3)
                return; // nearly singular: the factorisation may rightly refuse it
            var a = new double[3, 3];
            for (int k = 0; k < 9; k++)
                a[k / 3, k % 3] = e[k];
            LuFactorization<double> lu = Factored(LuFactorization<double>.Factor(a));
            Tolerance.AssertClose(sarrus, lu.Determinant, 1e-12, "det A");
            Tolerance.AssertClose(Math.Log(Math.Abs(sarrus)), lu.LogAbsDeterminant, 1e-12, "log |det A|");
        });
    }

    [Fact]
    public void Permutation_matrices_have_determinant_plus_or_minus_one()
    {
        Assert.Equal(-1.0, Factored(LuFactorization<double>.Factor(new double[,] { { 0, 1 }, { 1, 0 } })).Determinant);
        Assert.Equal(1.0, Factored(LuFactorization<double>.Factor(new double[,] { { 0, 1, 0 }, { 0, 0, 1 }, { 1, 0, 0 } })).Determinant);
        Assert.Equal(-6.0, Factored(LuFactorization<double>.Factor(new double[,] { { 0, 2 }, { 3, 0 } })).Determinant);
    }

    [Fact]
    public void Cholesky_log_determinant_and_solve_agree_with_LU()
    {
        double[,] spd = { { 4, 2, 0.5 }, { 2, 3, 1 }, { 0.5, 1, 2 } };
        LuFactorization<double> lu = Factored(LuFactorization<double>.Factor(spd));
        CholeskyFactorization<double> cholesky = Factored(CholeskyFactorization<double>.Factor(spd));
        Tolerance.AssertClose(Math.Log(lu.Determinant), cholesky.LogDeterminant, 1e-14, "log det A");
        double[] x = lu.Solve([1.0, -2.0, 0.5]), y = cholesky.Solve([1.0, -2.0, 0.5]);
        for (int i = 0; i < 3; i++)
            Tolerance.AssertClose(x[i], y[i], 1e-14, $"x[{i}]");
    }

    [Fact]
    public void A_right_hand_side_of_the_wrong_length_is_rejected_by_name()
    {
        double[,] spd = { { 2, 1 }, { 1, 2 } };
        var lu = Assert.Throws<ArgumentException>(() => Factored(LuFactorization<double>.Factor(spd)).Solve([1.0]));
        Assert.Equal("b", lu.ParamName);
        Assert.Contains("length 1 but A is 2×2", lu.Message);
        var cholesky = Assert.Throws<ArgumentException>(() => Factored(CholeskyFactorization<double>.Factor(spd)).Solve([1.0, 2.0, 3.0]));
        Assert.Equal("b", cholesky.ParamName);
        Assert.Contains("length 3 but A is 2×2", cholesky.Message);
    }
}
