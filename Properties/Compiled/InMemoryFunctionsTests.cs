using System.Reflection;
using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;
using static Autodiff.Properties.Support.Tolerance;
using static Autodiff.Properties.Compiled.GeneratorHarness;

namespace Autodiff.Properties.Compiled;

/// <summary>
/// <see cref="CompiledFunctions"/> generated again, in memory, by the generator this test host runs
/// (<see cref="GeneratorHarness"/>), compiled and loaded, and held to the tape and forward mode. The
/// <see cref="CompiledAdjointTests"/> run the same methods as generated when this project was built; these run the
/// generator itself, so every form it writes (<c>_Grad</c> with its NaN rerun, <c>_Vjp</c>, <c>_Adjoint</c> with
/// <c>ref</c> adjoints, constant data, the registration for <c>Reverse.Grad</c>) is checked on what it writes now.
/// </summary>
public sealed class InMemoryFunctionsTests
{
    private const double Rtol = 1e-12;

    // Generated again by every test, not cached: Stryker's per-test coverage credits the generator's code only to
    // the tests that run it, so a test reading a cached result would never be run against a generator mutant.
    private static Type Load() =>
        GeneratorHarness.Load(File.ReadAllText(Repository.Path("Properties", "Compiled", "CompiledFunctions.cs")), "global using System;")
            .GetType("Autodiff.Properties.Compiled.CompiledFunctions")!;

    private delegate void InPlace<T>(ReadOnlySpan<T> x, Span<T> y);

    private delegate T WithData<T>(ReadOnlySpan<T> x, double[] a);

    private delegate T Scalar<T>(T x);

    private delegate T ScalarAdjoint<T>(T x, ref T xBar, T resultBar);

    private delegate T Binary<T>(T a, T b);

    private delegate T BinaryAdjoint<T>(T a, T b, ref T aBar, ref T bBar, T resultBar);

    private static Arbitrary<double[]> Points(int min, int max) =>
        Arb.From(from n in Gen.Choose(min, max) from x in Gen.ArrayOf(Cases.In(-2, 2), n) select x);

    /// <summary>The generated gradient, the tape's and forward mode's, and the value, at x.</summary>
    private static void AssertGradient(Type functions, string name, double[] x)
    {
        var compiled = Method<GradientFunction>(functions, name + "_Grad", typeof(double));
        var tracked = Method<ScalarFunction<Tracked<double>>>(functions, name, typeof(Tracked<double>));
        var dual = Method<ScalarFunction<Dual<double>>>(functions, name, typeof(Dual<double>));
        var gradient = new double[x.Length];
        double value = compiled(x, gradient);
        (double tapeValue, double[] tape) = Autodiff.Reverse.ValueAndGrad<double>(v => tracked(v), x);
        AssertClose(tapeValue, value, Rtol, $"{name} value");
        double[] forward = Autodiff.Forward.Gradient(dual, x);
        for (int j = 0; j < x.Length; j++)
        {
            AssertClose(tape[j], gradient[j], Rtol, $"{name} ∂f/∂x{j} vs tape");
            if (double.IsFinite(forward[j]))
                AssertClose(forward[j], gradient[j], Rtol, $"{name} ∂f/∂x{j} vs forward");
        }
    }

    [Theory]
    [InlineData("Rosenbrock")]
    [InlineData("Nested")]
    [InlineData("Branches")]
    [InlineData("SqrtTrapSum")]
    [InlineData("SqrtTrapPair")]
    public void Generated_gradients_agree_with_the_tape_and_forward_mode(string name)
    {
        Type functions = Load();
        // √ of a negative number is NaN in every mode: the traps' points are taken in absolute value.
        Verify.ForAll(Points(2, 7), x => AssertGradient(functions, name, name.StartsWith("SqrtTrap", StringComparison.Ordinal) ? [.. x.Select(Math.Abs)] : x));
    }

    /// <summary>
    /// At the traps (√0 times 0) the plain products give NaN, so the fast variant must see it and rerun the exact one,
    /// where a zero factor wins as on the tape; away from them the plain products stand.
    /// </summary>
    [Theory]
    [InlineData("SqrtTrap", new[] { 0.0, 0.0 }, new[] { 0.0, 0.0 })]
    [InlineData("SqrtTrap", new[] { 4.0, 3.0 }, new[] { 0.75, 2.0 })]
    [InlineData("SqrtTrapSum", new[] { 1.0, 4.0, 0.0, 0.0 }, new[] { 4.0, 0.25, 0.0, 0.0 })]
    [InlineData("SqrtTrapPair", new[] { 0.0, 1.0 }, new[] { 0.0, 2.0 })]
    [InlineData("SqrtTrapPair", new[] { 1.0, 1.0, 0.0, 0.5 }, new[] { 0.0, 0.0, 0.0, 1.0 })]
    public void A_zero_factor_wins_over_an_infinite_partial_as_on_the_tape(string name, double[] x, double[] expected)
    {
        Type functions = Load();
        var compiled = Method<GradientFunction>(functions, name + "_Grad", typeof(double));
        var tracked = Method<ScalarFunction<Tracked<double>>>(functions, name, typeof(Tracked<double>));
        var gradient = new double[x.Length];
        gradient.AsSpan().Fill(double.NaN);   // _Grad overwrites the buffer
        compiled(x, gradient);
        Assert.Equal(expected, gradient);
        Assert.Equal(Autodiff.Reverse.Grad<double>(v => tracked(v), x), gradient);
    }

    [Fact]
    public void The_in_place_form_gives_the_tape_s_vector_Jacobian_product()
    {
        Type functions = Load();
        Verify.ForAll(Points(1, 8), x =>
        {
            var vjp = Method<VjpFunction>(functions, "Residuals_Vjp", typeof(double));
            var tracked = Method<InPlace<Tracked<double>>>(functions, "Residuals", typeof(Tracked<double>));
            double[] u = [.. x.Select((xi, i) => Math.Cos(3 * xi + i))];
            double[] y = new double[x.Length], gradient = new double[x.Length], tapeY = new double[x.Length];
            y.AsSpan().Fill(double.NaN);
            gradient.AsSpan().Fill(double.NaN);
            vjp(x, y, u, gradient);
            Pullback<double> pullback = Autodiff.Reverse.Vjp<double>((v, w) => tracked(v, w), x, tapeY);
            Assert.Equal(tapeY, y);
            double[] expected = pullback.Invoke(u);
            for (int j = 0; j < x.Length; j++)
                AssertClose(expected[j], gradient[j], Rtol, $"ūᵀJ [{j}]");
        });
    }

    [Fact]
    public void The_in_place_form_reruns_exactly_at_a_trap_and_refuses_buffers_of_the_wrong_length()
    {
        Type functions = Load();
        var vjp = Method<VjpFunction>(functions, "SqrtTrapVector_Vjp", typeof(double));
        double[] y = new double[2], gradient = new double[2];
        vjp([0.0, 0.0], y, [1.0, 1.0], gradient);
        Assert.Equal([0.0, 1.0], gradient);
        vjp([4.0, 3.0], y, [1.0, -1.0], gradient);
        Assert.Equal([6.0, 3.0], y);
        Assert.Equal([0.75, 2.0 - 1.0], gradient);
        var cotangent = Assert.Throws<ArgumentException>(() => vjp([1.0, 2.0], new double[2], [1.0], new double[2]));
        Assert.Equal("cotangent", cotangent.ParamName);
        Assert.StartsWith("cotangent has length 1; it must have y's length 2.", cotangent.Message, StringComparison.Ordinal);
        var wrong = Assert.Throws<ArgumentException>(() => vjp([1.0, 2.0], new double[2], [1.0, 1.0], new double[3]));
        Assert.Equal("gradient", wrong.ParamName);
        Assert.StartsWith("gradient has length 3; it must have x's length 2.", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gradient_buffer_of_the_wrong_length_is_refused_naming_it()
    {
        Type functions = Load();
        var compiled = Method<GradientFunction>(functions, "Rosenbrock_Grad", typeof(double));
        var wrong = Assert.Throws<ArgumentException>(() => compiled([1.0, 2.0, 3.0], new double[2]));
        Assert.Equal("gradient", wrong.ParamName);
        Assert.StartsWith("gradient has length 2; it must have x's length 3.", wrong.Message, StringComparison.Ordinal);
    }

    /// <summary>Constant data is not differentiated: ∇ xᵀAx = (A + Aᵀ)x; such a method is not registered.</summary>
    [Fact]
    public void Constant_data_parameters_are_passed_through_and_xAx_has_gradient_A_plus_AT_x()
    {
        Type functions = Load();
        Verify.ForAll(Points(1, 6), x =>
        {
            int n = x.Length;
            double[] a = [.. Enumerable.Range(0, n * n).Select(k => Math.Sin(k + 1.0))];
            var compiled = Method<GradientWithDataFunction>(functions, "Quadratic_Grad", typeof(double));
            var plain = Method<WithData<double>>(functions, "Quadratic", typeof(double));
            var gradient = new double[n];
            Assert.Equal(plain(x, a), compiled(x, a, gradient));
            for (int i = 0; i < n; i++)
                AssertClose(Enumerable.Range(0, n).Sum(j => (a[i * n + j] + a[j * n + i]) * x[j]), gradient[i], Rtol, $"∇ xᵀAx [{i}]");
        });
    }

    /// <summary>
    /// Scalar parameters get <c>ref</c> adjoints, added to (not overwritten) and scaled by the seed: f′ of the seeds'
    /// example (−1.3604… at 0.5), and both partials of a two-argument helper, against forward mode.
    /// </summary>
    [Theory]
    [InlineData(0.5, 1.0, 0.0)]
    [InlineData(-1.25, 2.5, 0.75)]
    [InlineData(2.0, -0.5, -3.0)]
    public void Scalar_parameters_have_ref_adjoints_the_seed_times_the_derivative_added_to_them(double x, double seed, double start)
    {
        Type functions = Load();
        var adjoint = Method<ScalarAdjoint<double>>(functions, "Backprop_Adjoint", typeof(double));
        var dual = Method<Scalar<Dual<double>>>(functions, "Backprop", typeof(Dual<double>));
        double bar = start;
        double value = adjoint(x, ref bar, seed);
        Assert.Equal(Method<Scalar<double>>(functions, "Backprop", typeof(double))(x), value);
        double derivative = Autodiff.Forward.Derivative(v => dual(v), x);
        AssertClose(start + seed * derivative, bar, Rtol, "x̄ + ȳ f′(x)");
        if (x == 0.5)
            AssertClose(-1.3604, derivative, 1e-4, "f′(0.5), the seeds' figure");

        var helper = Method<BinaryAdjoint<double>>(functions, "Helper_Adjoint", typeof(double));
        var helperDual = Method<Binary<Dual<double>>>(functions, "Helper", typeof(Dual<double>));
        double aBar = start, bBar = -start, b = seed - x;
        helper(x, b, ref aBar, ref bBar, seed);
        AssertClose(start + seed * Autodiff.Forward.Derivative(v => helperDual(v, new Dual<double>(b, 0)), x), aBar, Rtol, "ā");
        AssertClose(-start + seed * Autodiff.Forward.Derivative(v => helperDual(new Dual<double>(x, 0), v), b), bBar, Rtol, "b̄");
    }

    /// <summary>The generated adjoint is generic: on dual numbers it gives H v, as Hessian.Hvp on the tape does.</summary>
    [Fact]
    public void Forward_over_the_generated_adjoint_gives_Hessian_vector_products()
    {
        Type functions = Load();
        Verify.ForAll(Points(2, 6), x =>
        {
            double[] v = [.. x.Select((_, i) => Math.Sin(i + 0.5))];
            Dual<double>[] point = [.. x.Select((xi, i) => new Dual<double>(xi, v[i]))];
            var gradient = new Dual<double>[x.Length];
            functions.GetMethod("Nested_Grad")!.MakeGenericMethod(typeof(Dual<double>))
                .CreateDelegate<DualGradient>()(point, gradient);
            var tracked = Method<ScalarFunction<Tracked<Dual<double>>>>(functions, "Nested", typeof(Tracked<Dual<double>>));
            double[] tape = Hessian.Hvp<double>(w => tracked(w), x, v);
            for (int j = 0; j < x.Length; j++)
                AssertClose(tape[j], gradient[j].Tangent, 1e-10, $"(H v) [{j}]");
        });
    }

    private delegate Dual<double> DualGradient(ReadOnlySpan<Dual<double>> x, Span<Dual<double>> gradient);

    /// <summary>Handed the method group of the loaded T F(ReadOnlySpan&lt;T&gt;), Reverse.Grad runs its generated gradient.</summary>
    [Fact]
    public void The_generated_gradient_registers_itself_for_the_method_group()
    {
        Type functions = Load();
        var tracked = Method<ScalarFunction<Tracked<double>>>(functions, "Rosenbrock", typeof(Tracked<double>));
        double[] x = [1.5, -0.5, 0.25, 2, -1];
        var gradient = new double[x.Length];
        Method<GradientFunction>(functions, "Rosenbrock_Grad", typeof(double))(x, gradient);
        Assert.NotNull(Autodiff.Compiled.Find(tracked));
        Assert.Equal(gradient, Autodiff.Compiled.Grad(Method<ScalarFunction<double>>(functions, "Rosenbrock", typeof(double)), x));
        // Constant data (Quadratic) or an in-place form (Residuals) is not a ScalarFunction: nothing to register.
        Assert.Null(functions.GetMethod("Quadratic_RegisterAdjoint", BindingFlags.NonPublic | BindingFlags.Static));
        Assert.NotNull(functions.GetMethod("Rosenbrock_RegisterAdjoint", BindingFlags.NonPublic | BindingFlags.Static));
    }
}
