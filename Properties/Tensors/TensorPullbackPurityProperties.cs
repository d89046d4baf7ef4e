using System.Numerics.Tensors;
using FsCheck;
using FsCheck.Fluent;
using Autodiff.Properties.Support;
using static Autodiff.Testing.MatrixCases;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// A <see cref="TensorPullback{T}"/> is a pure function of its cotangent: calling it again with the same cotangent
/// gives the same result to the bit, and calls from eight threads at once give the serial results to the bit (each
/// call sweeps its own adjoint array over a frozen record). The program mixes a solve, elementwise maps, products,
/// a transpose and a row-wise softmax, so every kind of stored rule state is exercised.
/// </summary>
public sealed class TensorPullbackPurityProperties
{
    // F(A, B) = softmax(tanh(A⁻¹B) Bᵀ), n×n, for well-conditioned A (n×n) and B (n×k).
    private static Var F(Var[] x) => x[0].Solve(x[1]).Tanh().MatMul(x[1].Transpose()).Softmax();

    /// <summary>A point (A, B) and cotangents Ū for the n×n output; prints them all in a counterexample.</summary>
    public sealed record Case(Inputs Point, double[][] Cotangents)
    {
        /// <inheritdoc/>
        public override string ToString() => $"{Point}, Ū = {string.Join("; ", Cotangents.Select(u => $"[{string.Join(", ", u)}]"))}";
    }

    private static Arbitrary<Case> Cases =>
        Arb.From(
            from point in Inputs.Sized((n, k, _) => [WellConditioned(n), Matrix(n, k)]).Generator
            from cotangents in Gen.ArrayOf(Entries(point[0].Rows * point[0].Rows), 16)
            select new Case(point, cotangents));

    // Ū for the n×n output, in its shape (a pullback takes exactly the value's shape).
    private static Tensor<double>[] Invoke(TensorPullback<double> pullback, double[] u) => Invoke(pullback.Invoke, u);

    // The cotangent has the value's shape, n×n.
    private static Tensor<double>[] Invoke(Func<Tensor<double>, Tensor<double>[]> pullback, double[] u)
    {
        nint n = (nint)Math.Sqrt(u.Length);
        return pullback(Tensor.Create((double[])u.Clone(), [n, n]));
    }

    private static double[] Flat(Tensor<double>[] adjoints) => [.. adjoints.SelectMany(TensorAssert.Flat)];

    [Fact]
    public void Pullback_called_twice_with_one_cotangent_gives_the_same_result() =>
        Verify.ForAll(Cases, c =>
        {
            TensorPullback<double> pullback = Differentiate.Vjp(F, c.Point[0].Tensor, c.Point[1].Tensor).Pullback;
            foreach (double[] u in c.Cotangents)
                Assert.Equal(Flat(Invoke(pullback, u)), Flat(Invoke(pullback, u)));
        });

    [Fact]
    public void Pullback_called_from_eight_threads_at_once_agrees_with_serial_calls() =>
        Verify.ForAll(Cases, c =>
        {
            TensorPullback<double> pullback = Differentiate.Vjp(F, c.Point[0].Tensor, c.Point[1].Tensor).Pullback;
            double[][] serial = [.. c.Cotangents.Select(u => Flat(Invoke(pullback, u)))];
            var parallel = new double[c.Cotangents.Length][];
            Parallel.For(0, c.Cotangents.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k => parallel[k] = Flat(Invoke(pullback, c.Cotangents[k])));
            Assert.Equal(serial, parallel);
        });

    [Fact]
    public void Pullback_converted_to_a_Func_gives_the_same_result() =>
        Verify.ForAll(Cases, c =>
        {
            TensorPullback<double> pullback = Differentiate.Vjp(F, c.Point[0].Tensor, c.Point[1].Tensor).Pullback;
            Func<Tensor<double>, Tensor<double>[]> pb = pullback;
            foreach (double[] u in c.Cotangents)
                Assert.Equal(Flat(Invoke(pullback, u)), Flat(Invoke(pb, u)));
        });
}
