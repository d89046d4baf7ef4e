namespace Autodiff.Properties.SecondOrder;

/// <summary>
/// <see cref="Hessian.OfVectorFunction{T}"/> makes n passes over f; a function whose number of outputs changes
/// between them is an error naming f — never an index error (growing) or silent zeros (shrinking).
/// </summary>
public sealed class VectorHessianArityTests
{
    // f: ℝ² → ℝᵐ whose m starts at `first` and changes by `step` on each call.
    private static VectorFunction<Tracked<Dual<double>>> Changing(int first, int step)
    {
        int m = first;
        return x =>
        {
            var y = new Tracked<Dual<double>>[m];
            for (int i = 0; i < m; i++)
                y[i] = x[0] * x[1];
            m += step;
            return y;
        };
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, -1)]
    public void A_changing_number_of_outputs_is_an_error_naming_f(int first, int step)
    {
        var e = Assert.Throws<ArgumentException>(() => Hessian.OfVectorFunction(Changing(first, step), [1.0, 2.0]));
        Assert.Equal("f", e.ParamName);
        Assert.Contains("must not change", e.Message);
    }

    [Fact]
    public void A_fixed_number_of_outputs_is_accepted()
    {
        double[,,] h = Hessian.OfVectorFunction(Changing(2, 0), [1.0, 2.0]);
        Assert.Equal(1.0, h[1, 0, 1]);
        Assert.Equal(0.0, h[1, 0, 0]);
    }
}
