using System.Reflection;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Compiled;

/// <summary>
/// Where a [Differentiable] method may live and which forms of it get which methods: namespaces (block and
/// file-scoped, with usings inside), nested partial classes, structs and records, a private nested type (no module
/// initializer can reach it, so no registration), overloads (one generated file each), several differentiated
/// parameters (only <c>_Adjoint</c>), a further constraint on T. Each is generated in memory, compiled, loaded and held to the tape
/// (the last to its closed form: the tape's Tracked&lt;T&gt; has no IMinMaxValue).
/// </summary>
public sealed class GeneratorFormsTests
{
    private const double Rtol = 1e-12;

    private const string Body = """
        {
            T s = T.Zero;
            for (int i = 0; i < x.Length; i++)
                s += Sin(x[i]) * x[0];
            return s;
        }
        """;

    private static void AssertGradientIsTheTape(Type type, string name = "F")
    {
        MethodInfo primal = type.GetMethods().Single(m => m.Name == name && m.GetParameters().Length == 1);
        var tracked = primal.MakeGenericMethod(typeof(Tracked<double>)).CreateDelegate<ScalarFunction<Tracked<double>>>();
        var compiled = type.GetMethod(name + "_Grad")!.MakeGenericMethod(typeof(double)).CreateDelegate<GradientFunction>();
        double[] x = [0.4, -1.3, 2.2];
        var gradient = new double[3];
        double value = compiled(x, gradient);
        (double tapeValue, double[] tape) = Autodiff.Reverse.ValueAndGrad<double>(v => tracked(v), x);
        AssertClose(tapeValue, value, Rtol, $"{type.Name}.{name} value");
        for (int j = 0; j < 3; j++)
            AssertClose(tape[j], gradient[j], Rtol, $"{type.Name}.{name} ∂f/∂x{j}");
    }

    [Fact]
    public void Nested_namespaces_with_usings_and_nested_partial_structs_and_records_get_their_adjoints()
    {
        string source = "using System;\nusing System.Numerics;\n\n" + $$"""
            namespace Outer
            {
                using Autodiff;
                public static class Limits { public const int Limit = 2; }
                namespace Inner
                {
                    using static Outer.Limits;
                    public readonly partial struct S
                    {
                        public partial record R
                        {
                            internal partial record struct Q
                            {
                                [Differentiable]
                                public static T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
                                {{Body.Replace("Sin(", "T.Sin(").Replace("i < x.Length", "i < x.Length && i <= Limit")}}
                            }
                        }
                    }
                }
            }
            """;
        Assembly assembly = GeneratorHarness.Load(source);
        Type q = assembly.GetType("Outer.Inner.S+R+Q")!;
        AssertGradientIsTheTape(q);
        // Every containing type is reachable from the module: registered for Reverse.Grad.
        MethodInfo f = q.GetMethod("F")!.MakeGenericMethod(typeof(double));
        Assert.NotNull(Autodiff.Compiled.Find(f.CreateDelegate<ScalarFunction<double>>()));
    }

    [Fact]
    public void A_file_scoped_namespace_and_a_using_static_the_method_relies_on_are_kept()
    {
        // The method reads a constant unqualified through a using static of the file (the generated code copies the
        // expression T.CreateChecked(Scale), so it needs the using too) and calls a [Differentiable] helper by it.
        string source = "using System;\nusing System.Numerics;\nusing Autodiff;\nusing static Helpers;\n\nnamespace Flat.Space;\n\n" + $$"""
            public static partial class C
            {
                [Differentiable]
                public static T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
                {{Body.Replace("* x[0]", "* x[0] * T.CreateChecked(Scale)")}}
            }
            """;
        const string helpers = """
            using System;
            using System.Numerics;
            using Autodiff;

            public static partial class Helpers
            {
                public const double Scale = 1.5;
                [Differentiable]
                public static T Sin<T>(T a) where T : IFloatingPointIeee754<T> => T.Sin(a) * T.CreateChecked(2);
            }
            """;
        Assembly assembly = GeneratorHarness.Load(source, helpers);
        AssertGradientIsTheTape(assembly.GetType("Flat.Space.C")!);
    }

    /// <summary>A module initializer cannot live in a private type: the gradient is there, the registration is not.</summary>
    [Fact]
    public void A_method_in_a_private_nested_type_has_its_gradient_but_is_not_registered()
    {
        string source = GeneratorHarness.Usings + $$"""
            public static partial class Host
            {
                private static partial class Hidden
                {
                    [Differentiable]
                    public static T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
                    {{Body.Replace("Sin(", "T.Sin(")}}
                }

                public static double Grad(double[] x, double[] gradient) => Hidden.F_Grad<double>(x, gradient);
                public static ScalarFunction<double> Function => Hidden.F;
            }
            """;
        Assembly assembly = GeneratorHarness.Load(source);
        Type hidden = assembly.GetType("Host+Hidden")!;
        AssertGradientIsTheTape(hidden);
        var function = (ScalarFunction<double>)assembly.GetType("Host")!.GetProperty("Function")!.GetValue(null)!;
        Assert.Null(Autodiff.Compiled.Find(function));
    }

    /// <summary>
    /// Overloads get a file each (their hint names differ by the parameters' count and types); a method of two
    /// differentiated parameters gets only _Adjoint, which adds ȳ ∂f/∂a to ā and ȳ ∂f/∂x to x̄.
    /// </summary>
    [Fact]
    public void Overloads_each_get_their_adjoint_and_several_differentiated_parameters_get_only_Adjoint()
    {
        string source = GeneratorHarness.Usings + $$"""
            public static partial class Over
            {
                [Differentiable]
                public static T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
                {{Body.Replace("Sin(", "T.Sin(")}}

                [Differentiable]
                public static T F<T>(ReadOnlySpan<T> x, T a) where T : IFloatingPointIeee754<T> => F(x) * a + T.Exp(a * x[1]);

                [Differentiable]
                public static T F<T>(T a, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => F(x, a) - a;
            }
            """;
        GeneratorHarness.Output output = GeneratorHarness.Run(source);
        Assert.Empty(output.Diagnostics);
        Assert.Equal(3, output.Driver.GetRunResult().GeneratedTrees.Select(t => t.FilePath).Distinct().Count());
        Assembly assembly = GeneratorHarness.Load(source);
        Type over = assembly.GetType("Over")!;
        AssertGradientIsTheTape(over);
        Assert.Single(over.GetMethods(), m => m.Name == "F_Grad");
        Assert.Equal(3, over.GetMethods().Count(m => m.Name == "F_Adjoint"));

        MethodInfo adjoint = over.GetMethods().Single(m => m.Name == "F_Adjoint" && m.GetParameters()[0].ParameterType.IsGenericMethodParameter)
            .MakeGenericMethod(typeof(double));
        var run = adjoint.CreateDelegate<TwoAdjoint>();
        double[] x = [0.4, -1.3, 2.2];
        double a = 0.7, aBar = 0.5, seed = -1.5;
        var xBar = new double[] { 1, 2, 3 };
        double value = run(a, x, ref aBar, xBar, seed);
        MethodInfo primal = over.GetMethods().Single(m => m.Name == "F" && m.GetParameters()[0].ParameterType.IsGenericMethodParameter);
        var tracked = primal.MakeGenericMethod(typeof(Tracked<double>)).CreateDelegate<Two<Tracked<double>>>();
        // The tape's gradient of (a, x) ↦ F(a, x), with a as the last input.
        (double tapeValue, double[] tape) = Autodiff.Reverse.ValueAndGrad<double>(v => tracked(v[3], v[..3]), [.. x, a]);
        AssertClose(tapeValue, value, Rtol, "F(a, x)");
        AssertClose(0.5 + seed * tape[3], aBar, Rtol, "ā");
        for (int j = 0; j < 3; j++)
            AssertClose(j + 1 + seed * tape[j], xBar[j], Rtol, $"x̄{j}");
    }

    /// <summary>
    /// A further constraint on T beside IFloatingPointIeee754&lt;T&gt; is accepted: f(x) = x₀ sin x₁,
    /// ∇f = (sin x₁, x₀ cos x₁).
    /// </summary>
    [Fact]
    public void A_further_constraint_on_T_is_accepted()
    {
        string source = GeneratorHarness.Usings + """
            public static partial class Bounded
            {
                [Differentiable]
                public static T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>, IMinMaxValue<T> => x[0] * T.Sin(x[1]);
            }
            """;
        var compiled = GeneratorHarness.Method<GradientFunction>(GeneratorHarness.Load(source).GetType("Bounded")!, "F_Grad", typeof(double));
        double[] x = [0.4, -1.3];
        var gradient = new double[2];
        AssertClose(0.4 * Math.Sin(-1.3), compiled(x, gradient), Rtol, "f");
        AssertClose(Math.Sin(-1.3), gradient[0], Rtol, "∂f/∂x₀");
        AssertClose(0.4 * Math.Cos(-1.3), gradient[1], Rtol, "∂f/∂x₁");
    }

    private delegate double TwoAdjoint(double a, ReadOnlySpan<double> x, ref double aBar, Span<double> xBar, double seed);

    private delegate T Two<T>(T a, ReadOnlySpan<T> x);
}
