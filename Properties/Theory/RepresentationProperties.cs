using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;
using static Autodiff.Properties.Theory.TheoryModels;

namespace Autodiff.Properties.Theory;

/// <summary>
/// The spectrum of a representation Jacobian (from JVP/VJP products) against a full reverse Jacobian written out here:
/// σᵢ² are the eigenvalues of its Gram matrix, Σσᵢ² = ‖Jₓ‖_F², (Σσᵢ²)²/Σσᵢ⁴ = ‖Jₓ‖_F⁴/‖JₓJₓᵀ‖_F²; and a bottleneck of
/// width k collapses the rank to k while the same network without it has full rank.
/// </summary>
public sealed class RepresentationProperties
{
    // Jₓ by reverse mode, d×D.
    private static double[,] InputJacobian(Perceptron net, double[] theta, double[] x)
    {
        Tracked<double>[] weights = [.. theta.Select(Tracked<double>.Constant)];
        return Autodiff.Reverse.Jacobian<double>(v => net.AsModel().F<Tracked<double>>(weights, v), x);
    }

    [Fact]
    public void Singular_values_trace_and_effective_dimension_match_the_full_Jacobian() =>
        Verify.ForAll(Batches(), b =>
        {
            double[] x = Row(b.Inputs, 0);
            JacobianSpectrum<double> spectrum = Representation.Spectrum(b.Network.AsModel(), b.Theta, x);
            double[,] j = InputJacobian(b.Network, b.Theta, x);
            int d = j.GetLength(0), n = j.GetLength(1);
            // JJᵀ (d×d), its eigenvalues descending, and ‖JJᵀ‖_F² = Σσ⁴ (also the Frobenius norm of JᵀJ).
            double[,] gram = Gram(j);
            double[] eigen = [.. SymmetricEigen.Values(gram).Reverse()];
            double[] sigma = spectrum.SingularValues;
            Assert.Equal(Math.Min(d, n), sigma.Length);
            double scale = Math.Max(1, eigen[0]);
            for (int i = 0; i < sigma.Length; i++)
                Assert.True(Math.Abs(sigma[i] * sigma[i] - eigen[i]) <= 1e-12 * scale, $"σ{i}² = {sigma[i] * sigma[i]} vs λ{i} = {eigen[i]}");
            double frobenius = j.Cast<double>().Sum(v => v * v), gramFrobenius = gram.Cast<double>().Sum(v => v * v);
            Tolerance.AssertClose(frobenius, spectrum.Trace, 1e-12, "Σσ² vs ‖J‖_F²");
            if (gramFrobenius > 0)
                Tolerance.AssertClose(frobenius * frobenius / gramFrobenius, spectrum.EffectiveDimension, 1e-10, "effective dimension");
        });

    private sealed record Bottleneck(int Inputs, int Width, int Outputs, double[] Theta, double[] Wide, double[] X)
    {
        public Perceptron Narrow => Net(Width);

        public Perceptron Full => Net(Math.Min(Inputs, Outputs));

        private Perceptron Net(int width) => new([Inputs, width, 6, Outputs], ActivationFunction.Tanh, ActivationFunction.Identity);

        public override string ToString() => $"{Inputs}-{Width}-6-{Outputs}, x = [{string.Join(", ", X)}]";
    }

    private static Arbitrary<Bottleneck> Bottlenecks() =>
        Arb.From(
            from inputs in Gen.Choose(3, 5)
            from outputs in Gen.Choose(3, 5)
            from width in Gen.Choose(1, 2)
            let narrow = new Perceptron([inputs, width, 6, outputs], ActivationFunction.Tanh, ActivationFunction.Identity)
            let full = new Perceptron([inputs, Math.Min(inputs, outputs), 6, outputs], ActivationFunction.Tanh, ActivationFunction.Identity)
            from theta in Gen.ArrayOf(Autodiff.Testing.Cases.In(-1, 1), narrow.ParameterCount)
            from wide in Gen.ArrayOf(Autodiff.Testing.Cases.In(-1, 1), full.ParameterCount)
            from x in Gen.ArrayOf(Autodiff.Testing.Cases.In(-1, 1), inputs)
            select new Bottleneck(inputs, width, outputs, theta, wide, x));

    // The number of eigenvalues of JJᵀ (from a reverse Jacobian) above tol²·λ₁: the rank at tol, computed independently.
    private static int GramRank(Perceptron net, double[] theta, double[] x, double tolerance)
    {
        double[] eigen = SymmetricEigen.Values(Gram(InputJacobian(net, theta, x)));
        return eigen.Count(l => l > tolerance * tolerance * eigen.Max());
    }

    [Fact]
    public void A_bottleneck_collapses_the_rank_to_its_width()
    {
        // σ from eigenvalues σ² carry rounding of about √ε·σ₁ ≈ 10⁻⁸σ₁: a relative tolerance of 10⁻⁶ stands above it.
        // rank ≤ k holds always; rank = k (and full rank without the bottleneck) only generically, so those are
        // counted, and each rank must equal the one of a Gram matrix from the reverse Jacobian.
        const double tolerance = 1e-6;
        int collapsed = 0;
        Verify.ForAll(Bottlenecks(), c =>
        {
            JacobianSpectrum<double> narrow = Representation.Spectrum(c.Narrow.AsModel(), c.Theta, c.X);
            JacobianSpectrum<double> full = Representation.Spectrum(c.Full.AsModel(), c.Wide, c.X);
            int narrowRank = narrow.Rank(tolerance), fullRank = full.Rank(tolerance);
            Assert.InRange(narrowRank, 0, c.Width);
            Assert.Equal(GramRank(c.Narrow, c.Theta, c.X, tolerance), narrowRank);
            Assert.Equal(GramRank(c.Full, c.Wide, c.X, tolerance), fullRank);
            Assert.InRange(narrow.EffectiveDimension, 0, narrowRank + 1e-12);
            if (narrowRank == c.Width && fullRank == Math.Min(c.Inputs, c.Outputs))
                collapsed++;
        });
        Assert.True(collapsed >= 0.9 * Verify.MaxTest, $"the bottleneck showed as rank k < full rank in only {collapsed} of {Verify.MaxTest} cases");
    }

    // f(θ, x) = (θ₀ + 0·x₀, θ₀θ₁): constant in x, so Jₓ = 0.
    private readonly struct ConstantInInput : IModel
    {
        public T[] F<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> input) where T : System.Numerics.IFloatingPointIeee754<T> =>
            [parameters[0] + T.Zero * input[0], parameters[0] * parameters[1]];
    }

    [Fact]
    public void A_representation_constant_in_its_input_has_rank_trace_and_effective_dimension_zero()
    {
        JacobianSpectrum<double> spectrum = Representation.Spectrum(new ConstantInInput(), [0.5, -2.0], [1.0, 2.0, 3.0]);
        Assert.Equal([0.0, 0.0], spectrum.SingularValues);
        Assert.Equal(0, spectrum.Rank(0.5));
        Assert.Equal(0.0, spectrum.Trace);
        Assert.Equal(0.0, spectrum.EffectiveDimension);
    }

    [Fact]
    public void Bad_arguments_are_refused_naming_them()
    {
        var net = new Perceptron([2, 2], ActivationFunction.Tanh, ActivationFunction.Identity);
        double[] theta = new double[net.ParameterCount];
        Assert.Equal("input", Assert.ThrowsAny<ArgumentException>(() => Representation.Spectrum(net.AsModel(), theta, ReadOnlySpan<double>.Empty)).ParamName);
        JacobianSpectrum<double> spectrum = Representation.Spectrum(net.AsModel(), theta, [1.0, 2.0]);
        Assert.Equal("tolerance", Assert.ThrowsAny<ArgumentException>(() => spectrum.Rank(0)).ParamName);
    }
}
