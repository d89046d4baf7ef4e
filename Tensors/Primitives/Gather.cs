using System.Numerics;
using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>
/// y_j = x_{s + j·d}, j = 0 … m − 1: entries picked out of a tensor at a constant stride d from s (one entry, a
/// row with d = 1, a column with d = the number of columns). JVP ẏ_j = ẋ_{s + j·d}; VJP x̄_{s + j·d} += ȳ_j.
/// </summary>
internal sealed class Gather<T> : TensorPrimitive<T> where T : IFloatingPointIeee754<T>
{
    private readonly int _start, _stride;

    private Gather(TensorVar<T> x, int start, int stride) : base(x) => (_start, _stride) = (start, stride);

    /// <summary>The entries at row-major positions start, start + stride, …, as a tensor of <paramref name="shape"/>.</summary>
    public static TensorVar<T> Apply(TensorVar<T> x, int start, int stride, Shape shape)
    {
        T[] y = Allocate(shape.Length, x);
        var gather = new Gather<T>(x, start, stride);
        gather.Copy(x.Values, y.AsSpan(0, shape.Length));
        return gather.Result(y, shape);
    }

    protected override void PushForward(int input, ReadOnlySpan<T> tangent, Span<T> outputTangent)
    {
        if (_stride == 1)
        {
            TensorPrimitives.Add(outputTangent, tangent.Slice(_start, outputTangent.Length), outputTangent);
            return;
        }
        for (int j = 0, k = _start; j < outputTangent.Length; j++, k += _stride)
            outputTangent[j] += tangent[k];
    }

    protected override void PullBack(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint)
    {
        if (_stride == 1)
        {
            Span<T> slice = inputAdjoint.Slice(_start, cotangent.Length);
            TensorPrimitives.Add(slice, cotangent, slice);
            return;
        }
        for (int j = 0, k = _start; j < cotangent.Length; j++, k += _stride)
            inputAdjoint[k] += cotangent[j];
    }

    private void Copy(ReadOnlySpan<T> x, Span<T> y)
    {
        for (int j = 0, k = _start; j < y.Length; j++, k += _stride)
            y[j] = x[k];
    }
}
