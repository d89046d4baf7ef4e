using System.Reflection;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Compiled;

/// <summary>
/// Constructs of the supported subset the random programs do not draw, each in a method of its own: the members the
/// generator rewrites to .NET's definitions (<c>T.Log(x, b)</c>, <c>Exp2M1</c>, <c>Atan2Pi</c>, …) and
/// <c>RootN</c>'s int argument, the three <c>T.Create…</c> forms (of a T constant too), every loop step form, conditions with
/// <c>T.IsNaN</c>, <c>!</c>, literals, <c>==</c> and <c>!=</c>, unary plus, declarations without an initializer, a bare
/// block, one local name declared in three scopes (renamed apart, conditions included), a last loop
/// carrying two accumulators of which only one must be saved (so the loop is not fused with its sweep), last loops
/// whose <c>+=</c> or <c>-=</c> reads its own target (not fused either), a local whose name starts with the input
/// span's adjoint's (x_bar…) in a fused loop, <c>T.Pi</c>, a constant <c>T[]</c>, a local that depends on the inputs only
/// through a later statement of its loop (activity found at the second pass), and
/// scalar parameters beside constants, outputs written with <c>=</c>, <c>+=</c> and <c>-=</c> (of constants too). Generated in memory, compiled, loaded and held to the tape and forward mode.
/// </summary>
public sealed class GeneratorConstructsTests
{
    private const double Rtol = 1e-12;

    private static readonly (string Name, string Body)[] Cases =
    [
        ("Rewritten", """
            T a = T.Log(x[0] * x[0] + T.One, x[1] * x[1] + T.CreateChecked(2));
            T b = T.Exp2M1(x[0]) * T.Exp10M1(x[1] * T.CreateChecked(0.25));
            T c = T.Log2P1(x[0] * x[0]) + T.Log10P1(x[1] * x[1]) + T.Atan2Pi(x[0], x[1] - T.CreateChecked(3));
            return a + b * c + T.RootN(x[0] * x[0] + T.One, 3) + T.Hypot(x[0], x[1]);
            """),
        ("Creates", """
            int n = x.Length;
            T s = T.CreateSaturating(n) * x[0] + T.CreateTruncating(2.5) * x[1];
            return s * T.CreateChecked(n - 1) + +x[1] + T.CreateChecked(T.Pi / T.CreateChecked(4)) * x[0];
            """),
        ("Steps", """
            T s = T.Zero;
            for (int i = 0; i < x.Length; ++i)
                s += x[i] * x[i];
            for (int i = x.Length - 1; i >= 0; --i)
                s = s * T.Cos(x[i]);
            for (int i = 0; i < x.Length; i += 3)
                s = s + T.Sin(s * x[i]);
            for (int i = x.Length - 1; i >= 0; i -= 2)
                for (int j = i; j < x.Length; j += 2)
                    s = s * x[j] + x[i];
            return s;
            """),
        ("Conditions", """
            T s = x[0], t;
            t = x[1] * s;
            var u = t;
            if (!T.IsNaN(s) && (s != x[1] || false))
                s = s * t;
            if (true && x.Length == 3)
                s = s + u * x[2];
            if (!(x[0] == x[1]))
                s -= x[0];
            else
                s += x[1];
            {
                T w = s * x[0];
                s += w * u;
            }
            return s > T.Zero ? s : -s;
            """),
        ("Shadowed", """
            T s = x[0];
            for (int i = 0; i < x.Length; i++)
            {
                T w = x[i] * s;
                if (w > T.One)
                    s = s * T.Cos(w);
                else
                    s -= w * x[i];
            }
            for (int i = 0; i < x.Length; i++)
            {
                T w = T.Sin(x[i]) + s;
                s = w < s ? s * w : s + w;
            }
            {
                T w = s * s;
                s = s + w;
            }
            return s;
            """),
        ("Carried", """
            T a = x[0] * x[1];
            T b = a * a;
            for (int i = 0; i < x.Length; i++)
            {
                a += T.Sin(x[i]);
                b += x[i] * x[i];
            }
            return a + b;
            """),
        ("SelfAdd", """
            T s = x[0];
            for (int i = 0; i < x.Length; i++)
                s += s * x[i];
            return s;
            """),
        ("SelfSubtract", """
            T d = x[0];
            for (int i = 0; i < x.Length; i++)
                d -= d * T.Sin(x[i]);
            return d;
            """),
        ("Prefixed", """
            T s = T.Zero;
            for (int i = 0; i < x.Length; i++)
            {
                T x_barrier = x[i] * x[i] * T.Pi;
                T w = x_barrier * x[i];
                s += w * x_barrier;
            }
            return s;
            """),
        ("Backwards", """
            T t = T.Zero, u = T.Zero;
            for (int i = 0; i < x.Length; i++)
            {
                t = t + u * u;
                u = x[i];
            }
            return t;
            """),
    ];

    // Generated again by every test, not cached: Stryker's per-test coverage credits the generator's code only to
    // the tests that run it, so a test reading a cached result would never be run against a generator mutant.
    private static Type Compile()
    {
        var source = new System.Text.StringBuilder(GeneratorHarness.Usings);
        source.AppendLine("public static partial class Constructs");
        source.AppendLine("{");
        foreach ((string name, string body) in Cases)
        {
            source.AppendLine("    [Differentiable]");
            source.AppendLine($"    public static T {name}<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>");
            source.AppendLine("    {");
            source.AppendLine(body);
            source.AppendLine("    }");
        }
        source.AppendLine("""
                [Differentiable]
                public static void Tail<T>(ReadOnlySpan<T> x, Span<T> y) where T : IFloatingPointIeee754<T>
                {
                    T s = T.Zero;
                    for (int i = 0; i < x.Length; i++)
                        s += x[i] * x[i];
                    y[0] = s;
                }
                [Differentiable]
                public static void DeadLoop<T>(ReadOnlySpan<T> x, Span<T> y) where T : IFloatingPointIeee754<T>
                {
                    y[0] = x[0] * x[1];
                    T s = T.Zero;
                    for (int i = 0; i < x.Length; i++)
                        s += x[i];
                }
                [Differentiable]
                public static void Outputs<T>(ReadOnlySpan<T> x, Span<T> y) where T : IFloatingPointIeee754<T>
                {
                    y[0] = T.One;
                    y[0] -= x[0] * x[1];
                    y[1] = x[2] * x[2];
                    y[1] += T.CreateChecked(2);
                    y[1] -= x[0];
                }
                [Differentiable]
                public static T Weighted<T>(ReadOnlySpan<T> x, T[] w) where T : IFloatingPointIeee754<T>
                {
                    T s = T.Zero;
                    for (int i = 0; i < x.Length; i++)
                        s += w[i] * x[i] * x[i];
                    return s;
                }
                [Differentiable]
                public static T Scalars<T>(T a, int n, double c, T b) where T : IFloatingPointIeee754<T>
                {
                    T s = a;
                    for (int i = 0; i < n; i++)
                        s = s * b + T.CreateChecked(c);
                    return s;
                }
            """);
        source.AppendLine("}");
        return GeneratorHarness.Load(source.ToString()).GetType("Constructs")!;
    }

    public static TheoryData<string> Names => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_construct_outside_the_random_grammar_has_the_tape_s_gradient(string name)
    {
        GeneratorHarness.AgreesWithTapeAndForward(Compile(), name, Rtol,
            [0.7, -0.4, 1.3], [-1.1, 0.9, 0.2], [0.5, 0.5, -0.8], [0.3, -1.2, 0.6, 1.9, -0.7]);
    }

    /// <summary>A constant T[] read as it is: Σ wᵢ xᵢ², ∂/∂xᵢ = 2 wᵢ xᵢ.</summary>
    [Theory]
    [InlineData(new[] { 0.5, -1.5, 2.0 }, new[] { 3.0, 0.25, -1.0 })]
    [InlineData(new[] { -0.7 }, new[] { 1.5 })]
    public void A_constant_T_array_is_read_as_it_is(double[] x, double[] w)
    {
        var grad = GeneratorHarness.Method<GradientWithDataFunction>(Compile(), "Weighted_Grad", typeof(double));
        var gradient = new double[x.Length];
        double value = grad(x, w, gradient);
        AssertClose(x.Select((xi, i) => w[i] * xi * xi).Sum(), value, Rtol, "value");
        for (int i = 0; i < x.Length; i++)
            AssertClose(2 * w[i] * x[i], gradient[i], Rtol, $"∂/∂x{i}");
    }

    /// <summary>
    /// In-place forms whose last loop is followed by an output write (y₀ = Σ xᵢ²) or by nothing (a loop whose result
    /// is never read, after y₀ = x₀x₁): neither loop is fused with its sweep, and both have their closed-form VJPs.
    /// </summary>
    [Fact]
    public void In_place_forms_ending_after_or_with_their_last_loop_have_their_closed_form_vjps()
    {
        Type constructs = Compile();
        VjpFunction Form(string name) => GeneratorHarness.Method<VjpFunction>(constructs, name + "_Vjp", typeof(double));
        double[] x = [0.5, -1.25, 2.0];
        var y = new double[1];
        var gradient = new double[x.Length];
        Form("Tail")(x, y, [1.5], gradient);
        AssertClose(x.Sum(v => v * v), y[0], Rtol, "Tail y₀");
        for (int i = 0; i < x.Length; i++)
            AssertClose(2 * x[i] * 1.5, gradient[i], Rtol, $"Tail ∂/∂x{i}");
        Form("DeadLoop")(x, y, [1.5], gradient);
        AssertClose(x[0] * x[1], y[0], Rtol, "DeadLoop y₀");
        Assert.Equal([1.5 * x[1], 1.5 * x[0], 0.0], gradient);
    }

    /// <summary>
    /// Outputs written with =, += and -=, of constants too: y = (1 − x₀x₁, x₂² + 2 − x₀), so
    /// Jᵀū = (−ū₀x₁ − ū₁, −ū₀x₀, 2x₂ū₁).
    /// </summary>
    [Theory]
    [InlineData(0.5, -1.25, 2.0, 1.5, -0.75)]
    [InlineData(-0.3, 0.8, -1.1, 0.0, 2.0)]
    public void Outputs_written_with_every_operator_have_their_closed_form_vjp(double x0, double x1, double x2, double u0, double u1)
    {
        var vjp = GeneratorHarness.Method<VjpFunction>(Compile(), "Outputs_Vjp", typeof(double));
        double[] x = [x0, x1, x2], y = new double[2], gradient = new double[3];
        vjp(x, y, [u0, u1], gradient);
        AssertClose(1 - x0 * x1, y[0], Rtol, "y₀");
        AssertClose(x2 * x2 + 2 - x0, y[1], Rtol, "y₁");
        AssertClose(-u0 * x1 - u1, gradient[0], Rtol, "x̄₀");
        AssertClose(-u0 * x0, gradient[1], Rtol, "x̄₁");
        AssertClose(2 * x2 * u1, gradient[2], Rtol, "x̄₂");
    }

    private delegate T Scalars<T>(T a, int n, double c, T b);

    private delegate T ScalarsAdjoint<T>(T a, int n, double c, T b, ref T aBar, ref T bBar, T seed);

    /// <summary>Int and double constants between T parameters: passed through, not differentiated.</summary>
    [Theory]
    [InlineData(0.8, 3, 0.5, 1.1)]
    [InlineData(-1.5, 0, 2.0, 0.3)]
    [InlineData(0.2, 5, -1.0, -0.9)]
    public void Constants_between_scalar_parameters_are_passed_through(double a, int n, double c, double b)
    {
        Type constructs = Compile();
        var adjoint = constructs.GetMethod("Scalars_Adjoint")!.MakeGenericMethod(typeof(double)).CreateDelegate<ScalarsAdjoint<double>>();
        var dual = constructs.GetMethod("Scalars")!.MakeGenericMethod(typeof(Dual<double>)).CreateDelegate<Scalars<Dual<double>>>();
        double aBar = 0.25, bBar = -0.5;
        double value = adjoint(a, n, c, b, ref aBar, ref bBar, 2.0);
        // The closed form s = a bⁿ + c Σ_{k<n} bᵏ, and forward mode for the partials.
        AssertClose(a * Math.Pow(b, n) + c * Enumerable.Range(0, n).Sum(k => Math.Pow(b, k)), value, Rtol, "value");
        AssertClose(0.25 + 2 * Autodiff.Forward.Derivative(v => dual(v, n, c, new Dual<double>(b, 0)), a), aBar, Rtol, "ā");
        AssertClose(-0.5 + 2 * Autodiff.Forward.Derivative(v => dual(new Dual<double>(a, 0), n, c, v), b), bBar, Rtol, "b̄");
    }
}
