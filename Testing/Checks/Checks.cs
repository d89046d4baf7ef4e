namespace Autodiff.Testing;

/// <summary>
/// Ready-made properties of derivatives, as functions a user calls on their own code inside a property of any test
/// framework: each computes both sides of an identity at a point and returns a <see cref="GradCheckReport"/>
/// (call <see cref="GradCheckReport.ThrowIfFailed"/>, or read <see cref="GradCheckReport.Passed"/> in an FsCheck
/// property). Custom rules are checked in <c>Checks.UnaryRule</c> and <c>Checks.VjpRule</c>.
/// </summary>
public static partial class Checks
{
    /// <summary>Forward = reverse: ∇f at x by forward mode (one Dual sweep per input) and by reverse mode (one
    /// Tracked sweep) agree entry by entry.</summary>
    /// <exception cref="ArgumentException">f or x is null, or x is empty or not finite.</exception>
    public static GradCheckReport ForwardEqualsReverse<TF>(TF f, double[] x, Tolerances? tolerances = null) where TF : IScalarFunction
    {
        Arguments.NotNull(f, nameof(f));
        Arguments.Vector(x, nameof(x));
        var comparisons = new Comparisons(tolerances);
        comparisons.Add("forward ∇f vs reverse ∇f", Forward.Gradient(f.F<Dual<double>>, x), Reverse.Grad(f.F<Tracked<double>>, x));
        return comparisons.Report($"forward = reverse at x = {Printer.Vector(x)}");
    }

    /// <summary>
    /// JVP/VJP adjointness of f: ℝⁿ → ℝᵐ at x: ⟨ū, J v⟩ = ⟨Jᵀū, v⟩, the forward JVP along v against the reverse VJP of ū
    /// (the two modes are each other's transpose).
    /// </summary>
    /// <exception cref="ArgumentException">f, x, v or u is null, empty or not finite, v's length is not x's, or u's
    /// length is not the number of outputs.</exception>
    public static GradCheckReport Adjoint<TF>(TF f, double[] x, double[] v, double[] u, Tolerances? tolerances = null) where TF : IVectorFunction
    {
        Arguments.NotNull(f, nameof(f));
        Arguments.Vector(x, nameof(x));
        Arguments.Vector(v, nameof(v), x.Length);
        // Stryker disable once Statement : the length check after the JVP refuses it too, by the same name; this check only fails before any work.
        Arguments.Vector(u, nameof(u));
        (double[] y, double[] jv) = Forward.Jvp(f.F<Dual<double>>, x, v);
        Arguments.Vector(u, nameof(u), y.Length);
        double[] jtu = Reverse.Vjp(f.F<Tracked<double>>, x).Pullback.Invoke(u);
        var comparisons = new Comparisons(tolerances);
        comparisons.Add("⟨ū, J v⟩ vs ⟨Jᵀū, v⟩", "", Vectors.Dot(u, jv), Vectors.Dot(jtu, v));
        return comparisons.Report($"adjointness at x = {Printer.Vector(x)}, v = {Printer.Vector(v)}, ū = {Printer.Vector(u)}");
    }

    /// <summary>
    /// The chain rule for g ∘ f at x, f: ℝⁿ → ℝᵐ (inner) and g: ℝᵐ → ℝ (outer): ∇(g∘f)(x) by reverse mode through the
    /// composition equals J_f(x)ᵀ ∇g(f(x)), the forward Jacobian of f times the reverse gradient of g.
    /// </summary>
    /// <exception cref="ArgumentException">inner, outer or x is null, or x is empty or not finite.</exception>
    public static GradCheckReport ChainRule<TInner, TOuter>(TInner inner, TOuter outer, double[] x, Tolerances? tolerances = null)
        where TInner : IVectorFunction where TOuter : IScalarFunction
    {
        Arguments.NotNull(inner, nameof(inner));
        Arguments.NotNull(outer, nameof(outer));
        Arguments.Vector(x, nameof(x));
        var composed = new Composed<TInner, TOuter>(inner, outer);
        double[] direct = Reverse.Grad(composed.F<Tracked<double>>, x);
        double[,] j = Forward.Jacobian(inner.F<Dual<double>>, x);
        double[] g = Reverse.Grad(outer.F<Tracked<double>>, inner.F<double>(x));
        double[] chained = [.. Enumerable.Range(0, x.Length).Select(k => Enumerable.Range(0, g.Length).Sum(i => j[i, k] * g[i]))];
        var comparisons = new Comparisons(tolerances);
        comparisons.Add("∇(g∘f) vs J_fᵀ ∇g(f(x))", direct, chained);
        return comparisons.Report($"chain rule at x = {Printer.Vector(x)}");
    }

    /// <summary>Hessian symmetry of a function value f at x: hᵢⱼ = hⱼᵢ for the dense forward-over-reverse Hessian.</summary>
    /// <exception cref="ArgumentException">f or x is null, or x is empty or not finite.</exception>
    public static GradCheckReport HessianSymmetric<TF>(TF f, double[] x, Tolerances? tolerances = null) where TF : IScalarFunction
    {
        Arguments.NotNull(f, nameof(f));
        return HessianSymmetric(f.F<Tracked<Dual<double>>>, x, tolerances);
    }

    /// <summary>Hessian symmetry of f at x (a delegate on <c>Tracked&lt;Dual&lt;double&gt;&gt;</c>): hᵢⱼ = hⱼᵢ.</summary>
    /// <exception cref="ArgumentException">f or x is null, or x is empty or not finite.</exception>
    public static GradCheckReport HessianSymmetric(ScalarFunction<Tracked<Dual<double>>> f, double[] x, Tolerances? tolerances = null)
    {
        // Stryker disable once Statement : Hessian.Dense refuses it too, by the same name; this check only fails before any work.
        ArgumentNullException.ThrowIfNull(f);
        Arguments.Vector(x, nameof(x));
        var comparisons = new Comparisons(tolerances);
        HessianCheck.Symmetry(comparisons, Hessian.Dense(f, x));
        return comparisons.Report($"Hessian symmetry at x = {Printer.Vector(x)}");
    }

    // x ↦ g(f(x)).
    private readonly struct Composed<TInner, TOuter>(TInner inner, TOuter outer) : IScalarFunction
        where TInner : IVectorFunction where TOuter : IScalarFunction
    {
        public T F<T>(ReadOnlySpan<T> x) where T : System.Numerics.IFloatingPointIeee754<T> => outer.F<T>(inner.F(x));
    }
}
