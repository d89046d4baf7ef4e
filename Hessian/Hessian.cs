using System.Numerics;

namespace Autodiff;

/// <summary>
/// Second-order combinators built from the two modes: Hessian-vector products in three nestings, dense Hessians,
/// Hessians of vector functions, and directional derivatives of any order.
/// </summary>
/// <remarks>
/// Nesting the number types keeps the perturbations of the two levels apart by type (Siskind &amp; Pearlmutter's
/// perturbation confusion cannot arise): the inner level is always a different type from the outer one, and a
/// value of one differentiation meeting a value of another at run time throws rather than answering wrongly.
/// </remarks>
public static class Hessian
{
    /// <summary>
    /// H_f(x) v by forward-over-reverse: the reverse gradient of f evaluated on dual numbers x + v ε, whose tangent
    /// is the directional derivative of ∇f along v. One gradient's cost (a small constant times one evaluation), and
    /// no n×n matrix.
    /// </summary>
    /// <exception cref="ArgumentException">x is empty or v's length differs from x's.</exception>
    public static T[] Hvp<T>(ScalarFunction<Tracked<Dual<T>>> f, ReadOnlySpan<T> x, ReadOnlySpan<T> v)
        where T : IFloatingPointIeee754<T>
    {
        RequireDirection(f, x, v);
        long tag = Perturbation.Fresh();
        return Array.ConvertAll(Reverse.Grad(f, Forward.Seed(x, v, tag)), g => g.TangentFor(tag));
    }

    /// <summary>
    /// H_f(x) v by reverse-over-forward: the reverse gradient of the directional derivative x ↦ ∇f(x) v, computed
    /// by a dual number over the tracked inputs. Equal to <see cref="Hvp{T}"/> (H is symmetric).
    /// </summary>
    /// <exception cref="ArgumentException">x is empty or v's length differs from x's.</exception>
    public static T[] HvpReverseOverForward<T>(ScalarFunction<Dual<Tracked<T>>> f, ReadOnlySpan<T> x, ReadOnlySpan<T> v)
        where T : IFloatingPointIeee754<T>
    {
        RequireDirection(f, x, v);
        T[] direction = v.ToArray();
        long tag = Perturbation.Fresh();
        return Reverse.Grad<T>(input =>
        {
            var seeded = new Dual<Tracked<T>>[input.Length];
            for (int j = 0; j < input.Length; j++)
                seeded[j] = new(input[j], Tracked<T>.Constant(direction[j]), tag);
            return f(seeded).TangentFor(tag);
        }, x);
    }

    /// <summary>
    /// vᵀ H_f(x) by reverse-over-reverse: the reverse gradient of x ↦ ⟨v, ∇f(x)⟩, with the inner gradient itself
    /// computed by reverse mode on <c>Tracked&lt;Tracked&lt;T&gt;&gt;</c>. The row-vector form, in the seeds'
    /// layout; equal to (H v)ᵀ for twice-differentiable f.
    /// </summary>
    /// <exception cref="ArgumentException">x is empty or v's length differs from x's.</exception>
    public static T[] Vhp<T>(ScalarFunction<Tracked<Tracked<T>>> f, ReadOnlySpan<T> x, ReadOnlySpan<T> v)
        where T : IFloatingPointIeee754<T>
    {
        RequireDirection(f, x, v);
        T[] direction = v.ToArray();
        return Reverse.Grad<T>(input =>
        {
            Tracked<T>[] gradient = Reverse.Grad(f, input.ToArray());
            Tracked<T> product = Tracked<T>.Constant(T.Zero);
            for (int j = 0; j < gradient.Length; j++)
                product += gradient[j] * Tracked<T>.Constant(direction[j]);
            return product;
        }, x);
    }

    // The checks every directional combinator makes, before any work.
    private static void RequireDirection<T>(Delegate f, ReadOnlySpan<T> x, ReadOnlySpan<T> v)
    {
        ArgumentNullException.ThrowIfNull(f);
        Require.NotEmpty(x, nameof(x));
        Require.SameLength(x, v, nameof(x), nameof(v));
    }

    /// <summary>The dense n×n Hessian from n forward-over-reverse HVPs, one column each (H e_j).</summary>
    /// <exception cref="ArgumentException">x is empty.</exception>
    public static T[,] Dense<T>(ScalarFunction<Tracked<Dual<T>>> f, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        Newton.GradientAndHessian(f, x).Hessian;

    /// <summary>
    /// The second derivative of f: ℝⁿ → ℝᵐ as an m×n×n tensor, H[i, j, k] = ∂²f_i/∂x_j∂x_k (the seeds'
    /// ∇²ₓf ∈ ℝ^{m×n×n}): for each direction e_k, the reverse Jacobian on dual numbers seeded along e_k.
    /// </summary>
    /// <exception cref="ArgumentException">x is empty or f returns no outputs.</exception>
    public static T[,,] OfVectorFunction<T>(VectorFunction<Tracked<Dual<T>>> f, ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Require.NotEmpty(x, nameof(x));
        int n = x.Length;
        long tag = Perturbation.Fresh();
        T[,,]? tensor = null;
        var seeded = new Dual<T>[n];
        for (int k = 0; k < n; k++)
        {
            for (int j = 0; j < n; j++)
                seeded[j] = new(x[j], j == k ? T.One : T.Zero, tag);
            Dual<T>[,] jacobian = Reverse.Jacobian(f, seeded);
            int m = jacobian.GetLength(0);
            if (tensor is not null && tensor.GetLength(0) != m)
                throw new ArgumentException(
                    $"The function returned {m} outputs on pass {k + 1} but {tensor.GetLength(0)} on the first: its number of outputs must not change.",
                    nameof(f));
            tensor ??= new T[m, n, n];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                    tensor[i, j, k] = jacobian[i, j].TangentFor(tag);
        }
        return tensor!;
    }

    /// <summary>
    /// The k-th directional derivative Dᵏf(x)[δ, …, δ] = dᵏ/dtᵏ f(x + tδ) at t = 0 — the k-th term of the
    /// multivariate Taylor series times k! — from one evaluation on a Taylor series of order k.
    /// </summary>
    /// <exception cref="ArgumentException">x is empty, δ's length differs from x's, or k is negative.</exception>
    public static T DirectionalDerivative<T>(ScalarFunction<Taylor<T>> f, ReadOnlySpan<T> x, ReadOnlySpan<T> delta, int k)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Require.NotEmpty(x, nameof(x));
        Require.SameLength(x, delta, nameof(x), nameof(delta));
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        long tag = Perturbation.Fresh();
        Taylor<T> t = Taylor<T>.Variable(T.Zero, k, tag);
        var line = new Taylor<T>[x.Length];
        for (int j = 0; j < x.Length; j++)
            line[j] = Taylor<T>.Constant(x[j]) + Taylor<T>.Constant(delta[j]) * t;
        return f(line).OwnedBy(tag).Derivative(k);
    }
}
