using Autodiff.Properties.Support;
using Autodiff.Rules;
using FsCheck;
using FsCheck.Fluent;

namespace Autodiff.Properties.Testing;

/// <summary>
/// The kit's arbitraries keep their promises, checked on samples: points inside their interval (shrinking towards
/// its midpoint), rule-table points inside the row's domain, shapes of 1 to 5, matrices that are diagonally dominant
/// by at least 1, symmetric positive definite with every eigenvalue at least 1 (by the Jacobi eigensolver, not by
/// the construction), entries 0.3 apart; and a case's matrix reads back as the entries it prints.
/// </summary>
public sealed class ArbitraryTests
{
    private static T[] Sample<T>(Gen<T> gen, int count = 200) =>
        Gen.Sample(gen, count, new Rnd(20261123, 0x9E3779B97F4A7C15UL), 50);

    [Fact]
    public void Points_lie_in_their_interval_cover_it_and_shrink_towards_its_middle()
    {
        double[] points = Sample(Cases.In(-1.5, 2.5), 1000);
        Assert.All(points, p => Assert.InRange(p, -1.5, 2.5));
        Assert.True(points.Min() < -1.4 && points.Max() > 2.4, "the points do not reach the ends of [−1.5, 2.5]");
        Assert.Equal(new[] { 0.5, 1.25 }, Cases.Points(-1.5, 2.5).Shrinker(2.0));
        Assert.Empty(Cases.Points(-1.5, 2.5).Shrinker(0.5));
        Assert.All(Sample(Cases.Vectors(4, 1, 3).Generator), v =>
        {
            Assert.Equal(4, v.Length);
            Assert.All(v, e => Assert.InRange(e, 1, 3));
        });
    }

    [Fact]
    public void Rule_table_points_lie_in_their_row_s_domain_and_shrink_inside_it()
    {
        UnaryEntry log = RuleTable.Unary.First(e => e.Name == "log");
        Assert.All(Sample(Cases.Of(log).Generator), c =>
        {
            Assert.Same(log, c.Entry);
            Assert.InRange(c.X, log.Domain.Min, log.Domain.Max);
            Assert.All(Cases.Of(log).Shrinker(c), s => Assert.InRange(s.X, log.Domain.Min, log.Domain.Max));
        });
        double[] xs = [.. Sample(Cases.Of(log).Generator, 500).Select(c => c.X)];
        double width = log.Domain.Max - log.Domain.Min;
        Assert.True(xs.Min() < log.Domain.Min + 0.05 * width && xs.Max() > log.Domain.Max - 0.05 * width, "the points do not cover log's domain");
        double middle = (log.Domain.Min + log.Domain.Max) / 2;
        Assert.Equal(middle, Cases.Of(log).Shrinker(new UnaryCase(log, log.Domain.Max)).First().X);
        Assert.All(Sample(Cases.AnyUnary.Generator), c => Assert.InRange(c.X, c.Entry.Domain.Min, c.Entry.Domain.Max));
        BinaryEntry pow = RuleTable.Binary.First(e => e.Name == "pow");
        Assert.All(Sample(Cases.Of(pow).Generator), c =>
        {
            Assert.InRange(c.X, pow.XDomain.Min, pow.XDomain.Max);
            Assert.InRange(c.Y, pow.YDomain.Min, pow.YDomain.Max);
        });
        Assert.Equal("log at x = 0.5", new UnaryCase(log, 0.5).ToString());
        Assert.Equal("pow at (x, y) = (0.5, -2)", new BinaryCase(pow, 0.5, -2).ToString());
    }

    [Fact]
    public void Shapes_run_from_1_to_5_and_sized_cases_get_the_drawn_shape()
    {
        int[] dimensions = Sample(MatrixCases.Dimension, 500);
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, dimensions.Distinct().Order());
        Assert.All(Sample(MatrixCases.Sized((m, k, n) => MatrixCases.Matrix(m, n).Select(a => (m, k, n, a))).Generator), c =>
        {
            Assert.Equal((c.m, c.n), (c.a.Rows, c.a.Columns));
            Assert.Equal(c.m * c.n, c.a.Entries.Length);
            Assert.InRange(c.k, 1, 5);
            Assert.All(c.a.Entries, e => Assert.InRange(e, -2, 2));
        });
    }

    [Fact]
    public void Well_conditioned_matrices_are_diagonally_dominant_by_at_least_one()
    {
        MatrixCase[] cases = Sample(MatrixCases.Dimension.SelectMany(MatrixCases.WellConditioned));
        Assert.Contains(cases, a => a.Entries.Min() < -0.5);
        Assert.All(cases, a =>
        {
            int n = a.Rows;
            Assert.Equal(n, a.Columns);
            for (int i = 0; i < n; i++)
            {
                double off = Enumerable.Range(0, n).Where(j => j != i).Sum(j => Math.Abs(a[i, j]));
                Assert.True(Math.Abs(a[i, i]) - off >= 1, $"{a}: row {i} is dominant by {Math.Abs(a[i, i]) - off}");
                Assert.InRange(a[i, i], n, n + 2);
            }
        });
    }

    [Fact]
    public void Positive_definite_matrices_are_symmetric_with_eigenvalues_at_least_one()
    {
        MatrixCase[] cases = Sample(MatrixCases.Dimension.SelectMany(MatrixCases.PositiveDefinite));
        // MᵀM with M's entries of both signs: off-diagonal entries of both signs, and not the identity.
        Assert.Contains(cases, a => a.Entries.Min() < -0.1);
        Assert.Contains(cases, a => a.Rows > 1 && a[0, 1] > 0.1);
        Assert.All(cases, a =>
        {
            double[,] entries = a.ToArray();
            for (int i = 0; i < a.Rows; i++)
                for (int j = 0; j < a.Columns; j++)
                    Assert.Equal(entries[i, j], entries[j, i]);
            double smallest = SymmetricEigen.Values(entries).Min();
            Assert.True(smallest >= 1 - 1e-12, $"{a}: λ_min = {smallest}");
        });
    }

    [Fact]
    public void Separated_entries_are_at_least_0_3_apart_and_shuffled()
    {
        MatrixCase[] cases = Sample(MatrixCases.Dimension.SelectMany(m => MatrixCases.Dimension.SelectMany(n => MatrixCases.Separated(m, n))));
        Assert.All(cases, a =>
        {
            double[] sorted = [.. a.Entries.Order()];
            for (int k = 1; k < sorted.Length; k++)
                Assert.True(sorted[k] - sorted[k - 1] >= 0.3, $"{a}: entries {sorted[k - 1]} and {sorted[k]}");
            Assert.InRange(sorted[0], -0.1, 0.1);
        });
        Assert.Contains(cases, a => !a.Entries.SequenceEqual(a.Entries.Order()));
        Assert.Contains(cases, a => a.Entries.Min() < 0);
    }

    [Fact]
    public void A_matrix_case_reads_back_as_the_entries_it_prints()
    {
        var a = new MatrixCase(2, 3, [1, -2, 3.5, 4, 5, -6]);
        Assert.Equal("2×3 [1, -2, 3.5; 4, 5, -6]", a.ToString());
        Assert.Equal(new double[] { 1, -2, 3.5, 4, 5, -6 }, a.ToArray().Cast<double>());
        Assert.Equal((2, 3), (a.ToArray().GetLength(0), a.ToArray().GetLength(1)));
        Assert.Equal(-6, a[1, 2]);
        Assert.Equal(new[] { 2, 3 }, a.Tensor.Lengths.ToArray().Select(l => (int)l));
        Assert.Equal(new[] { 6 }, a.Vector.Lengths.ToArray().Select(l => (int)l));
        Assert.Equal(a.Entries, TensorEntries(a.Tensor));
        a.Tensor[0, 0] = 9; // a copy each time: the case keeps its entries
        Assert.Equal(1, a[0, 0]);
    }

    private static double[] TensorEntries(System.Numerics.Tensors.Tensor<double> t)
    {
        var flat = new double[t.FlattenedLength];
        t.FlattenTo(flat);
        return flat;
    }
}
