using System.Numerics;

namespace Autodiff;

/// <summary>
/// y_j = x_{index_j}: entries picked out of a tensor (one entry, a row, a column). JVP ẏ_j = ẋ_{index_j};
/// VJP x̄_{index_j} += ȳ_j (an entry picked twice collects both).
/// </summary>
internal sealed class Gather<T> : TensorPrimitive<T> where T : IFloatingPointIeee754<T>
{
    private readonly int[] _indices;

    private Gather(TensorVar<T> x, int[] indices) : base(x) => _indices = indices;

    /// <summary>The entries at <paramref name="indices"/> (row-major positions), as a tensor of <paramref name="shape"/>.</summary>
    public static TensorVar<T> Apply(TensorVar<T> x, int[] indices, Shape shape)
    {
        var y = new T[indices.Length];
        for (int j = 0; j < indices.Length; j++)
            y[j] = x.Values[indices[j]];
        return new Gather<T>(x, indices).Result(y, shape);
    }

    protected override void PushForward(int input, ReadOnlySpan<T> tangent, Span<T> outputTangent)
    {
        for (int j = 0; j < _indices.Length; j++)
            outputTangent[j] += tangent[_indices[j]];
    }

    protected override void PullBack(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint)
    {
        for (int j = 0; j < _indices.Length; j++)
            inputAdjoint[_indices[j]] += cotangent[j];
    }
}
