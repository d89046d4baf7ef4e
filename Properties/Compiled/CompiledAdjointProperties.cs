using System.Reflection;
using System.Text;
using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Compiled;

/// <summary>
/// Differential testing of the source generator: random programs with loops, branches, carried values and calls
/// (<see cref="LoopPrograms"/>) are printed as <c>[Differentiable]</c> C# methods, run through the generator in
/// memory, compiled and loaded; the generated gradient must equal the tape's (the same method run on
/// <see cref="Tracked{T}"/>) and forward mode's (on <see cref="Dual{T}"/>) to 10⁻¹² relative, and
/// <c>Reverse.Grad</c> handed the method group must run the generated code. A failing program is shrunk.
/// </summary>
[Slow("compiles hundreds of random programs with Roslyn: 11 s")]
public sealed class CompiledAdjointProperties
{
    /// <summary>Compiled and tape gradients sum the same partials in different orders: 10⁻¹² relative (floor 1).</summary>
    private const double Rtol = 1e-12;

    // Programs per run: twice the suite's cases per property (200 by default), compiled as one assembly.
    private static int Count => 2 * Verify.MaxTest;

    [Fact]
    public void Random_programs_have_compiled_gradients_equal_to_the_tape_and_forward_mode()
    {
        ulong seed = ulong.TryParse(Environment.GetEnvironmentVariable("DUAL_REPLAY"), out ulong replay)
            ? replay
            : (ulong)Random.Shared.NextInt64();
        LoopProgram[] programs = LoopPrograms.Cases.Sample(Count, new Rnd(seed, 0x9E3779B97F4A7C15UL), 30);
        Type type = Load(programs, out GeneratorHarness.Output output);
        for (int k = 0; k < programs.Length; k++)
        {
            if (Problem(programs[k], type, $"P{k}") is { } problem)
            {
                (LoopProgram smallest, string why) = Shrunk(programs[k], problem);
                throw new Xunit.Sdk.XunitException(
                    $"Seed {seed} (DUAL_REPLAY={seed} replays it), program {k}: {problem}\nShrunk to:\n{smallest}\n{why}");
            }
        }
        // The grammar's every form occurs in a run, so the test cannot silently become straight-line only.
        Assert.Contains(programs, p => p.Element is not null && p.Carry == Carry.Set);
        Assert.Contains(programs, p => p.Element is not null && p.Carry == Carry.Multiply);
        Assert.Contains(programs, p => p.Element is not null && p.Branch == Branch.IfElse);
        Assert.Contains(programs, p => p.Element is not null && p.Branch == Branch.Ternary);
        Assert.Contains(programs, p => p.Element is not null && p.CallsHelper);
        Assert.Contains(programs, p => p.Other is not null);
        // Loops fused with their reverse sweep (the result linear in an accumulator the body only adds to) occur,
        // with each body form, and so do accumulator programs the generator must not fuse.
        bool[] fused = [.. programs.Select((_, k) => output.Generated($"Programs.P{k}.").Contains(FusedMarker, StringComparison.Ordinal))];
        LoopProgram[] fusedPrograms = [.. programs.Where((_, k) => fused[k])];
        Assert.True(fusedPrograms.Length >= Count / 20, $"only {fusedPrograms.Length} of {Count} programs have a fused loop");
        Assert.Contains(fusedPrograms, p => p.Branch == Branch.If);
        Assert.Contains(fusedPrograms, p => p.Branch == Branch.Ternary);
        Assert.Contains(fusedPrograms, p => p.CallsHelper);
        Assert.Contains(fusedPrograms, p => p.Inner is not null);
        Assert.Contains(fusedPrograms, p => p.Carry == Carry.Add);
        Assert.Contains(programs.Where((_, k) => !fused[k]), p => p.Element is not null && p.Weight is not null);
    }

    /// <summary>The comment the generator writes on a loop it fuses with its reverse sweep.</summary>
    internal const string FusedMarker = "fused with its reverse sweep";

    /// <summary>The generator's own names (x_bar, _values, _v1, result, gradient, …) may be the user's: it renames.</summary>
    [Fact]
    public void Names_the_generator_uses_may_be_the_user_s_own()
    {
        const string source = GeneratorHarness.Usings + """
            public static partial class Clash
            {
                [Differentiable]
                public static T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
                {
                    T x_bar = x[0], _values = T.One, _v1 = x[1], result = T.Zero, gradient = x[0] * x[1];
                    for (int _k2 = 0; _k2 < x.Length; _k2++)
                    {
                        T _a3 = T.Sin(x[_k2]) * _values;
                        _values = _values * (T.One + _a3 * _a3);
                        if (_a3 > T.Zero)
                            result += _a3 * x_bar;
                    }
                    return result + _values + _v1 * gradient;
                }
            }
            """;
        Type type = GeneratorHarness.Load(source).GetType("Clash")!;
        var tracked = type.GetMethod("F")!.MakeGenericMethod(typeof(Tracked<double>)).CreateDelegate<ScalarFunction<Tracked<double>>>();
        var compiled = type.GetMethod("F_Grad")!.MakeGenericMethod(typeof(double)).CreateDelegate<GradientFunction>();
        double[] x = [0.7, -1.3, 2.1];
        var gradient = new double[3];
        compiled(x, gradient);
        double[] tape = Autodiff.Reverse.Grad<double>(v => tracked(v), x);
        for (int j = 0; j < 3; j++)
            AssertClose(tape[j], gradient[j], Rtol, $"∂f/∂x{j}");
    }

    private static Type Load(IReadOnlyList<LoopProgram> programs) => Load(programs, out _);

    private static Type Load(IReadOnlyList<LoopProgram> programs, out GeneratorHarness.Output output)
    {
        var source = new StringBuilder(GeneratorHarness.Usings);
        source.AppendLine("public static partial class Programs");
        source.AppendLine("{");
        source.AppendLine(LoopProgram.HelperSource);
        for (int k = 0; k < programs.Count; k++)
            source.AppendLine(programs[k].Source($"P{k}"));
        source.AppendLine("}");
        return GeneratorHarness.Load(out output, source.ToString()).GetType("Programs")!;
    }

    /// <summary>What is wrong with the generated gradient of program p (compiled as method name of type), or null.</summary>
    private static string? Problem(LoopProgram p, Type type, string name)
    {
        MethodInfo primal = type.GetMethod(name)!;
        var plain = primal.MakeGenericMethod(typeof(double)).CreateDelegate<ScalarFunction<double>>();
        var tracked = primal.MakeGenericMethod(typeof(Tracked<double>)).CreateDelegate<ScalarFunction<Tracked<double>>>();
        var dual = primal.MakeGenericMethod(typeof(Dual<double>)).CreateDelegate<ScalarFunction<Dual<double>>>();
        var compiled = type.GetMethod(name + "_Grad")!.MakeGenericMethod(typeof(double)).CreateDelegate<GradientFunction>();

        var gradient = new double[p.Inputs];
        double value = compiled(p.Point, gradient);
        // A lambda is not a method group, so this records a tape: the oracle.
        (double tapeValue, double[] tape) = Autodiff.Reverse.ValueAndGrad<double>(v => tracked(v), p.Point);
        double[] forward = Autodiff.Forward.Gradient(dual, p.Point);
        double interpreted = p.Evaluate<double>(p.Point);
        if (!Close(interpreted, plain(p.Point), Rtol))
            return $"the C# method computes {plain(p.Point):R}, the interpreter {interpreted:R}";
        if (!Close(tapeValue, value, Rtol))
            return $"value {value:R}, tape {tapeValue:R}";
        for (int j = 0; j < p.Inputs; j++)
        {
            if (!Close(tape[j], gradient[j], Rtol))
                return $"∂f/∂x{j}: compiled {gradient[j]:R}, tape {tape[j]:R}";
            if (!Close(forward[j], gradient[j], Rtol))
                return $"∂f/∂x{j}: compiled {gradient[j]:R}, forward {forward[j]:R}";
        }
        // Handed the method group, Reverse.Grad runs the registered compiled adjoint: the very same numbers.
        double[] dispatched = Autodiff.Reverse.Grad(tracked, p.Point);
        if (!dispatched.SequenceEqual(gradient))
            return $"Reverse.Grad gave {Printer.Vector(dispatched)}, not the compiled {Printer.Vector(gradient)}";
        return null;
    }

    // Greedy shrinking: the first smaller program that still fails, until none does (each candidate compiled alone).
    private static (LoopProgram, string) Shrunk(LoopProgram failing, string problem)
    {
        for (int step = 0; step < 100; step++)
        {
            LoopProgram? smaller = null;
            foreach (LoopProgram candidate in LoopPrograms.Shrink(failing).Take(30))
            {
                if (Problem(candidate, Load([candidate]), "P0") is { } p)
                {
                    (smaller, problem) = (candidate, p);
                    break;
                }
            }
            if (smaller is null)
                break;
            failing = smaller;
        }
        return (failing, problem);
    }
}
