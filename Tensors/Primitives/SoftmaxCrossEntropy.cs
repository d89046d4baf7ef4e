using System.Numerics;
using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>
/// The softmax cross-entropy L = −Σ_i Σ_j Y_ij log softmax(z⁽ⁱ⁾)_j of logits Z and targets Y of one shape (a row
/// per sample), as one scalar primitive: ∂L/∂Z = (Σ_j Y_ij) s⁽ⁱ⁾ − Y per row and ∂L/∂Y = −log softmax(Z). A term
/// with Y_ij = 0 contributes 0 even where log softmax is −∞ (logits 2e308 apart), as 0 log 0 = 0 in information
/// theory; the product of two primitives, Y ⊙ log softmax(Z), would give NaN there.
/// </summary>
internal static class SoftmaxCrossEntropy
{
    /// <summary>L(Z, Y); the caller has checked that the shapes are equal.</summary>
    public static TensorVar<T> Apply<T>(TensorVar<T> logits, TensorVar<T> targets) where T : IFloatingPointIeee754<T>
    {
        int width = logits.Shape.Columns;
        T[] dLogits = TensorPrimitive<T>.Allocate(logits.Length, logits, targets);
        T[] dTargets = TensorPrimitive<T>.Allocate(logits.Length, logits, targets);
        T loss = T.Zero;
        for (int start = 0; start < logits.Length; start += width)
        {
            ReadOnlySpan<T> z = logits.Values.Slice(start, width), y = targets.Values.Slice(start, width);
            Span<T> s = dLogits.AsSpan(start, width), logSoftmax = dTargets.AsSpan(start, width);
            (T max, T logSum) = Softmax<T>.RowLogSumExp(z, s);
            Softmax<T>.LogSoftmax(z, max, logSum, logSoftmax);
            for (int j = 0; j < width; j++)
                if (!T.IsZero(y[j]))
                    loss -= y[j] * logSoftmax[j];
            TensorPrimitives.Multiply(s, TensorPrimitives.Sum(y), s);
            TensorPrimitives.Subtract(s, y, s);
            TensorPrimitives.Negate(logSoftmax, logSoftmax);
        }
        return ScalarPrimitive<T>.Apply(loss, [logits, targets], [dLogits, dTargets], SecondOrder);
    }

    // Per row, L = (Σ y) lse(z) − ⟨y, z⟩: with s = softmax(z) and ṡ = s ⊙ (ż − ⟨s, ż⟩), Ġ_Z = (Σ ẏ) s + (Σ y) ṡ − ẏ
    // and Ġ_Y = ⟨s, ż⟩ 1 − ż.
    private static void SecondOrder<T>(TensorVar<T>[] inputs, T[][] gradients, int input, T scale, Span<T> target)
        where T : IFloatingPointIeee754<T>
    {
        T[]? zDots = inputs[0].Tangent, yDots = inputs[1].Tangent;
        int width = inputs[0].Shape.Columns;
        T[] s = new T[width], scratch = new T[width];
        for (int start = 0; start < target.Length; start += width)
        {
            ReadOnlySpan<T> z = inputs[0].Values.Slice(start, width), y = inputs[1].Values.Slice(start, width);
            ReadOnlySpan<T> zDot = zDots is null ? default : zDots.AsSpan(start, width);
            ReadOnlySpan<T> yDot = yDots is null ? default : yDots.AsSpan(start, width);
            Span<T> row = target.Slice(start, width);
            Softmax<T>.RowLogSumExp(z, s);
            if (input == 1)
            {
                if (zDot.IsEmpty)
                    continue;
                T along = TensorPrimitives.Dot<T>(s, zDot);
                for (int j = 0; j < width; j++)
                    row[j] += scale * (along - zDot[j]);
                continue;
            }
            T mass = TensorPrimitives.Sum(y), massDot = yDot.IsEmpty ? T.Zero : TensorPrimitives.Sum(yDot);
            if (!zDot.IsEmpty)
                Softmax<T>.AddJacobianTimes(s, zDot, scale * mass, row, scratch);
            for (int j = 0; j < width; j++)
                row[j] += scale * (massDot * s[j] - (yDot.IsEmpty ? T.Zero : yDot[j]));
        }
    }
}
