using System.Numerics;
using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>
/// The same entries read in a new shape (row-major order kept): the seeds' "approach 2" flattening of a matrix into
/// a vector and back. J = I, so JVP and VJP copy the (co)tangent across.
/// </summary>
internal sealed class Reshape<T> : TensorPrimitive<T> where T : IFloatingPointIeee754<T>
{
    private Reshape(TensorVar<T> x) : base(x) { }

    /// <exception cref="ArgumentException">The shapes have different numbers of entries.</exception>
    public static TensorVar<T> Apply(TensorVar<T> x, Shape shape)
    {
        // Stryker disable once Statement : x is the receiver of a TensorVar method, never null; the check guards internal callers.
        ArgumentNullException.ThrowIfNull(x);
        if (shape.Length != x.Length)
            throw new ArgumentException($"Reshape: the tensor is {x.Shape} ({x.Length} entries) and cannot become {shape} ({shape.Length} entries).", nameof(shape));
        return new Reshape<T>(x).Result(x.Entries, shape);
    }

    protected override void PushForward(int input, ReadOnlySpan<T> tangent, Span<T> outputTangent) =>
        TensorPrimitives.Add(outputTangent, tangent, outputTangent);

    protected override void PullBack(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint) =>
        TensorPrimitives.Add(inputAdjoint, cotangent, inputAdjoint);
}
