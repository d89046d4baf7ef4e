using System.Numerics;

namespace Autodiff;

/// <summary>
/// The same entries read in a new shape (row-major order kept): the seeds' "approach 2" flattening of a matrix into
/// a vector and back. J = I, so the result is a view: it shares x's entries, x's tangent and x's records on the tape
/// (a cotangent on it is x's own), and nothing is recorded, copied or pulled back.
/// </summary>
internal static class Reshape<T> where T : IFloatingPointIeee754<T>
{
    /// <exception cref="ArgumentException">The shapes have different numbers of entries.</exception>
    public static TensorVar<T> Apply(TensorVar<T> x, Shape shape)
    {
        // Stryker disable once Statement : x is the receiver of a TensorVar method, never null; the check guards internal callers.
        ArgumentNullException.ThrowIfNull(x);
        if (shape.Length != x.Length)
            throw new ArgumentException($"Reshape: the tensor is {x.Shape} ({x.Length} entries) and cannot become {shape} ({shape.Length} entries).", nameof(shape));
        return new TensorVar<T>(x.Entries, shape, x.Tape, x.First, x.Tangent);
    }
}
