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
        T[] y = AllocateFilled(m * n, T.Zero, a);
        AddTransposed(a.Values, m, n, y);
        return new Transpose<T>(a).Result(y, Shape.Matrix(n, m));
    }

    protected override void PushForward(int input, ReadOnlySpan<T> tangent, Span<T> outputTangent) =>
        AddTransposed(tangent, Inputs[0].Shape.Rows, Inputs[0].Shape.Columns, outputTangent);

    // Ȳ is n×m; its transpose is m×n.
    protected override void PullBack(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint) =>
        AddTransposed(cotangent, Inputs[0].Shape.Columns, Inputs[0].Shape.Rows, inputAdjoint);

    // Linear: J does not depend on x, so J̇ = 0.
    protected override void PullBackCurvature(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjointTangent) { }

    // target (n×m) += source (m×n) transposed; the value and the tangent start from zeros, the adjoint accumulates.
    private static void AddTransposed(ReadOnlySpan<T> source, int m, int n, Span<T> target)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                target[j * m + i] += source[i * n + j];
    }
}
