using LanguageExt;

namespace Autodiff.Properties.SecondOrder;

/// <summary>Fin results print their entries, and <see cref="FinResults.ValueOrThrow{A}"/> reads the common path.</summary>
public sealed class FinResultTests
{
    [Fact]
    public void A_solve_prints_its_solution_and_reads_without_Match()
    {
        Fin<Arr<double>> x = Solve.Linear(new double[,] { { 2, 0 }, { 0, 4 } }, [1.0, -2.0]);
        Assert.Equal("Succ([0.5, -0.5])", x.ToString());
        Assert.Equal([0.5, -0.5], x.ValueOrThrow().ToArray());
    }

    [Fact]
    public void A_failure_prints_its_message_and_ValueOrThrow_throws_it()
    {
        Fin<Arr<double>> x = Solve.Linear(new double[,] { { 1, 2 }, { 2, 4 } }, [1.0, 1.0]);
        Assert.StartsWith("Fail(matrix is singular", x.ToString());
        var thrown = Assert.Throws<InvalidOperationException>(() => x.ValueOrThrow());
        Assert.StartsWith("matrix is singular", thrown.Message);
    }
}
