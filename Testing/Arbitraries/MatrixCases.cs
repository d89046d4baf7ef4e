using FsCheck;
using FsCheck.Fluent;

namespace Autodiff.Testing;

/// <summary>
/// Generators for the matrix identities: random shapes (1 to 5 per dimension) and entries in [−2, 2]; square
/// matrices made well conditioned (A = M + (n+1)·I with M's entries in [−1, 1], so every Gershgorin disc stays at
/// distance ≥ 1 from 0 and ‖A⁻¹‖∞ ≤ 1) for inverses and solves; symmetric positive definite ones (A = MᵀM + I, all
/// eigenvalues ≥ 1) for Cholesky log-determinants.
/// </summary>
public static class MatrixCases
{
    /// <summary>Entries of [min, max].</summary>
    public static Gen<double[]> Entries(int count, double min = -2, double max = 2) =>
        Gen.ArrayOf(Cases.In(min, max), count);

    /// <summary>A dimension length, 1 to 5.</summary>
    public static Gen<int> Dimension => Gen.Choose(1, 5);

    /// <summary>An m×n matrix with entries in [−2, 2].</summary>
    public static Gen<MatrixCase> Matrix(int rows, int columns) =>
        Entries(rows * columns).Select(e => new MatrixCase(rows, columns, e));

    /// <summary>
    /// An m×n matrix whose entries are at least 0.3 apart (a shuffled 0.5·k plus noise in [−0.1, 0.1]): a maximum is
    /// never within a difference step of a tie, so a maximum's rules can be checked against differences.
    /// </summary>
    public static Gen<MatrixCase> Separated(int rows, int columns) =>
        // Stryker disable once Arithmetic : the noise is symmetric about 0, so subtracting it draws the same matrices.
        Gen.Shuffle(Enumerable.Range(0, rows * columns).ToArray()).Zip(Entries(rows * columns, -0.1, 0.1),
            (order, noise) => new MatrixCase(rows, columns, [.. order.Select((k, i) => 0.5 * k + noise[i])]));

    /// <summary>An n×n matrix M + (n+1)·I, M with entries in [−1, 1]: diagonally dominant by ≥ 1, so ‖A⁻¹‖∞ ≤ 1.</summary>
    public static Gen<MatrixCase> WellConditioned(int n) =>
        Entries(n * n, -1, 1).Select(e =>
        {
            for (int i = 0; i < n; i++)
                e[i * n + i] += n + 1;
            return new MatrixCase(n, n, e);
        });

    /// <summary>An n×n symmetric positive definite matrix MᵀM + I, M with entries in [−1, 1].</summary>
    public static Gen<MatrixCase> PositiveDefinite(int n) =>
        Entries(n * n, -1, 1).Select(m =>
        {
            var a = new double[n * n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    double sum = i == j ? 1 : 0;
                    for (int k = 0; k < n; k++)
                        sum += m[k * n + i] * m[k * n + j];
                    a[i * n + j] = sum;
                }
            return new MatrixCase(n, n, a);
        });

    /// <summary>Cases of a random size: <paramref name="build"/> is given generated dimensions.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="build"/> is null.</exception>
    public static Arbitrary<TCase> Sized<TCase>(Func<int, int, int, Gen<TCase>> build) =>
        build is null ? throw new ArgumentNullException(nameof(build)) : Arb.From(Dimension.SelectMany(m => Dimension.SelectMany(k => Dimension.SelectMany(n => build(m, k, n)))));
}
