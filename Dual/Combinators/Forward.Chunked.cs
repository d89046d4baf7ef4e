using System.Numerics;

namespace Autodiff;

// Chunk mode (ForwardDiff's): gradients and Jacobians on MultiDual, K = 4 directions per evaluation.
public static partial class Forward
{
    /// <summary>
    /// The gradient ∇f(x) = [∂f/∂x₁ … ∂f/∂xₙ] of f: ℝⁿ → ℝ, from ⌈n/K⌉ evaluations on <see cref="MultiDual{T}"/>
    /// (K = <see cref="MultiDual{T}.Width"/>): pass j seeds x + Σ_{i&lt;K} e_{jK+i} ε_i, so its result's component i
    /// is ∂f/∂x_{jK+i}. Bit-identical to <see cref="Gradient{T}"/>, which takes n evaluations.
    /// </summary>
    /// <exception cref="ArgumentException">x is empty.</exception>
    public static T[] GradientChunked<T>(ScalarFunction<MultiDual<T>> f, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Require.NotEmpty(x, nameof(x));
        long tag = Perturbation.Fresh();
        MultiDual<T>[] input = SeedChunks(x, tag);
        var gradient = new T[x.Length];
        for (int start = 0; start < x.Length; start += MultiDual<T>.Width)
        {
            int width = Chunk(input, x, start, tag, seeded: true);
            MultiDual<T> y = f(input);
            for (int i = 0; i < width; i++)
                gradient[start + i] = y.TangentFor(i, tag);
            Chunk(input, x, start, tag, seeded: false);
        }
        return gradient;
    }

    /// <summary>
    /// The m×n Jacobian J_ij = ∂f_i/∂x_j of f: ℝⁿ → ℝᵐ, from ⌈n/K⌉ evaluations on <see cref="MultiDual{T}"/>, each
    /// giving K columns (pass j: columns jK … jK + K − 1). Bit-identical to <see cref="Jacobian{T}(VectorFunction{Dual{T}}, ReadOnlySpan{T})"/>.
    /// </summary>
    /// <exception cref="ArgumentException">x is empty, or f returns no outputs or a different number on different calls.</exception>
    public static T[,] JacobianChunked<T>(VectorFunction<MultiDual<T>> f, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Require.NotEmpty(x, nameof(x));
        long tag = Perturbation.Fresh();
        MultiDual<T>[] input = SeedChunks(x, tag);
        T[,]? jacobian = null;
        for (int start = 0; start < x.Length; start += MultiDual<T>.Width)
        {
            int width = Chunk(input, x, start, tag, seeded: true);
            MultiDual<T>[] columns = Require.Arity(f(input), jacobian?.GetLength(0), nameof(f));
            jacobian ??= new T[columns.Length, x.Length];
            for (int r = 0; r < columns.Length; r++)
                for (int i = 0; i < width; i++)
                    jacobian[r, start + i] = columns[r].TangentFor(i, tag);
            Chunk(input, x, start, tag, seeded: false);
        }
        return jacobian!;
    }

    // The inputs x with zero tangents, all carrying the differentiation's tag.
    private static MultiDual<T>[] SeedChunks<T>(ReadOnlySpan<T> x, long tag) where T : IFloatingPointIeee754<T>
    {
        var input = new MultiDual<T>[x.Length];
        for (int k = 0; k < x.Length; k++)
            input[k] = new(x[k], Partials<T>.Zero, tag);
        return input;
    }

    // Seeds (or clears) the chunk of inputs start … start + width − 1: input start + i gets e_i in its tangent. The
    // last chunk may be narrower than K; its unused directions stay zero. Returns the width.
    private static int Chunk<T>(MultiDual<T>[] input, ReadOnlySpan<T> x, int start, long tag, bool seeded)
        where T : IFloatingPointIeee754<T>
    {
        int width = Math.Min(MultiDual<T>.Width, x.Length - start);
        for (int i = 0; i < width; i++)
            input[start + i] = new(x[start + i], seeded ? Partials<T>.Unit(i) : Partials<T>.Zero, tag);
        return width;
    }
}
