using System.Reflection;
using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Compiled;

/// <summary>
/// Loop fusion (docs/compiled-adjoints.md): the generator runs each iteration's reverse sweep right after the
/// iteration only where it has checked that no iteration changes an adjoint another reads and that the return's
/// adjoints are known before the loop. Each method below sits on one side of one condition; the test checks which
/// side the generator chose (the fused loop's comment in the generated code) and that the gradient is the tape's
/// and forward mode's either way. The random programs (<see cref="CompiledAdjointProperties"/>) cover the rest.
/// </summary>
public sealed class LoopFusionTests
{
    private const double Rtol = 1e-12;

    private static readonly (string Name, bool Fused, string Body)[] Cases =
    [
        // An accumulator the return reads linearly: fused (Rosenbrock's form).
        ("Linear", true, """
            T s = T.Zero, c = T.CreateChecked(3);
            for (int i = 0; i < x.Length; i++)
            {
                T a = T.Sin(x[i]) * c;
                s += a * a - x[i];
            }
            return s * T.CreateChecked(0.5) + x[0] / c;
            """),
        // Two accumulators, one subtracted from, a branch and an inner loop in the body: fused.
        ("TwoAccumulators", true, """
            T s = T.Zero, u = x[0];
            for (int i = 0; i < x.Length; i++)
            {
                T t = x[i];
                for (int j = 0; j <= i; j++)
                    t = t * T.Cos(x[j]);
                if (t > T.Zero)
                    s += T.Exp(t);
                u -= t * x[i];
            }
            return s - u / T.CreateChecked(x.Length);
            """),
        // A local read at the top of the body and inside a branch: its adjoint gets both contributions: fused.
        ("ReadOutsideAndInBranch", true, """
            T s = T.Zero;
            for (int i = 0; i < x.Length; i++)
            {
                T u = T.Sin(x[i]);
                s += u * x[i];
                if (u > T.Zero)
                    s += u * u;
            }
            return s;
            """),
        // A local added to after its declaration: its adjoint, sent to x[i + 1], is reset by the declaration's sweep
        // before the merged input-adjoint additions run: fused (the addition must use the value at its statement).
        ("LocalAddedTo", true, """
            T s = T.Zero;
            for (int i = 0; i + 1 < x.Length; i++)
            {
                T t = x[i] * x[i];
                t += x[i + 1];
                s += t * t;
            }
            return s;
            """),
        // A loop accumulating in an inner loop straight into the carried value: fused.
        ("InnerAccumulation", true, """
            T s = T.Zero;
            for (int i = 0; i < x.Length; i++)
                for (int j = i; j < x.Length; j++)
                    s += x[i] * T.Tanh(x[j]);
            return s;
            """),
        // The return reads the accumulator's value (∂(s·s)/∂s = 2s): two sweeps.
        ("ReturnReadsAccumulator", false, """
            T s = T.Zero;
            for (int i = 0; i < x.Length; i++)
                s += T.Sin(x[i]);
            return s * s;
            """),
        // The return divides by a value the loop computes (inactive, but the partial reads it): two sweeps.
        ("ReturnReadsCounter", false, """
            T s = T.Zero, n = T.Zero;
            for (int i = 0; i < x.Length; i++)
            {
                s += x[i] * x[i];
                n += T.One;
            }
            return s / n;
            """),
        // s = s * x[i]: each iteration changes the adjoint of s the previous one reads: two sweeps.
        ("Product", false, """
            T s = T.One;
            for (int i = 0; i < x.Length; i++)
                s = s * T.Cos(x[i]);
            return s;
            """),
        // The body reads a carried value: two sweeps.
        ("BodyReadsCarried", false, """
            T s = T.Zero, acc = T.Zero;
            for (int i = 0; i < x.Length; i++)
            {
                acc += s * x[i];
                s += x[i];
            }
            return acc;
            """),
        // The body reads a carried value linearly (its adjoint, not its value): still two sweeps.
        ("BodyReadsCarriedLinearly", false, """
            T s = T.Zero, acc = T.Zero;
            for (int i = 0; i < x.Length; i++)
            {
                acc += s + T.Sin(x[i]);
                s += x[i] * x[i];
            }
            return acc + s;
            """),
        // A carried value set, not added to (only the last iteration's value reaches the return): two sweeps.
        ("CarriedSet", false, """
            T s = T.Zero, acc = T.Zero;
            for (int i = 0; i < x.Length; i++)
            {
                acc += x[i] * x[i];
                s = T.Sin(x[i]);
            }
            return acc + s;
            """),
        // The carried value is read before the loop (its old value is saved per iteration): two sweeps.
        ("CarriedSaved", false, """
            T s = x[0];
            T w = T.Sin(s);
            for (int i = 0; i < x.Length; i++)
                s += x[i] * x[i];
            return s + w;
            """),
        // A statement between the loop and the return: two sweeps.
        ("StatementAfter", false, """
            T s = T.Zero;
            for (int i = 0; i < x.Length; i++)
                s += T.Exp(x[i]);
            T m = s * T.CreateChecked(2);
            return m;
            """),
        // Only the last loop is fused; the first one is swept backwards as before.
        ("TwoLoops", true, """
            T p = T.One;
            for (int i = 0; i < x.Length; i++)
                p = p * (T.One + x[i] * x[i]);
            T s = T.Zero;
            for (int i = 0; i < x.Length; i++)
                s += p * x[i];
            return s;
            """),
    ];

    // Each case is generated in its own test, not once per class: Stryker's per-test coverage credits the
    // generator's code only to the test that runs it, so a class-wide cache would test a mutant on the first case.
    private static (Type Type, GeneratorHarness.Output Output) Compile(string name, string body)
    {
        string source = GeneratorHarness.Usings + $$"""
            public static partial class Fusion
            {
                [Differentiable]
                public static T {{name}}<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
                {
            {{body}}
                }
            }
            """;
        Assembly assembly = GeneratorHarness.Load(out GeneratorHarness.Output output, source);
        return (assembly.GetType("Fusion")!, output);
    }

    /// <summary>A loop writing an output: y[0] is overwritten by every iteration, so only the last one's x gets ū.</summary>
    [Fact]
    public void A_loop_that_writes_an_output_is_not_fused()
    {
        const string source = GeneratorHarness.Usings + """
            public static partial class FusionOutput
            {
                [Differentiable]
                public static void Overwrite<T>(ReadOnlySpan<T> x, Span<T> y) where T : IFloatingPointIeee754<T>
                {
                    for (int i = 0; i < x.Length; i++)
                        y[0] = T.Sin(x[i]);
                }
            }
            """;
        Assembly assembly = GeneratorHarness.Load(out GeneratorHarness.Output output, source);
        var vjp = GeneratorHarness.Method<VjpFunction>(assembly.GetType("FusionOutput")!, "Overwrite_Vjp", typeof(double));
        double[] x = [0.3, -1.1, 0.9], y = new double[1], gradient = new double[3];
        vjp(x, y, [1.0], gradient);
        Assert.Equal([0.0, 0.0, Math.Cos(0.9)], gradient);
        Assert.DoesNotContain(CompiledAdjointProperties.FusedMarker, output.Generated("FusionOutput.Overwrite."), StringComparison.Ordinal);
    }

    public static TheoryData<string> Names => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_loop_is_fused_exactly_when_its_conditions_hold_and_the_gradient_is_the_tape_s(string name)
    {
        (_, bool expected, string body) = Cases.Single(c => c.Name == name);
        (Type type, GeneratorHarness.Output output) = Compile(name, body);
        GeneratorHarness.AgreesWithTapeAndForward(type, name, Rtol, [0.7], [0.3, -1.1, 0.9], [1.2, 0.4, -0.6, 2.0, -0.2]);
        string generated = output.Generated($"Fusion.{name}.");
        Assert.Equal(expected, generated.Contains(CompiledAdjointProperties.FusedMarker, StringComparison.Ordinal));
    }
}
