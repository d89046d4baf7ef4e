using System.Numerics.Tensors;

namespace Autodiff.Testing;

/// <summary>
/// Gradient checks of a user's own function (JAX's <c>check_grads</c>, PyTorch's <c>gradcheck</c>): the derivative by
/// forward mode, by reverse mode and by step-size-controlled differences (<see cref="Richardson"/>) at a point, every
/// pair compared entry by entry under <see cref="Tolerances"/>. Each returns a <see cref="GradCheckReport"/> of the
/// worst entries; call <see cref="GradCheckReport.ThrowIfFailed"/> in a test.
/// </summary>
/// <example><code>
/// GradCheck.Scalar(new Rosenbrock(), [1.5, -0.5]).ThrowIfFailed();
/// </code></example>
public static class GradCheck
{
    /// <summary>∇f at x for a function value f: ℝⁿ → ℝ (see the delegate overload).</summary>
    /// <exception cref="ArgumentException">f or x is null, or x is empty or not finite.</exception>
    public static GradCheckReport Scalar<TF>(TF f, double[] x, Tolerances? tolerances = null) where TF : IScalarFunction
    {
        Arguments.NotNull(f, nameof(f));
        return Scalar(f.F<Dual<double>>, f.F<Tracked<double>>, f.F<double>, x, tolerances);
    }

    /// <summary>
    /// ∇f at x for f: ℝⁿ → ℝ given as three delegates of the same generic method (pass the method group three times):
    /// the forward gradient (one <see cref="Dual{T}"/> sweep per input), the reverse gradient (one
    /// <see cref="Tracked{T}"/> sweep) and the differences of the plain function, compared pairwise for each ∂f/∂xᵢ.
    /// </summary>
    /// <exception cref="ArgumentException">A delegate or x is null, or x is empty or not finite.</exception>
    public static GradCheckReport Scalar(ScalarFunction<Dual<double>> forward, ScalarFunction<Tracked<double>> reverse,
        ScalarFunction<double> value, double[] x, Tolerances? tolerances = null)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(reverse);
        ArgumentNullException.ThrowIfNull(value);
        return Vector(p => [forward(p)], p => [reverse(p)], p => [value(p)], x, tolerances, "∇f");
    }

    /// <summary>The Jacobian J_f at x for a function value f: ℝⁿ → ℝᵐ (see the delegate overload).</summary>
    /// <exception cref="ArgumentException">f or x is null, or x is empty or not finite.</exception>
    public static GradCheckReport Vector<TF>(TF f, double[] x, Tolerances? tolerances = null) where TF : IVectorFunction
    {
        Arguments.NotNull(f, nameof(f));
        return Vector(f.F<Dual<double>>, f.F<Tracked<double>>, f.F<double>, x, tolerances);
    }

    /// <summary>
    /// The m×n Jacobian J_f at x for f: ℝⁿ → ℝᵐ given as three delegates of the same generic method: forward
    /// (columns J eⱼ), reverse (rows eᵢᵀ J) and differences, compared pairwise for each ∂fᵢ/∂xⱼ.
    /// </summary>
    /// <exception cref="ArgumentException">A delegate or x is null, x is empty or not finite, or f returns null or
    /// outputs of varying length.</exception>
    public static GradCheckReport Vector(VectorFunction<Dual<double>> forward, VectorFunction<Tracked<double>> reverse,
        VectorFunction<double> value, double[] x, Tolerances? tolerances = null) =>
        Vector(forward, reverse, value, x, tolerances, "J_f");

    // The Jacobian of f (a gradient: its one row) by the three delegates.
    private static GradCheckReport Vector(VectorFunction<Dual<double>> forward, VectorFunction<Tracked<double>> reverse,
        VectorFunction<double> value, double[] x, Tolerances? tolerances, string what)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(reverse);
        ArgumentNullException.ThrowIfNull(value);
        Arguments.Vector(x, nameof(x));
        return Jacobians(Forward.Jacobian(forward, x), Reverse.Jacobian(reverse, x), Richardson.Jacobian(p => value(p), x),
            $"{what} at x = {Printer.Vector(x)} (f: ℝ^{x.Length} → ℝ{(what == "∇f" ? "" : "ᵐ")})", tolerances);
    }

    /// <summary>
    /// The Jacobian dF/dX of a tensor function F (of a vector or matrix X) as the (pq)×(mn) matrix of its flattened
    /// entries: forward (<see cref="Tensors.Jvp{T}(Func{TensorVar{T}, TensorVar{T}}, Tensor{T}, Tensor{T})"/> along each
    /// unit tangent), reverse (<see cref="Tensors.Vjp{T}(Func{TensorVar{T}, TensorVar{T}}, Tensor{T})"/> of each unit
    /// cotangent) and differences of F on constants, compared pairwise. Custom tensor primitives
    /// (<see cref="ITensorRule{T}"/>) are checked this way: both of their rules and their value.
    /// </summary>
    /// <exception cref="ArgumentException">f or x is null, x is not a vector or matrix or not finite, or f returns
    /// null.</exception>
    public static GradCheckReport Tensor(Func<TensorVar<double>, TensorVar<double>> f, Tensor<double> x, Tolerances? tolerances = null)
    {
        // Stryker disable once Statement : Tensors.Vjp refuses it too, by the same name; this check only fails before any work.
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        nint[] lengths = x.Lengths.ToArray();
        double[] entries = Arguments.Vector(Flat(x), nameof(x));
        Tensor<double> At(double[] p) => System.Numerics.Tensors.Tensor.Create((double[])p.Clone(), lengths);
        (Tensor<double> y, TensorPullback<double> pullback) = Tensors.Vjp(f, x);
        nint[] outputLengths = y.Lengths.ToArray();
        int m = (int)y.FlattenedLength, n = entries.Length;
        var viaForward = new double[m, n];
        var viaReverse = new double[m, n];
        for (int j = 0; j < n; j++)
        {
            double[] column = Flat(Tensors.Jvp(f, x, At(Unit(n, j))).Tangent);
            for (int i = 0; i < m; i++)
                viaForward[i, j] = column[i];
        }
        for (int i = 0; i < m; i++)
        {
            double[] row = Flat(pullback.Invoke(System.Numerics.Tensors.Tensor.Create(Unit(m, i), outputLengths))[0]);
            for (int j = 0; j < n; j++)
                viaReverse[i, j] = row[j];
        }
        double[,] differences = Richardson.Jacobian(
            p => Flat((f(TensorVar<double>.Constant(At(p))) ?? throw new ArgumentException("The function returned null.", nameof(f))).ToTensor()),
            entries);
        return Jacobians(viaForward, viaReverse, differences,
            $"dF/dX at X = {Printer.Vector(entries)} of lengths [{string.Join(", ", lengths)}], flattened row-major", tolerances);
    }

    private static GradCheckReport Jacobians(double[,] viaForward, double[,] viaReverse, double[,] differences, string subject, Tolerances? tolerances)
    {
        var comparisons = new Comparisons(tolerances);
        comparisons.Add("forward vs reverse", viaForward, viaReverse);
        comparisons.Add("forward vs differences", viaForward, differences);
        comparisons.Add("reverse vs differences", viaReverse, differences);
        return comparisons.Report(subject);
    }

    private static double[] Flat(Tensor<double> t)
    {
        var entries = new double[t.FlattenedLength];
        t.FlattenTo(entries);
        return entries;
    }

    // eₖ of ℝⁿ.
    internal static double[] Unit(int n, int k)
    {
        var e = new double[n];
        e[k] = 1;
        return e;
    }
}
