using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;
using static Autodiff.Testing.MatrixCases;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// One reverse-mode program may leave the tensors for scalar code and come back: entries handed out by
/// <see cref="TensorVar{T}.ToTracked"/>, computed on as <see cref="Tracked{T}"/> numbers, gathered again by
/// <see cref="TensorVar{T}.FromTracked"/> (or a scalar converted back implicitly). The gradient through that detour
/// equals the gradient of the same function written with tensor primitives only; the two compute the same
/// derivatives in a different order of rounding, so they agree to <see cref="Exact"/>.
/// </summary>
public sealed class MixedProgramProperties
{
    // W = Z ⊙ sin Z + 1 with Z = XB, then log(1 + ‖W‖²) + logsumexp(W): all in tensors.
    private static Var PureTensor(Var x, MatrixCase b)
    {
        Var z = x.MatMul(b.Tensor);
        Var w = z * z.Sin() + 1.0;
        return (w.SquaredNorm() + 1.0).Log() + w.LogSumExp();
    }

    // The same, with W computed entry by entry in scalar code and log(1 + ‖W‖²) taken on a scalar.
    private static Var Mixed(Var x, MatrixCase b)
    {
        Var z = x.MatMul(b.Tensor);
        var w = new Tracked<double>[z.Length];
        for (int k = 0; k < w.Length; k++)
        {
            Tracked<double> zk = z.ToTracked(k);
            w[k] = zk * Tracked<double>.Sin(zk) + 1.0;
        }
        Var gathered = Var.FromTracked(w, z.Shape);
        Var logNorm = Tracked<double>.Log(1.0 + gathered.SquaredNorm().ToTracked());
        return logNorm + gathered.LogSumExp();
    }

    [Fact]
    public void Gradient_through_scalar_code_equals_the_gradient_of_the_pure_tensor_program() =>
        Verify.ForAll(Inputs.Sized((m, k, n) => [Matrix(m, k), Matrix(k, n)]), c =>
        {
            (double pureValue, var pure) = Differentiate.ValueAndGrad(x => PureTensor(x, c[1]), c[0].Tensor);
            (double mixedValue, var mixed) = Differentiate.ValueAndGrad(x => Mixed(x, c[1]), c[0].Tensor);
            AssertClose(pureValue, mixedValue, Exact, "f");
            TensorAssert.Close(TensorAssert.Flat(pure), mixed, Exact, "∂f/∂X through ToTracked/FromTracked");
        });
}
