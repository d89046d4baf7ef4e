using System.Numerics;
using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>The scalar reductions, each by its value and its gradient in the shape of its input.</summary>
internal static class Reductions
{
    /// <summary>Σ_k x_k, with gradient 1 (a tensor of ones).</summary>
    public static TensorVar<T> Sum<T>(TensorVar<T> x) where T : IFloatingPointIeee754<T> =>
        ScalarPrimitive<T>.Apply(TensorPrimitives.Sum(Checked(x).Values), x, TensorPrimitive<T>.AllocateFilled(x.Length, T.One, x),
            SecondOrder<T>.Constant);

    /// <summary>(1/N) Σ_k x_k, with gradient 1/N.</summary>
    public static TensorVar<T> Mean<T>(TensorVar<T> x) where T : IFloatingPointIeee754<T>
    {
        T n = T.CreateChecked(Checked(x).Length);
        return ScalarPrimitive<T>.Apply(TensorPrimitives.Sum(x.Values) / n, x, TensorPrimitive<T>.AllocateFilled(x.Length, T.One / n, x),
            SecondOrder<T>.Constant);
    }

    /// <summary>‖x‖² = Σ_k x_k², with gradient 2x (the seeds' ∂‖x‖²/∂x = 2xᵀ).</summary>
    public static TensorVar<T> SquaredNorm<T>(TensorVar<T> x) where T : IFloatingPointIeee754<T>
    {
        T[] gradient = TensorPrimitive<T>.Allocate(Checked(x).Length, x);
        TensorPrimitives.Add(x.Values, x.Values, gradient.AsSpan(0, x.Length));
        return ScalarPrimitive<T>.Apply(TensorPrimitives.SumOfSquares(x.Values), x, gradient, SecondOrder<T>.SquaredNorm);
    }

    /// <summary>⟨x, y⟩ = Σ_k x_k y_k for equal shapes (xᵀy for vectors, tr(XᵀY) for matrices): gradients y and x.</summary>
    /// <exception cref="ArgumentException">The shapes differ (named <paramref name="right"/>, as in <c>left.Dot(right)</c>).</exception>
    public static TensorVar<T> Dot<T>(TensorVar<T> left, TensorVar<T> right) where T : IFloatingPointIeee754<T>
    {
        // Stryker disable once Statement : left is the receiver of a TensorVar method, never null; the check guards internal callers.
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Shape != right.Shape)
            throw new ArgumentException($"Dot: the operands are {left.Shape} and {right.Shape}; an inner product needs equal shapes.", nameof(right));
        return ScalarPrimitive<T>.Apply(TensorPrimitives.Dot(left.Values, right.Values), [left, right], [right.Entries, left.Entries],
            SecondOrder<T>.Dot);
    }

    /// <summary>
    /// log Σ_k e^{x_k}, evaluated as m + log Σ_k e^{x_k − m} with m = max x so no exponential overflows; its gradient
    /// is softmax(x).
    /// </summary>
    public static TensorVar<T> LogSumExp<T>(TensorVar<T> x) where T : IFloatingPointIeee754<T>
    {
        T[] softmax = TensorPrimitive<T>.Allocate(Checked(x).Length, x);
        (T max, T logSum) = Softmax<T>.RowLogSumExp(x.Values, softmax.AsSpan(0, x.Length));
        return ScalarPrimitive<T>.Apply(max + logSum, x, softmax, SecondOrder<T>.LogSumExp);
    }

    /// <summary>tr A = Σ a_ii, with gradient I (the seeds' ∂ tr A/∂A = I).</summary>
    /// <exception cref="ArgumentException">A is not a square matrix.</exception>
    public static TensorVar<T> Trace<T>(TensorVar<T> a) where T : IFloatingPointIeee754<T>
    {
        int n = SquareMatrix.Order(a, "Trace");
        T trace = T.Zero;
        for (int i = 0; i < n; i++)
            trace += a.Values[i * n + i];
        return ScalarPrimitive<T>.Apply(trace, a, RowMajor.Identity<T>(n), SecondOrder<T>.Constant);
    }

    private static TensorVar<T> Checked<T>(TensorVar<T> x) where T : IFloatingPointIeee754<T>
    {
        // Stryker disable once Statement : x is the receiver of a TensorVar method, never null; the check guards internal callers.
        ArgumentNullException.ThrowIfNull(x);
        return x;
    }

    // The reductions' second-order rules (ScalarPrimitive's GradientTangent): s·Ġ_i added to the target.
    private static class SecondOrder<T> where T : IFloatingPointIeee754<T>
    {
        // Sum, mean, trace: a constant gradient, Ġ = 0.
        public static readonly GradientTangent<T> Constant = static (_, _, _, _, _) => { };

        // G = 2x: Ġ = 2ẋ.
        public static readonly GradientTangent<T> SquaredNorm = static (inputs, _, _, scale, target) =>
        {
            if (inputs[0].Tangent is T[] xDot)
                TensorPrimitives.MultiplyAdd(xDot.AsSpan(0, target.Length), scale + scale, target, target);
        };

        // G_left = right, G_right = left: each Ġ is the other operand's tangent.
        public static readonly GradientTangent<T> Dot = static (inputs, _, input, scale, target) =>
        {
            if (inputs[1 - input].Tangent is T[] otherDot)
                TensorPrimitives.MultiplyAdd(otherDot.AsSpan(0, target.Length), scale, target, target);
        };

        // G = softmax(x) = s: Ġ = s ⊙ ẋ − s ⟨s, ẋ⟩ (the softmax Jacobian diag(s) − s sᵀ along ẋ).
        public static readonly GradientTangent<T> LogSumExp = static (inputs, gradients, _, scale, target) =>
        {
            if (inputs[0].Tangent is not T[] tangent)
                return;
            Softmax<T>.AddJacobianTimes(gradients[0].AsSpan(0, target.Length), tangent.AsSpan(0, target.Length), scale, target,
                new T[target.Length]);
        };
    }
}
