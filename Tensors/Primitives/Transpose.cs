using System.Numerics;

namespace Autodiff;

/// <summary>Y = Aᵀ, y_ji = a_ij. A linear map whose own transpose is itself: Ẏ = Ȧᵀ, Ā += Ȳᵀ.</summary>
internal sealed class Transpose<T> : TensorPrimitive<T> where T : IFloatingPointIeee754<T>
{
    private Transpose(TensorVar<T> a) : base(a) { }

    /// <summary>The transpose of a matrix; a vector or a scalar is its own transpose (vectors have no orientation).</summary>
    public static TensorVar<T> Apply(TensorVar<T> a)
    {
        // Stryker disable once Statement : a is the receiver of a TensorVar method, never null; the check guards internal callers.
        ArgumentNullException.ThrowIfNull(a);
        if (a.Shape.Rank < 2)
            return a;
        int m = a.Shape.Rows, n = a.Shape.Columns;
        var y = new T[m * n];
        // Stryker disable once Boolean : y is fresh (all zero), so adding to it is writing it.
        Transposed(a.Values, m, n, y, accumulate: false);
        return new Transpose<T>(a).Result(y, Shape.Matrix(n, m));
    }

    // Stryker disable once Boolean : the output tangent is fresh (all zero) and this is its only input, so writing it is adding to it.
    protected override void PushForward(int input, ReadOnlySpan<T> tangent, Span<T> outputTangent) =>
        Transposed(tangent, Inputs[0].Shape.Rows, Inputs[0].Shape.Columns, outputTangent, accumulate: true);

    // Ȳ is n×m; its transpose is m×n.
    protected override void PullBack(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint) =>
        Transposed(cotangent, Inputs[0].Shape.Columns, Inputs[0].Shape.Rows, inputAdjoint, accumulate: true);

    // target (n×m) = or += source (m×n) transposed.
    private static void Transposed(ReadOnlySpan<T> source, int m, int n, Span<T> target, bool accumulate)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                // Stryker disable once Conditional : "always accumulate" only changes the value, whose target is fresh (all zero).
                target[j * m + i] = accumulate ? target[j * m + i] + source[i * n + j] : source[i * n + j];
    }
}
