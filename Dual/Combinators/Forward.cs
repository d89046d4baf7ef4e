using System.Numerics;

namespace Autodiff;

/// <summary>
/// Forward-mode combinators: derivatives, JVPs, gradients, Jacobians, exact second derivatives, Hessians and Taylor
/// coefficients, computed by evaluating the user's generic function on <see cref="Dual{T}"/>,
/// <see cref="HyperDual{T}"/> or <see cref="Taylor{T}"/> numbers.
/// </summary>
/// <remarks>
/// Shapes follow the seeds: a gradient is the row vector ∇f = [∂f/∂x₁ … ∂f/∂xₙ] ∈ ℝ^{1×n}, returned as a
/// <c>T[]</c> of length n; a Jacobian is the m×n matrix J_ij = ∂f_i/∂x_j, returned as <c>T[m, n]</c>; a Hessian
/// is the n×n matrix H_ij = ∂²f/∂x_i∂x_j. Inputs are read-only spans (arrays convert implicitly); outputs are
/// fresh arrays the caller owns. Plain arrays keep the API free of any matrix library; the tensor API lives with
/// the matrix-calculus combinators.
/// Forward mode costs one evaluation per input direction: use it when n is small, reverse mode when m is.
/// </remarks>
public static partial class Forward
{
    /// <summary>The derivative f′(x) of f: ℝ → ℝ, from one evaluation on x + ε.</summary>
    /// <param name="f">The function, e.g. a generic method group <c>F</c> with <c>static T F&lt;T&gt;(T x)</c>.</param>
    /// <param name="x">The point.</param>
    public static T Derivative<T>(Func<Dual<T>, Dual<T>> f, T x) where T : IFloatingPointIeee754<T> =>
        ValueAndDerivative(f, x).Derivative;

    /// <summary>
    /// The derivative x′(t) = [dx₁/dt … dxₘ/dt] of a curve x: ℝ → ℝᵐ (the one column of its m×1 Jacobian), from one
    /// evaluation on t + ε.
    /// </summary>
    /// <param name="f">The curve, e.g. <c>t =&gt; [Dual&lt;double&gt;.Cos(t), Dual&lt;double&gt;.Sin(t)]</c>.</param>
    /// <param name="t">The point.</param>
    /// <exception cref="ArgumentException">f returns null or no outputs.</exception>
    public static T[] Derivative<T>(Func<Dual<T>, Dual<T>[]> f, T t) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        long tag = Perturbation.Fresh();
        Dual<T>[] x = Require.Arity(f(new Dual<T>(t, T.One, tag)), null, nameof(f));
        var velocity = new T[x.Length];
        for (int i = 0; i < x.Length; i++)
            velocity[i] = x[i].TangentFor(tag);
        return velocity;
    }

    /// <summary>The value f(x) and derivative f′(x) of f: ℝ → ℝ, from one evaluation.</summary>
    public static (T Value, T Derivative) ValueAndDerivative<T>(Func<Dual<T>, Dual<T>> f, T x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        long tag = Perturbation.Fresh();
        Dual<T> y = f(new Dual<T>(x, T.One, tag));
        return (y.Value, y.TangentFor(tag));
    }

    /// <summary>The exact second derivative f″(x) of f: ℝ → ℝ, from one evaluation on x + ε₁ + ε₂.</summary>
    public static T SecondDerivative<T>(Func<HyperDual<T>, HyperDual<T>> f, T x) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        long tag = Perturbation.Fresh();
        return f(new HyperDual<T>(x, T.One, T.One, T.Zero, tag)).E1E2For(tag);
    }

    /// <summary>
    /// The Taylor coefficients f⁽ʲ⁾(x₀)/j! for j = 0 … order of f: ℝ → ℝ, from one evaluation on a
    /// <see cref="Taylor{T}"/> series; so T_K(x₀ + h) = Σ_j c_j hʲ (see <see cref="EvaluateTaylor{T}"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">order is negative.</exception>
    public static T[] Taylor<T>(Func<Taylor<T>, Taylor<T>> f, T x0, int order) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        long tag = Perturbation.Fresh();
        Taylor<T> y = f(Autodiff.Taylor<T>.Variable(x0, order, tag)).OwnedBy(tag);
        var c = new T[order + 1];
        for (int k = 0; k <= order; k++)
            c[k] = y[k];
        return c;
    }

    /// <summary>The Taylor polynomial Σ_j c_j hʲ at the offset h = x − x₀, by Horner's rule.</summary>
    /// <exception cref="ArgumentException">No coefficients were given.</exception>
    public static T EvaluateTaylor<T>(ReadOnlySpan<T> coefficients, T h) where T : IFloatingPointIeee754<T>
    {
        Require.NotEmpty(coefficients, nameof(coefficients), "a Taylor polynomial needs at least the coefficient c₀");
        T sum = coefficients[^1];
        for (int k = coefficients.Length - 2; k >= 0; k--)
            sum = sum * h + coefficients[k];
        return sum;
    }

    /// <summary>
    /// The Jacobian-vector product of f: ℝⁿ → ℝᵐ at x along v: (f(x), J v), "one column of J", in one evaluation.
    /// </summary>
    /// <exception cref="ArgumentException">x is empty, v's length differs from x's, or f returns no outputs.</exception>
    public static (T[] Value, T[] Tangent) Jvp<T>(VectorFunction<Dual<T>> f, ReadOnlySpan<T> x, ReadOnlySpan<T> v)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Require.NotEmpty(x, nameof(x));
        Require.SameLength(x, v, nameof(x), nameof(v));
        long tag = Perturbation.Fresh();
        Dual<T>[] y = Require.Arity(f(Seed(x, v, tag)), null, nameof(f));
        return (Array.ConvertAll(y, d => d.Value), Array.ConvertAll(y, d => d.TangentFor(tag)));
    }

    /// <summary>The directional derivative ∇f(x) v of f: ℝⁿ → ℝ along v, in one evaluation.</summary>
    /// <exception cref="ArgumentException">x is empty or v's length differs from x's.</exception>
    public static T DirectionalDerivative<T>(ScalarFunction<Dual<T>> f, ReadOnlySpan<T> x, ReadOnlySpan<T> v)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Require.NotEmpty(x, nameof(x));
        Require.SameLength(x, v, nameof(x), nameof(v));
        long tag = Perturbation.Fresh();
        return f(Seed(x, v, tag)).TangentFor(tag);
    }

    /// <summary>The gradient ∇f(x) = [∂f/∂x₁ … ∂f/∂xₙ] of f: ℝⁿ → ℝ, from n evaluations (one per input).</summary>
    /// <exception cref="ArgumentException">x is empty.</exception>
    public static T[] Gradient<T>(ScalarFunction<Dual<T>> f, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Require.NotEmpty(x, nameof(x));
        long tag = Perturbation.Fresh();
        Dual<T>[] input = Seed(x, default, tag);
        var gradient = new T[x.Length];
        for (int j = 0; j < x.Length; j++)
        {
            input[j] = new(x[j], T.One, tag);
            gradient[j] = f(input).TangentFor(tag);
            input[j] = new(x[j], T.Zero, tag);
        }
        return gradient;
    }

    /// <summary>The m×n Jacobian J_ij = ∂f_i/∂x_j of f: ℝⁿ → ℝᵐ, from n JVPs (one column each).</summary>
    /// <exception cref="ArgumentException">x is empty, or f returns no outputs or a different number on different calls.</exception>
    public static T[,] Jacobian<T>(VectorFunction<Dual<T>> f, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        // Stryker disable once Boolean : serial or over the cores, the Jacobian is bit-identical (NestingByConstructionTests).
        JacobianRowMajor(f, x, parallel: false).ToMatrix(x.Length);

    /// <summary>
    /// The Jacobian as a row-major array (see <see cref="Shaped"/>), from n JVPs that run over the cores when
    /// <paramref name="parallel"/> and n is large enough; the result is bit-identical either way.
    /// </summary>
    internal static T[] JacobianRowMajor<T>(VectorFunction<Dual<T>> f, ReadOnlySpan<T> x, bool parallel)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Require.NotEmpty(x, nameof(x));
        long tag = Perturbation.Fresh();
        T[] point = x.ToArray();
        // Column 0 runs first: it fixes m, which every other column is checked against.
        Dual<T>[] first = Column(f, Seed<T>(point, default, tag), point, 0, tag, null);
        int m = first.Length;
        return FromColumns(point, m, tag, first, parallel, () => Seed<T>(point, default, tag),
            (j, input) => Column(f, input, point, j, tag, m), GC.AllocateUninitializedArray<T>(m * point.Length));
    }

    /// <summary>
    /// The Jacobian of an in-place f: ℝⁿ → ℝᵐ as a row-major array, from n JVPs over the cores when
    /// <paramref name="parallel"/> and n is large enough: each worker evaluates into its own output buffer, so a
    /// column allocates nothing. Bit-identical either way. The callers (the in-place transforms, the Hessian) have
    /// checked that x has entries and m is positive.
    /// </summary>
    internal static T[] JacobianRowMajor<T>(InPlaceFunction<Dual<T>> f, ReadOnlySpan<T> x, int m, bool parallel)
        where T : IFloatingPointIeee754<T>
    {
        T[] jacobian = GC.AllocateUninitializedArray<T>(m * x.Length);
        InPlaceColumns(f, x.ToArray(), m, parallel, jacobian);
        return jacobian;
    }

    /// <summary>
    /// The same Jacobian written into <paramref name="jacobian"/> (m·n entries, row-major): the columns go to pooled
    /// memory the workers share (a span cannot be), then one copy, so repeated calls allocate no result.
    /// </summary>
    /// <exception cref="ArgumentException">jacobian does not have m·n entries.</exception>
    internal static void JacobianRowMajor<T>(InPlaceFunction<Dual<T>> f, ReadOnlySpan<T> x, int m, Span<T> jacobian, bool parallel)
        where T : IFloatingPointIeee754<T>
    {
        Require.JacobianDestination(jacobian, m, x.Length, nameof(jacobian));
        T[] point = x.ToArray();
        PooledResult.Into(jacobian, pooled => InPlaceColumns(f, point, m, parallel, pooled));
    }

    // The columns of an in-place f's Jacobian into the first m·n entries of jacobian, row-major.
    private static void InPlaceColumns<T>(InPlaceFunction<Dual<T>> f, T[] point, int m, bool parallel, T[] jacobian)
        where T : IFloatingPointIeee754<T>
    {
        long tag = Perturbation.Fresh();
        FromColumns(point, m, tag, null, parallel, () => (Seed<T>(point, default, tag), new Dual<T>[m]), (j, buffers) =>
        {
            (Dual<T>[] input, Dual<T>[] output) = buffers;
            input[j] = new(point[j], T.One, tag);
            Array.Clear(output);
            f(input, output);
            input[j] = new(point[j], T.Zero, tag);
            return output;
        }, jacobian);
    }

    // J (row-major m×n) from its columns, into the first m·n entries of jacobian: column(j, scratch) evaluates f at
    // x + e_j ε and returns its m outputs; column 0 may be given already evaluated. Columns run over the cores when
    // parallel.
    private static T[] FromColumns<T, TScratch>(T[] x, int m, long tag, Dual<T>[]? first, bool parallel,
        Func<TScratch> scratch, Func<int, TScratch, Dual<T>[]> column, T[] jacobian) where T : IFloatingPointIeee754<T>
    {
        int n = x.Length;
        // Every entry is written below, so the result need not be zeroed first. Each column is written straight into
        // its place: Parallelism.For hands a worker runs of neighbouring columns, so two workers share a cache line of
        // J only where their runs meet, and no serial transpose (nor its pass over fresh pages) follows the columns.
        int from = 0;
        // Stryker disable once Statement : without it column 0 is evaluated again and stored: the same entries.
        if (first is not null)
            Store(first, from++);
        Parallelism.For(from, n, parallel, scratch, (j, local) => Store(column(j, local), j));
        return jacobian;

        void Store(Dual<T>[] outputs, int j)
        {
            for (int i = 0; i < m; i++)
                jacobian[i * n + j] = outputs[i].TangentFor(tag);
        }
    }

    // f at x + e_j ε: column j of J in the tangents; the input is left as it was found (all tangents zero).
    private static Dual<T>[] Column<T>(VectorFunction<Dual<T>> f, Dual<T>[] input, T[] x, int j, long tag, int? m)
        where T : IFloatingPointIeee754<T>
    {
        input[j] = new(x[j], T.One, tag);
        Dual<T>[] column = Require.Arity(f(input), m, nameof(f));
        input[j] = new(x[j], T.Zero, tag);
        return column;
    }

    /// <summary>
    /// The n×n Hessian H_ij = ∂²f/∂x_i∂x_j of f: ℝⁿ → ℝ, exactly, from n(n+1)/2 hyper-dual evaluations
    /// (seeding x + e_i ε₁ + e_j ε₂ for j ≤ i; symmetry gives the rest).
    /// </summary>
    /// <exception cref="ArgumentException">x is empty.</exception>
    public static T[,] Hessian<T>(ScalarFunction<HyperDual<T>> f, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Require.NotEmpty(x, nameof(x));
        int n = x.Length;
        long tag = Perturbation.Fresh();
        var input = new HyperDual<T>[n];
        var hessian = new T[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                for (int k = 0; k < n; k++)
                    input[k] = new(x[k], k == i ? T.One : T.Zero, k == j ? T.One : T.Zero, T.Zero, tag);
                hessian[i, j] = hessian[j, i] = f(input).E1E2For(tag);
            }
        }
        return hessian;
    }

    // The dual inputs x + v ε of one differentiation (v empty: zero tangents), all carrying its tag.
    internal static Dual<T>[] Seed<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> v, long tag) where T : IFloatingPointIeee754<T>
    {
        var input = new Dual<T>[x.Length];
        for (int k = 0; k < x.Length; k++)
            input[k] = new(x[k], v.IsEmpty ? T.Zero : v[k], tag);
        return input;
    }
}
