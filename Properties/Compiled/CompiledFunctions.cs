using System.Numerics;

namespace Autodiff.Properties.Compiled;

/// <summary>
/// [Differentiable] methods compiled by the generator as part of this test project (it is one of its analyzers),
/// the way a user's project compiles them: each has its generated <c>_Adjoint</c> and <c>_Grad</c> or <c>_Vjp</c>.
/// </summary>
public static partial class CompiledFunctions
{
    /// <summary>Extended Rosenbrock, Σ_{i even} 100(x_{i+1} − x_i²)² + (1 − x_i)², as the benchmarks write it.</summary>
    [Differentiable]
    public static T Rosenbrock<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero, hundred = T.CreateChecked(100);
        for (int i = 0; i + 1 < x.Length; i += 2)
        {
            T a = x[i + 1] - x[i] * x[i], b = T.One - x[i];
            sum += hundred * a * a + b * b;
        }
        return sum;
    }

    /// <summary>A helper of scalars, called by <see cref="Nested{T}"/> (and of constants by <see cref="Branches{T}"/>).</summary>
    [Differentiable]
    public static T Helper<T>(T a, T b) where T : IFloatingPointIeee754<T> =>
        T.Sin(a) * b + T.Exp(b / (T.One + a * a) - T.CreateChecked(3));

    /// <summary>Nested loops, a branch per iteration, ?:, a carried product, compound assignments and a call.</summary>
    [Differentiable]
    public static T Nested<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T s = x[0] * x[1];
        T p = T.One;
        for (int i = 0; i < x.Length; i++)
        {
            p *= T.Cos(x[i]) + T.CreateChecked(2);
            if (x[i] > T.Zero)
                s += p * x[i];
            else
                s -= T.Sqrt(x[i] * x[i] + T.One);
            for (int j = 0; j < i; j++)
                s += x[j] > x[i] ? x[i] * x[j] : Helper(x[j], p);
        }
        for (int k = x.Length - 1; k >= 0; k--)
        {
            T w = s / (T.One + s * s);
            s = w + T.Tanh(x[k]) * w;
        }
        s = s * s / (T.One + s * s);
        return T.Log(T.One + s) + T.Pow(x[0] * x[0], T.CreateChecked(1.5)) + T.Atan2(x[1], x[x.Length - 1] + T.CreateChecked(5));
    }

    /// <summary>In-place residuals r_i = x_i² − x_{i+1} (cyclic) and r_0 += Σ sin x_i: f: ℝⁿ → ℝⁿ.</summary>
    [Differentiable]
    public static void Residuals<T>(ReadOnlySpan<T> x, Span<T> y) where T : IFloatingPointIeee754<T>
    {
        int n = x.Length;
        for (int i = 0; i < n; i++)
            y[i] = x[i] * x[i] - x[(i + 1) % n];
        for (int i = 0; i < n; i++)
            y[0] += T.Sin(x[i]);
    }

    /// <summary>The quadratic form xᵀAx for a row-major n×n constant A (a constant parameter, not differentiated).</summary>
    [Differentiable]
    public static T Quadratic<T>(ReadOnlySpan<T> x, double[] a) where T : IFloatingPointIeee754<T>
    {
        int n = x.Length;
        T sum = T.Zero;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                sum += T.CreateChecked(a[i * n + j]) * x[i] * x[j];
        return sum;
    }

    /// <summary>The seeds' backpropagation example, f(x) = √(x² + exp x²) + cos(x² + exp x²).</summary>
    [Differentiable]
    public static T Backprop<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T c = x * x + T.Exp(x * x);
        return T.Sqrt(c) + T.Cos(c);
    }

    /// <summary>‖Aθ − b‖² for a row-major m×n constant A and constant b: least squares, ∇ = 2Aᵀ(Aθ − b).</summary>
    [Differentiable]
    public static T LeastSquares<T>(ReadOnlySpan<T> theta, double[] a, double[] b) where T : IFloatingPointIeee754<T>
    {
        int n = theta.Length;
        T loss = T.Zero;
        for (int i = 0; i < b.Length; i++)
        {
            T r = -T.CreateChecked(b[i]);
            for (int j = 0; j < n; j++)
                r += T.CreateChecked(a[i * n + j]) * theta[j];
            loss += r * r;
        }
        return loss;
    }

    /// <summary>
    /// The mean squared error of a 2-H-1 perceptron with tanh hidden units on a constant data set, its parameters
    /// packed in θ (W₁ row-major H×2, b₁, w₂, b₂): the MLP loss as one scalar method.
    /// </summary>
    [Differentiable]
    public static T MlpLoss<T>(ReadOnlySpan<T> theta, double[] inputs, double[] targets, int hidden) where T : IFloatingPointIeee754<T>
    {
        int samples = targets.Length;
        T loss = T.Zero;
        for (int s = 0; s < samples; s++)
        {
            T output = theta[4 * hidden];
            for (int h = 0; h < hidden; h++)
            {
                T z = theta[2 * h] * T.CreateChecked(inputs[2 * s]) + theta[2 * h + 1] * T.CreateChecked(inputs[2 * s + 1]) + theta[2 * hidden + h];
                output += theta[3 * hidden + h] * T.Tanh(z);
            }
            T error = output - T.CreateChecked(targets[s]);
            loss += error * error;
        }
        return loss / T.CreateChecked(samples);
    }

    /// <summary>√x₀ · x₁: at x = (0, 0) the product's partial 0 meets √'s infinite one, and a zero factor wins.</summary>
    [Differentiable]
    public static T SqrtTrap<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T s = T.Sqrt(x[0]);
        return s * x[1];
    }

    /// <summary>
    /// Σ x₂ₖ² + √x₂ₖ₊₁ · x₂ₖ over pairs, a fused loop: at x₂ₖ = x₂ₖ₊₁ = 0 the trap is in x̄₂ₖ₊₁'s contribution, which
    /// no other contribution of its statement is computed from (the fast variant must probe it, and rerun exactly).
    /// </summary>
    [Differentiable]
    public static T SqrtTrapSum<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int i = 0; i + 1 < x.Length; i += 2)
            sum += x[i] * x[i] + T.Sqrt(x[i + 1]) * x[i];
        return sum;
    }

    /// <summary>
    /// Σ a² + √x₂ₖ · (a − a), a = x₂ₖ₊₁ − x₂ₖ², a fused loop: at x₂ₖ = 0 the trap is in x̄₂ₖ's contribution, which is
    /// computed from x̄₂ₖ₊₁'s (ā): probing ā alone would miss it; x̄₂ₖ's must be probed.
    /// </summary>
    [Differentiable]
    public static T SqrtTrapPair<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int i = 0; i + 1 < x.Length; i += 2)
        {
            T a = x[i + 1] - x[i] * x[i];
            sum += a * a + T.Sqrt(x[i]) * (a - a);
        }
        return sum;
    }

    /// <summary>The in-place form of <see cref="SqrtTrap{T}"/> with a second output x₁.</summary>
    [Differentiable]
    public static void SqrtTrapVector<T>(ReadOnlySpan<T> x, Span<T> y) where T : IFloatingPointIeee754<T>
    {
        y[0] = T.Sqrt(x[0]) * x[1];
        y[1] = x[1];
    }

    /// <summary>
    /// Locals a loop's branches declare and one reading a carried value just updated (recomputed in the reverse sweep,
    /// not saved, through its ?:), <c>+=</c> and <c>-=</c> reading their own target, locals assigned once after their declaration, before
    /// and after a loop (not saved either), a last loop fused with its sweep that reassigns a local (its adjoint reset, then set rather
    /// than added to) adds a constant local (no adjoint sent to it) and declares a local in a branch; its return spans two
    /// lines (the sweep's comment quotes the first, marked "…") and multiplies by a rule and a [Differentiable] call of
    /// constants (inactive: no adjoint code for them).
    /// </summary>
    [Differentiable]
    public static T Branches<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T s = T.One, c = T.Zero, t;
        t = x[0] * x[x.Length - 1];
        for (int i = 0; i < x.Length; i++)
        {
            s = s * T.Cos(x[i]) + t;
            T u = s > t ? T.Sin(s) : T.Cos(s) * t;
            if (x[i] > T.Zero)
            {
                T p = -x[i] * u;
                c += p * p;
            }
            else
            {
                T q = T.Exp(u) * x[i];
                c -= q * u;
            }
            c += c * t;
            c -= c * T.CreateChecked(0.5);
        }
        T sum = T.Zero, v, h = T.CreateChecked(0.5);
        v = s * t;
        for (int i = 0; i < x.Length; i++)
        {
            T a = x[i] * c;
            sum += a * a + h;
            a = a * T.Tanh(a);
            sum += a;
            a = T.CreateChecked(2);
            sum += a * x[i];
            if (x[i] > c)
            {
                T g = x[i] * x[i];
                sum += g * g;
            }
        }
        return sum +
               v * c * T.Pi * T.Exp(h) * Helper(h, h);
    }
}
