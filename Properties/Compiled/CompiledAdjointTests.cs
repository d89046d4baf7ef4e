using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Compiled;

/// <summary>
/// The generator on methods of this project (<see cref="CompiledFunctions"/>): closed forms, the tape, forward
/// mode, the registry that lets <c>Reverse.Grad</c> run generated code, the vector and constant-data forms,
/// forward-over-generated-adjoint HVPs and the library's own generated adjoints (<see cref="Activation"/>).
/// </summary>
public sealed class CompiledAdjointTests
{
    private const double Rtol = 1e-12;

    private static Arbitrary<double[]> Points(int min, int max) =>
        Arb.From(from n in Gen.Choose(min, max) from x in Gen.ArrayOf(Cases.In(-2, 2), n) select x);

    private static double[] RosenbrockClosedForm(double[] x)
    {
        var g = new double[x.Length];
        for (int i = 0; i + 1 < x.Length; i += 2)
        {
            double a = x[i + 1] - x[i] * x[i];
            g[i] = -400 * a * x[i] - 2 * (1 - x[i]);
            g[i + 1] = 200 * a;
        }
        return g;
    }

    private static void AssertAll(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int j = 0; j < expected.Length; j++)
            AssertClose(expected[j], actual[j], Rtol, $"{what} [{j}]");
    }

    [Fact]
    public void Extended_Rosenbrock_with_its_loop_has_the_closed_form_gradient_at_every_length() =>
        Verify.ForAll(Points(1, 40), x =>
        {
            var gradient = new double[x.Length];
            double value = CompiledFunctions.Rosenbrock_Grad<double>(x, gradient);
            Assert.Equal(CompiledFunctions.Rosenbrock<double>(x), value);
            AssertAll(RosenbrockClosedForm(x), gradient, "∇ Rosenbrock");
            AssertAll(Autodiff.Reverse.Grad<double>(v => CompiledFunctions.Rosenbrock(v), x), gradient, "compiled vs tape");
        });

    [Fact]
    public void Reverse_Grad_handed_a_Differentiable_method_group_runs_the_generated_adjoint()
    {
        double[] x = [1.5, -0.5, 0.25, 2, -1];
        var gradient = new double[x.Length];
        double value = CompiledFunctions.Rosenbrock_Grad<double>(x, gradient);
        Assert.NotNull(Autodiff.Compiled.Find(new ScalarFunction<Tracked<double>>(CompiledFunctions.Rosenbrock)));
        (double dispatchedValue, double[] dispatched) = Autodiff.Reverse.ValueAndGrad<double>(CompiledFunctions.Rosenbrock, x);
        Assert.Equal(value, dispatchedValue);
        Assert.Equal(gradient, dispatched);
        Assert.Equal(gradient, Autodiff.Compiled.Grad<double>(CompiledFunctions.Rosenbrock, x));
        // A lambda is no method group: the tape runs (and agrees).
        Assert.Null(Autodiff.Compiled.Find(new ScalarFunction<Tracked<double>>(v => CompiledFunctions.Rosenbrock(v))));
        // A method without [Differentiable] has no compiled adjoint.
        Assert.Null(Autodiff.Compiled.Find(new ScalarFunction<Tracked<double>>(TestFunctions.SumOfSquares)));
        Refusals.Refused("f", () => Autodiff.Compiled.ValueAndGrad<double>(TestFunctions.SumOfSquares, x),
            "SumOfSquares has no compiled adjoint: mark it [Differentiable] (in a partial class) and pass it as a method group");
        Refusals.Refused<ArgumentNullException>("f", () => Autodiff.Compiled.ValueAndGrad<double>(null!, x));
        Assert.Equal("f", Assert.Throws<ArgumentException>(() => Autodiff.Compiled.Grad<double>(TestFunctions.SumOfSquares, x)).ParamName);
        Assert.Throws<ArgumentException>(() => Autodiff.Compiled.Grad<double>(CompiledFunctions.Rosenbrock, []));
        Assert.Throws<ArgumentException>(() => CompiledFunctions.Rosenbrock_Grad<double>(x, new double[2]));
    }

    [Fact]
    public void Registering_refuses_a_method_that_is_not_generic_and_a_null_function_is_named_before_an_empty_x()
    {
        System.Reflection.MethodInfo abs = typeof(Math).GetMethod(nameof(Math.Abs), [typeof(double)])!;
        Refusals.Refused("method", () => Autodiff.Compiled.Register(abs, new NoGradient()), "Abs is not a generic method.");
        Refusals.Refused<ArgumentNullException>("f", () => Autodiff.Compiled.ValueAndGrad<double>(null!, []));
    }

    // A gradient never run: the registration it is offered with is refused.
    private sealed class NoGradient : ICompiledGradient
    {
        public T ValueAndGrad<T>(ReadOnlySpan<T> x, Span<T> gradient) where T : System.Numerics.IFloatingPointIeee754<T> =>
            throw new NotSupportedException();
    }

    [Fact]
    public void Nested_loops_branches_calls_and_carried_values_agree_with_the_tape_and_forward_mode() =>
        Verify.ForAll(Points(2, 7), x =>
        {
            var gradient = new double[x.Length];
            double value = CompiledFunctions.Nested_Grad<double>(x, gradient);
            (double tapeValue, double[] tape) = Autodiff.Reverse.ValueAndGrad<double>(v => CompiledFunctions.Nested(v), x);
            AssertClose(tapeValue, value, Rtol, "value");
            AssertAll(tape, gradient, "compiled vs tape");
            // Forward mode is the second oracle where its own answer is finite. At one random point (this stop's CI
            // run) three partials were at the underflow threshold (~1e-302 forward, ~1e-304 reverse: subnormal
            // products lose their digits differently in each mode) and forward answered NaN for one of them, where
            // the tape and the compiled adjoint agreed on 7.4e-305; the tape remains the oracle there.
            double[] forward = Autodiff.Forward.Gradient<double>(CompiledFunctions.Nested, x);
            for (int j = 0; j < forward.Length; j++)
                if (double.IsFinite(forward[j]))
                    AssertClose(forward[j], gradient[j], Rtol, $"compiled vs forward [{j}]");
        });

    [Fact]
    public void The_in_place_vector_form_gives_the_tape_s_vector_Jacobian_product() =>
        Verify.ForAll(Points(1, 8), x =>
        {
            double[] u = [.. x.Select((xi, i) => Math.Cos(3 * xi + i))];
            double[] y = new double[x.Length], gradient = new double[x.Length], tapeY = new double[x.Length];
            CompiledFunctions.Residuals_Vjp<double>(x, y, u, gradient);
            Pullback<double> pullback = Autodiff.Reverse.Vjp<double>((v, w) => CompiledFunctions.Residuals(v, w), x, tapeY);
            Assert.Equal(tapeY, y);
            AssertAll(pullback.Invoke(u), gradient, "ūᵀJ compiled vs tape");
        });

    [Fact]
    public void Constant_data_parameters_are_not_differentiated_and_xAx_has_gradient_A_plus_AT_x() =>
        Verify.ForAll(Points(1, 6), x =>
        {
            int n = x.Length;
            double[] a = [.. Enumerable.Range(0, n * n).Select(k => Math.Sin(k + 1.0))];
            var gradient = new double[n];
            CompiledFunctions.Quadratic_Grad<double>(x, a, gradient);
            double[] expected = [.. Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Sum(j => (a[i * n + j] + a[j * n + i]) * x[j]))];
            AssertAll(expected, gradient, "∇ xᵀAx");
        });

    [Fact]
    public void Least_squares_has_gradient_two_AT_times_the_residual() =>
        Verify.ForAll(Points(1, 5), theta =>
        {
            int n = theta.Length, m = n + 2;
            double[] a = [.. Enumerable.Range(0, m * n).Select(k => Math.Cos(0.7 * k + 0.2))];
            double[] b = [.. Enumerable.Range(0, m).Select(i => Math.Sin(i + 0.3))];
            var gradient = new double[n];
            CompiledFunctions.LeastSquares_Grad<double>(theta, a, b, gradient);
            double[] residual = [.. Enumerable.Range(0, m).Select(i => Enumerable.Range(0, n).Sum(j => a[i * n + j] * theta[j]) - b[i])];
            AssertAll([.. Enumerable.Range(0, n).Select(j => 2 * Enumerable.Range(0, m).Sum(i => a[i * n + j] * residual[i]))], gradient, "∇‖Aθ − b‖²");
        });

    [Fact]
    public void The_seeds_backprop_example_and_the_MLP_loss_agree_with_the_tape()
    {
        double bar = 0;
        double value = CompiledFunctions.Backprop_Adjoint(0.5, ref bar, 1.0);
        Assert.Equal(CompiledFunctions.Backprop(0.5), value);
        AssertClose(Autodiff.Forward.Derivative<double>(CompiledFunctions.Backprop, 0.5), bar, Rtol, "f′(0.5)");
        AssertClose(-1.3604, bar, 1e-4, "f′(0.5), the seeds' figure");

        double[] inputs = [0.5, -1, 1.5, 0.25, -0.75, 2, 0, 1];
        double[] targets = [0.3, -0.2, 0.9, 0.1];
        const int hidden = 3;
        double[] theta = [.. Enumerable.Range(0, 4 * hidden + 1).Select(k => 0.3 * Math.Sin(1.7 * k + 0.4))];
        var gradient = new double[theta.Length];
        CompiledFunctions.MlpLoss_Grad<double>(theta, inputs, targets, hidden, gradient);
        double[] tape = Autodiff.Reverse.Grad<double>(v => CompiledFunctions.MlpLoss(v, inputs, targets, hidden), theta);
        AssertAll(tape, gradient, "∇ MLP loss");
    }

    [Fact]
    public void The_generated_adjoint_runs_on_dual_numbers_so_forward_over_it_gives_Hessian_vector_products() =>
        Verify.ForAll(Points(2, 10), x =>
        {
            double[] v = [.. x.Select((_, i) => Math.Sin(i + 0.5))];
            Dual<double>[] point = [.. x.Select((xi, i) => new Dual<double>(xi, v[i]))];
            var gradient = new Dual<double>[x.Length];
            CompiledFunctions.Rosenbrock_Grad<Dual<double>>(point, gradient);
            // A lambda keeps Hessian.Hvp on the tape (Tracked<Dual<double>>): the oracle.
            double[] tape = Hessian.Hvp<double>(v => CompiledFunctions.Rosenbrock(v), x, v);
            AssertAll(tape, [.. gradient.Select(g => g.Tangent)], "H v, forward over the compiled adjoint vs over the tape");
            // Handed the method group, Hessian.Hvp's inner Reverse.Grad runs the generated adjoint on duals itself.
            AssertAll(tape, Hessian.Hvp<double>(CompiledFunctions.Rosenbrock, x, v), "Hessian.Hvp of the method group vs the tape");
        });

    [Theory]
    [InlineData(-800.0)]
    [InlineData(-3.0)]
    [InlineData(0.0)]
    [InlineData(2.5)]
    [InlineData(800.0)]
    public void The_library_s_activations_have_generated_adjoints_sigma_prime_is_sigma_times_one_minus_sigma(double x)
    {
        double sigmoidBar = 0, softplusBar = 0, reluBar = 0;
        double sigma = Activation.Sigmoid_Adjoint(x, ref sigmoidBar, 1.0);
        Activation.Softplus_Adjoint(x, ref softplusBar, 1.0);
        Activation.Relu_Adjoint(x, ref reluBar, 2.0);
        AssertClose(sigma * (1 - sigma), sigmoidBar, Rtol, "σ′", floor: 1e-300);
        AssertClose(sigma, softplusBar, Rtol, "softplus′ = σ", floor: 1e-300);
        Assert.Equal(x > 0 ? 2.0 : 0.0, reluBar);
        Assert.True(double.IsFinite(sigmoidBar) && double.IsFinite(softplusBar));
    }

    /// <summary>
    /// The generated gradients multiply plainly and rerun with ChainRule.Times when an adjoint turns NaN: at √0 times
    /// a zero they answer what the tape answers (0·∞ = 0), not NaN.
    /// </summary>
    [Fact]
    public void A_zero_factor_wins_over_an_infinite_partial_as_on_the_tape()
    {
        double[] origin = [0.0, 0.0];
        var gradient = new double[2];
        CompiledFunctions.SqrtTrap_Grad<double>(origin, gradient);
        double[] tape = Autodiff.Reverse.Grad<double>(v => CompiledFunctions.SqrtTrap(v), origin);
        Assert.Equal([0.0, 0.0], tape);
        Assert.Equal(tape, gradient);
        double[] y = new double[2], vjp = new double[2];
        CompiledFunctions.SqrtTrapVector_Vjp<double>(origin, y, [1.0, 1.0], vjp);
        Assert.Equal([0.0, 1.0], vjp);
        // Away from the trap the plain products stand: the same numbers as the tape.
        CompiledFunctions.SqrtTrap_Grad<double>([4.0, 3.0], gradient);
        Assert.Equal([3.0 / 4, 2.0], gradient);
        // In a fused loop, the trap in the second input adjoint a statement adds to.
        double[] pairs = [1.0, 4.0, 0.0, 0.0], sums = new double[4];
        CompiledFunctions.SqrtTrapSum_Grad<double>(pairs, sums);
        Assert.Equal([2.0 + 2.0, 1.0 / 4, 0.0, 0.0], sums);
        Assert.Equal(Autodiff.Reverse.Grad<double>(v => CompiledFunctions.SqrtTrapSum(v), pairs), sums);
        // …and in one computed from another's (x̄₀ = −2ā·x₀ + 0·∞ from ā = x̄₁).
        double[] pair = [0.0, 1.0], pairGradient = new double[2];
        CompiledFunctions.SqrtTrapPair_Grad<double>(pair, pairGradient);
        Assert.Equal([0.0, 2.0], pairGradient);
        Assert.Equal(Autodiff.Reverse.Grad<double>(v => CompiledFunctions.SqrtTrapPair(v), pair), pairGradient);
    }

    [Fact]
    public void The_adjoint_stack_pops_what_was_pushed_in_reverse_order_across_growth()
    {
        var stack = new AdjointStack<double>();
        for (int k = 0; k < 1000; k++)
            stack.Push(k * 0.5);
        Assert.Equal(1000, stack.Count);
        for (int k = 999; k >= 0; k--)
            Assert.Equal(k * 0.5, stack.Pop());
        Assert.Equal(0, stack.Count);
        // Drained (its storage kept) and never used: both refuse a further pop, with what went wrong.
        Refusals.Refused<InvalidOperationException>(null, () => stack.Pop(), "the reverse sweep popped more than the forward sweep pushed");
        Assert.Throws<InvalidOperationException>(() => { var empty = new AdjointStack<int>(); empty.Pop(); });
        stack.Push(1);
        stack.Dispose();
        Assert.Equal(0, stack.Count);
    }
}
