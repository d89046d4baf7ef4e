// The package smoke test's program: it runs in a fresh console project that installed the packed packages from a
// local feed (scripts/package-smoke.sh), so it sees only their public API. Each line compares a derivative with its
// closed form; any mismatch makes the exit code non-zero.
using System.Numerics;
using System.Numerics.Tensors;
using Autodiff;
using Autodiff.Testing;

int failures = 0;
void Check(string what, double actual, double expected)
{
    bool ok = Math.Abs(actual - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected));
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual:R} (closed form {expected:R})");
    failures += ok ? 0 : 1;
}

// Dual.Forward: d sin x/dx = cos x.
Check("Forward.Derivative(sin, 0.5)", Forward.Derivative(Sin, 0.5), Math.Cos(0.5));

// Dual.Reverse: ∇(x·y + sin x) = (y + cos x, x).
double[] g = Reverse.Grad(XySin, [0.5, 2.0]);
Check("Reverse.Grad ∂/∂x", g[0], 2.0 + Math.Cos(0.5));
Check("Reverse.Grad ∂/∂y", g[1], 0.5);

// Dual.Hessian: ∇²(x·y + sin x) v with v = (1, 0) is (−sin x, 1).
double[] hv = Hessian.Hvp(XySin, [0.5, 2.0], [1.0, 0.0]);
Check("Hessian.Hvp row 0", hv[0], -Math.Sin(0.5));
Check("Hessian.Hvp row 1", hv[1], 1.0);

// Dual.Tensors: ∂‖x‖²/∂x = 2x.
Tensor<double> tg = Tensors.Grad(x => x.SquaredNorm(), Tensors.Vector(3.0, -1.5));
Check("Tensors.Grad ‖x‖² entry 0", tg[0], 6.0);
Check("Tensors.Grad ‖x‖² entry 1", tg[1], -3.0);

// Dual.Transforms: the same gradient as a composable transform.
double[] tf = new XySinValue().Grad().F([0.5, 2.0]);
Check("Transforms Grad ∂/∂x", tf[0], 2.0 + Math.Cos(0.5));

// The source generator, shipped in Dual.Forward as an analyzer: the compiled adjoint of a [Differentiable] method,
// and Reverse.Grad running it when handed the method group.
double[] cg = new double[2];
Compiled.XySin_Grad<double>([0.5, 2.0], cg);
Check("generated XySin_Grad ∂/∂x", cg[0], 2.0 + Math.Cos(0.5));
Check("Reverse.Grad runs the generated adjoint", Autodiff.Compiled.Find(new ScalarFunction<Tracked<double>>(Compiled.XySin)) is null ? 0.0 : 1.0, 1.0);

// Dual.Testing: GradCheck of the same function passes (forward, reverse and differences agree).
Check("Testing GradCheck failures", GradCheck.Scalar(new XySinValue(), [0.5, 2.0]).FailureCount, 0);

Console.WriteLine(failures == 0 ? "package smoke test: all derivatives match" : $"package smoke test: {failures} mismatches");
return failures == 0 ? 0 : 1;

static T Sin<T>(T x) where T : IFloatingPointIeee754<T> => T.Sin(x);

static T XySin<T>(ReadOnlySpan<T> v) where T : IFloatingPointIeee754<T> => v[0] * v[1] + T.Sin(v[0]);

static partial class Compiled
{
    [Differentiable]
    public static T XySin<T>(ReadOnlySpan<T> v) where T : IFloatingPointIeee754<T>
    {
        T s = T.Zero;
        for (int i = 0; i + 1 < v.Length; i++)
            s += v[i] * v[i + 1];
        return s + T.Sin(v[0]);
    }
}

readonly struct XySinValue : IScalarFunction
{
    public T F<T>(ReadOnlySpan<T> v) where T : IFloatingPointIeee754<T> => v[0] * v[1] + T.Sin(v[0]);
}
