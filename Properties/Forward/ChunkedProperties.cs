using System.Globalization;
using System.Numerics;
using Autodiff.Properties.RandomPrograms;
using Autodiff.Properties.Support;
using Autodiff.Rules;
using FsCheck;
using FsCheck.Fluent;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Forward;

/// <summary>
/// Chunk mode: <see cref="MultiDual{T}"/> carries K = 4 tangents, and <c>GradientChunked</c>/<c>JacobianChunked</c>
/// take ⌈n/K⌉ evaluations. Component i of a MultiDual follows the arithmetic a Dual seeded with that component follows
/// (same rules, same operand order, same zero-tangent convention), so the strongest true statement holds and is the
/// one asserted: the chunked results are bit-identical to the n-pass ones, not merely close.
/// </summary>
public sealed class ChunkedProperties
{
    private const int K = MultiDual<double>.Width;
    private const double A = 1.25; // the outer point a₀ of the nesting properties

    // ----- The rule table, direction by direction -----

    /// <summary>A unary table function at a point, with K tangent components (about a quarter of them exactly 0).</summary>
    public sealed record UnaryDirections(UnaryEntry Entry, double X, double[] B)
    {
        /// <inheritdoc/>
        public override string ToString() => $"{Entry.Name} at x = {X:R}, b = {Printer.Vector(B)}";
    }

    /// <summary>A binary table function at a point, with K tangent components for each argument.</summary>
    public sealed record BinaryDirections(BinaryEntry Entry, double X, double Y, double[] Bx, double[] By)
    {
        /// <inheritdoc/>
        public override string ToString() =>
            $"{Entry.Name} at (x, y) = ({X:R}, {Y:R}), bx = {Printer.Vector(Bx)}, by = {Printer.Vector(By)}";
    }

    // Zero components exercise the convention "a zero tangent contributes zero" beside non-zero ones in one number.
    private static Gen<double[]> Tangents =>
        Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(0.0)), (3, Cases.In(-2, 2))), K);

    private static Arbitrary<UnaryDirections> Of(UnaryEntry e) =>
        Arb.From(Cases.In(e.Domain).Zip(Tangents, (x, b) => new UnaryDirections(e, x, b)));

    private static Arbitrary<BinaryDirections> Of(BinaryEntry e) =>
        Arb.From(Cases.In(e.XDomain).Zip(Cases.In(e.YDomain)).Zip(Tangents.Zip(Tangents),
            (xy, b) => new BinaryDirections(e, xy.Item1, xy.Item2, b.Item1, b.Item2)));

    [Theory, MemberData(nameof(Table.UnaryNames), MemberType = typeof(Table))]
    public void Every_unary_rule_on_MultiDual_is_Dual_in_every_component(string name) =>
        Verify.ForAll(Of(Table.Unary(name)), c =>
        {
            MultiDual<double> multi = c.Entry.Function.F(new MultiDual<double>(c.X, c.B));
            for (int i = 0; i < K; i++)
            {
                Dual<double> dual = c.Entry.Function.F(new Dual<double>(c.X, c.B[i]));
                SameBits(dual.Value, multi.Value, $"{c}: value");
                SameBits(dual.Tangent, multi.Tangent(i), $"{c}: tangent component {i}");
            }
        });

    [Theory, MemberData(nameof(Table.BinaryNames), MemberType = typeof(Table))]
    public void Every_binary_rule_and_operator_on_MultiDual_is_Dual_in_every_component(string name) =>
        Verify.ForAll(Of(Table.Binary(name)), c =>
        {
            MultiDual<double> multi = c.Entry.Function.F(new MultiDual<double>(c.X, c.Bx), new MultiDual<double>(c.Y, c.By));
            for (int i = 0; i < K; i++)
            {
                Dual<double> dual = c.Entry.Function.F(new Dual<double>(c.X, c.Bx[i]), new Dual<double>(c.Y, c.By[i]));
                SameBits(dual.Value, multi.Value, $"{c}: value");
                SameBits(dual.Tangent, multi.Tangent(i), $"{c}: tangent component {i}");
            }
        });

    [Fact]
    public void Negation_and_the_calculus_free_members_act_per_component()
    {
        static T Shifted<T>(T x) where T : IFloatingPointIeee754<T> => T.ScaleB(++x, 3) - T.CreateChecked(10.5);
        var x = new MultiDual<double>(1.5, [2.0, -0.5, 0.25, 3.0]);
        Assert.Equal(new MultiDual<double>(-1.5, [-2.0, 0.5, -0.25, -3.0]), -x);
        Assert.Equal(new MultiDual<double>(9.5, [16.0, -4.0, 2.0, 24.0]), Shifted(x));
    }

    // ----- The combinators on random programs -----

    [Fact]
    public void Chunked_gradient_is_bit_identical_to_the_gradient_of_n_passes() =>
        Verify.ForAll(Programs.Scalar, c =>
        {
            double[] passes = Autodiff.Forward.Gradient<double>(c.Scalar, c.Point);
            double[] chunked = Autodiff.Forward.GradientChunked<double>(c.Scalar, c.Point);
            Assert.Equal(c.Inputs, chunked.Length);
            for (int j = 0; j < c.Inputs; j++)
                SameBits(passes[j], chunked[j], $"{c}: ∂f/∂x{j}");
        });

    [Fact]
    public void Chunked_Jacobian_is_bit_identical_to_the_Jacobian_of_n_passes() =>
        Verify.ForAll(Programs.Vector, c =>
        {
            double[,] passes = Autodiff.Forward.Jacobian<double>(c.Vector, c.Point);
            double[,] chunked = Autodiff.Forward.JacobianChunked<double>(c.Vector, c.Point);
            Assert.Equal(passes.GetLength(0), chunked.GetLength(0));
            Assert.Equal(passes.GetLength(1), chunked.GetLength(1));
            for (int i = 0; i < passes.GetLength(0); i++)
                for (int j = 0; j < c.Inputs; j++)
                    SameBits(passes[i, j], chunked[i, j], $"{c}: ∂f{i}/∂x{j}");
        });

    // ----- Chunk boundaries: n below, at, between and above multiples of K -----

    // f(x) = Σ_k (k+1) sin(x_k) x_{k+1 mod n}: every input meets two others, so a wrong column shows.
    private static T Ring<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int k = 0; k < x.Length; k++)
            sum += T.CreateChecked(k + 1) * T.Sin(x[k]) * x[(k + 1) % x.Length];
        return sum;
    }

    // ∂f/∂x_j = (j+1) cos(x_j) x_{j+1} + (k+1) sin(x_k) with k = j − 1 mod n.
    private static double[] RingGradient(double[] x)
    {
        int n = x.Length;
        return [.. Enumerable.Range(0, n).Select(j =>
        {
            int k = (j - 1 + n) % n;
            return (j + 1) * Math.Cos(x[j]) * x[(j + 1) % n] + (k + 1) * Math.Sin(x[k]);
        })];
    }

    private static double[] Point(int n) => [.. Enumerable.Range(0, n).Select(k => 2 * Math.Sin(k + 1.0))];

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(13)]
    public void Chunked_gradient_takes_one_evaluation_per_chunk_and_fills_every_column(int n)
    {
        double[] x = Point(n);
        int calls = 0;
        double[] chunked = Autodiff.Forward.GradientChunked<double>(y => { calls++; return Ring(y); }, x);
        Assert.Equal((n + K - 1) / K, calls);
        double[] passes = Autodiff.Forward.Gradient<double>(Ring, x);
        double[] exact = RingGradient(x);
        for (int j = 0; j < n; j++)
        {
            SameBits(passes[j], chunked[j], $"n = {n}: ∂f/∂x{j}");
            AssertClose(exact[j], chunked[j], Exact, $"n = {n}: ∂f/∂x{j} vs the analytic gradient");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(9)]
    public void Chunked_Jacobian_takes_one_evaluation_per_chunk_and_fills_every_column(int n)
    {
        // f(x) = (Ring(x), Σ_k k x_k²): J = [∇Ring; 2k x_k].
        static T[] F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            T squares = T.Zero;
            for (int k = 0; k < x.Length; k++)
                squares += T.CreateChecked(k) * x[k] * x[k];
            return [Ring(x), squares];
        }

        double[] x = Point(n);
        int calls = 0;
        double[,] chunked = Autodiff.Forward.JacobianChunked<double>(y => { calls++; return F(y); }, x);
        Assert.Equal((n + K - 1) / K, calls);
        double[,] passes = Autodiff.Forward.Jacobian<double>(F, x);
        double[] ring = RingGradient(x);
        for (int j = 0; j < n; j++)
        {
            SameBits(passes[0, j], chunked[0, j], $"n = {n}: ∂f0/∂x{j}");
            SameBits(passes[1, j], chunked[1, j], $"n = {n}: ∂f1/∂x{j}");
            AssertClose(ring[j], chunked[0, j], Exact, $"n = {n}: ∂f0/∂x{j} vs analytic");
            AssertClose(2 * j * x[j], chunked[1, j], Exact, $"n = {n}: ∂f1/∂x{j} vs analytic");
        }
    }

    // ----- Perturbation confusion -----

    [Fact]
    public void A_chunked_differentiation_capturing_an_outer_one_throws_and_the_nested_type_is_right() =>
        Verify.ForAll(Programs.Scalar, c =>
        {
            double[] x = c.Point;
            Confused(() => Autodiff.Forward.GradientChunked<double>(a =>
            {
                MultiDual<double> a0 = a[0];
                return a0 * Autodiff.Forward.GradientChunked<double>(y => a0 * c.Scalar(y), x)[0];
            }, [A]));
            Confused(() => Autodiff.Forward.JacobianChunked<double>(a =>
            {
                MultiDual<double> a0 = a[0];
                return [a0 * Autodiff.Forward.JacobianChunked<double>(y => [a0 * c.Scalar(y)], x)[0, 0]];
            }, [A]));
            // Right: the inner gradient on the nested type; d/da [a · ∂₀(a f)] = 2a ∂₀f.
            MultiDual<double>[] xd = Array.ConvertAll(x, MultiDual<double>.Constant);
            double right = Autodiff.Forward.GradientChunked<double>(a =>
            {
                MultiDual<double> a0 = a[0];
                return a0 * Autodiff.Forward.GradientChunked<MultiDual<double>>(y => (MultiDual<MultiDual<double>>)a0 * c.Scalar(y), xd)[0];
            }, [A])[0];
            AssertClose(2 * A * Autodiff.Forward.Gradient<double>(c.Scalar, x)[0], right, Exact, $"{c}: d/da a·∂₀(af)");
        });

    [Fact]
    public void A_MultiDual_kept_from_a_finished_differentiation_is_caught()
    {
        MultiDual<double> kept = default;
        Autodiff.Forward.GradientChunked<double>(x => kept = x[0] * 2, [3.0]);
        Confused(() => Autodiff.Forward.GradientChunked<double>(x => kept, [1.0]));
        Confused(() => Autodiff.Forward.GradientChunked<double>(x => x[0] * kept, [1.0]));
        Confused(() => Autodiff.Forward.JacobianChunked<double>(x => [kept], [1.0, 2.0]));
    }

    [Fact]
    public void Hand_made_MultiDuals_and_constants_combine_with_any_differentiation()
    {
        double[] g = Autodiff.Forward.GradientChunked<double>(
            x => x[0] * new MultiDual<double>(3, [0.0]) + MultiDual<double>.Constant(1) + x[1], [2.0, 5.0]);
        Assert.Equal([3.0, 1.0], g);
    }

    // ----- Conventions -----

    [Fact]
    public void A_zero_tangent_component_contributes_zero_even_where_the_partial_is_infinite()
    {
        MultiDual<double> root = MultiDual<double>.Sqrt(new MultiDual<double>(0, [1.0, 0.0, -0.0, 2.0]));
        Assert.Equal([double.PositiveInfinity, 0.0, 0.0, double.PositiveInfinity], Components(root));
        Assert.Equal([0.0, 0.0, 0.0, 0.0], Components(MultiDual<double>.Sqrt(MultiDual<double>.Constant(0))));
        // x² with a constant exponent at x < 0: ∂/∂y = xʸ ln x is NaN, and the exponent's tangent is zero.
        Assert.Equal([-6.0], Autodiff.Forward.GradientChunked<double>(x => MultiDual<double>.Pow(x[0], 2.0), [-3.0]));
    }

    [Fact]
    public void Equality_is_structural_comparison_is_by_value_and_the_format_names_each_direction()
    {
        var a = new MultiDual<double>(1, [2.0, 3.0]);
        var b = new MultiDual<double>(1, [2.0, 3.0, 0.0, 0.0]);
        var c = new MultiDual<double>(1, [2.0, 3.0, 0.0, 4.0]);
        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.False(a.Equals(c));
        Assert.True(a == c);
        Assert.True(MultiDual<double>.IsZero(MultiDual<double>.Constant(0)));
        Assert.False(MultiDual<double>.IsZero(new MultiDual<double>(0, [0.0, 0.0, 0.0, 1.0])));
        Assert.Equal("1 + 2ε₀ + 3ε₁ + 0ε₂ + 4ε₃", c.ToString());
        Assert.Equal("1.0 + 2.0ε₀ + 3.0ε₁ + 0.0ε₂ + 4.0ε₃", c.ToString("F1", CultureInfo.InvariantCulture));
        Assert.Equal([0.0, 0.0, 1.0, 0.0], Components(MultiDual<double>.Variable(7, 2)));
        Assert.Equal(7.0, MultiDual<double>.Variable(7, 2).Value);
    }

    // ----- Bad input -----

    [Fact]
    public void Bad_input_is_rejected_by_name_before_any_work()
    {
        static T Sum<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0];
        static T[] Identity<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x.ToArray();
        Throws("f", "f", () => Autodiff.Forward.GradientChunked<double>(null!, [1.0]));
        Throws("f", "f", () => Autodiff.Forward.JacobianChunked<double>(null!, [1.0]));
        Throws("x", "empty", () => Autodiff.Forward.GradientChunked(Sum, ReadOnlySpan<double>.Empty));
        Throws("x", "empty", () => Autodiff.Forward.JacobianChunked(Identity, ReadOnlySpan<double>.Empty));
        // Five inputs take two chunks, so the second call can disagree with the first.
        int calls = 0;
        MultiDual<double>[] Unstable(ReadOnlySpan<MultiDual<double>> x) => new MultiDual<double>[++calls];
        Throws("f", "returned 2 outputs where an earlier call returned 1",
            () => Autodiff.Forward.JacobianChunked(Unstable, [1.0, 2.0, 3.0, 4.0, 5.0]));
        Throws("f", "returned null", () => Autodiff.Forward.JacobianChunked<double>(_ => null!, [1.0]));
        Throws("f", "no outputs", () => Autodiff.Forward.JacobianChunked<double>(_ => [], [1.0]));
        Throws("tangent", "at most 4", () => _ = new MultiDual<double>(1, [1.0, 2.0, 3.0, 4.0, 5.0]));
        Throws("i", "i", () => MultiDual<double>.Constant(1).Tangent(K));
        Throws("i", "i", () => MultiDual<double>.Constant(1).Tangent(-1));
        Throws("direction", "direction", () => MultiDual<double>.Variable(1, K));
        Throws("direction", "direction", () => MultiDual<double>.Variable(1, -1));
    }

    // ----- Helpers -----

    private static double[] Components(MultiDual<double> x) => [.. Enumerable.Range(0, K).Select(x.Tangent)];

    // Bit-identical, so −0 and 0 differ and NaN payloads must match: the strongest statement the arithmetic allows.
    private static void SameBits(double expected, double actual, string what)
    {
        if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
            throw new Xunit.Sdk.XunitException($"{what}: expected {expected:R}, got {actual:R} (not bit-identical)");
    }

    private static void Confused(Action wrong) =>
        Assert.Contains("Perturbation confusion", Assert.Throws<InvalidOperationException>(wrong).Message);

    private static void Throws(string parameter, string fragment, Action act)
    {
        var e = Assert.ThrowsAny<ArgumentException>(act);
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(fragment, e.Message);
    }
}
