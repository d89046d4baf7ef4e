using System.Numerics;
using LanguageExt;
using LanguageExt.Common;

namespace Autodiff;

/// <summary>
/// Newton and Gauss–Newton steps: the second-order model of the seeds' "Hessian structure and curvature-aware
/// updates". Each solves its linear system (it never inverts a matrix) and returns <see cref="Fin{A}"/>: a point
/// where the system is singular is a legitimate outcome, reported as a failure that names the problem. A step is an
/// immutable <see cref="Arr{A}"/>, so a result prints its entries (<c>Succ([-0.5, 1])</c>); on the common path,
/// <see cref="FinResults.ValueOrThrow{A}(Fin{A})"/> reads it directly.
/// </summary>
public static class Newton
{
    /// <summary>
    /// The Newton step Δ* = −∇²f(x)⁻¹ ∇f(x)ᵀ, the minimiser of the quadratic model
    /// f(x) + ∇f Δ + ½ Δᵀ∇²f Δ, solving ∇²f Δ = −∇fᵀ with the gradient and Hessian from n forward-over-reverse passes.
    /// </summary>
    /// <returns>Δ*, or a failure when ∇²f(x) is singular or ∇f(x) or ∇²f(x) has a NaN or infinite entry.</returns>
    /// <exception cref="ArgumentException">f is null, or x is empty or has a NaN or infinite entry.</exception>
    public static Fin<Arr<T>> Step<T>(ScalarFunction<Tracked<Dual<T>>> f, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        Finite.Require(x, nameof(x));
        (T[] gradient, T[,] hessian) = GradientAndHessian(f, x);
        // Solve would reject a non-finite system as a bad argument named a or b; here it is f's answer at x.
        if (!Finite.All(gradient, hessian))
            return Error.New("The gradient or the Hessian of f at x has a NaN or infinite entry; the Newton step is undefined.");
        return Solve.Linear(hessian, Array.ConvertAll(gradient, g => -g));
    }

    /// <summary>
    /// The Gauss–Newton step for L(θ) = ½‖r(θ)‖²: with J = dr/dθ, ∇L = rᵀJ and ∇²L ≈ JᵀJ (dropping Σ rᵢ∇²rᵢ),
    /// it solves JᵀJ Δ = −Jᵀr by Cholesky. JᵀJ is positive semi-definite; a rank-deficient J, or a NaN or infinite
    /// entry of r or J, is reported as a failure.
    /// </summary>
    /// <exception cref="ArgumentException">residual is null or returns no outputs, or theta is empty or has a NaN or
    /// infinite entry.</exception>
    public static Fin<Arr<T>> GaussNewtonStep<T>(VectorFunction<Tracked<T>> residual, ReadOnlySpan<T> theta)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(residual);
        Require.NotEmpty(theta, nameof(theta));
        Finite.Require(theta, nameof(theta));
        // Reverse.Vjp checks the outputs too, but under its own parameter name f; check them here under ours.
        (T[] r, Pullback<T> pullback) = Reverse.Vjp(t => Require.Arity(residual(t), null, nameof(residual)), theta);
        int n = theta.Length;
        var rows = new T[r.Length][];
        var unit = new T[r.Length];
        unit.AsSpan().Fill(T.Zero);
        for (int i = 0; i < r.Length; i++)
        {
            unit[i] = T.One;
            rows[i] = pullback.Invoke(unit); // row i of J, one sweep of the same record
            unit[i] = T.Zero;
        }
        T[] rhs = pullback.Invoke(r); // rᵀJ = ∇L
        var normal = new T[n, n];
        for (int a = 0; a < n; a++)
        {
            rhs[a] = -rhs[a];
            for (int b = 0; b < n; b++)
            {
                T sum = T.Zero;
                foreach (T[] row in rows)
                    sum += row[a] * row[b];
                normal[a, b] = sum;
            }
        }
        // Solve would reject a non-finite system as a bad argument named a or b; here it is the residual's answer.
        if (!Finite.All(rhs, normal))
            return Error.New("The residual or its Jacobian at theta has a NaN or infinite entry; the Gauss–Newton step is undefined.");
        return Solve.Cholesky(normal, rhs);
    }

    /// <summary>∇f(x) and ∇²f(x) from n forward-over-reverse passes: pass j gives ∇f in its values and H e_j in its tangents.</summary>
    /// <exception cref="ArgumentException">x is empty.</exception>
    public static (T[] Gradient, T[,] Hessian) GradientAndHessian<T>(ScalarFunction<Tracked<Dual<T>>> f, ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Require.NotEmpty(x, nameof(x));
        int n = x.Length;
        var hessian = new T[n, n];
        var gradient = new T[n];
        long tag = Perturbation.Fresh();
        var seeded = new Dual<T>[n];
        for (int j = 0; j < n; j++)
        {
            for (int k = 0; k < n; k++)
                seeded[k] = new(x[k], k == j ? T.One : T.Zero, tag);
            Dual<T>[] pass = Reverse.Grad(f, seeded);
            for (int i = 0; i < n; i++)
            {
                gradient[i] = pass[i].Value;
                hessian[i, j] = pass[i].TangentFor(tag);
            }
        }
        return (gradient, hessian);
    }
}
