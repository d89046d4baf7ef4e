using System.Numerics;
using System.Numerics.Tensors;

namespace Autodiff;

public static partial class Tensors
{
    /// <summary>
    /// The Hessian-vector product H v = ∂/∂ε ∇f(X + εV) of a scalar function of one tensor, by forward over reverse on
    /// the tensor primitives themselves: one forward pass in which X carries the tangent V (each primitive's JVP rule
    /// gives every intermediate its tangent), then one backward sweep that carries, beside each adjoint x̄, its
    /// derivative along V, x̄̇ += Jᵀȳ̇ + J̇ᵀȳ (each primitive's VJP rule and its second-order rule). Values, adjoints and
    /// tangents are plain arrays on <see cref="TensorPrimitives"/>: no dual number per entry.
    /// </summary>
    /// <remarks>
    /// Every built-in primitive has its second-order rule J̇ᵀȳ (the derivative of its VJP along the tangents its inputs
    /// carried): arithmetic with broadcasting, products in every layout, rows, columns, entries, reshapes, transposes,
    /// the rule-table maps and <c>Map</c>, softmax and log-softmax, the reductions (whole and along an axis), solves,
    /// inverses, determinants and the softmax cross-entropy. A user's <see cref="ITensorRule{T}"/> gives J, not J̇,
    /// and refuses with <see cref="NotSupportedException"/>; so does scalar code (<c>ToTracked</c>) on the input's
    /// descendants, which carry a tangent. For those, take <see cref="Grad{T}(Func{TensorVar{T}, TensorVar{T}}, Tensor{T})"/>
    /// on <c>TensorVar&lt;Dual&lt;T&gt;&gt;</c> with X seeded X + Vε: its tangents are H v (at about 2.5× the time).
    /// </remarks>
    /// <returns>H v, shaped as X.</returns>
    /// <exception cref="ArgumentNullException">f, x or v is null.</exception>
    /// <exception cref="ArgumentException">f's value is not a scalar or is null, V's shape differs from X's (named v), or
    /// X or V has rank above 2, no entries or more than Array.MaxLength.</exception>
    /// <exception cref="NotSupportedException">The function uses a custom <see cref="ITensorRule{T}"/> (see remarks).</exception>
    /// <exception cref="InvalidOperationException">The function turns an entry into a <see cref="Tracked{T}"/> scalar (see remarks).</exception>
    public static Tensor<T> Hvp<T>(Func<TensorVar<T>, TensorVar<T>> f, Tensor<T> x, Tensor<T> v) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(v);
        (T[] values, Shape shape) = Read(x, nameof(x), 0, inPlace: true);
        (T[] tangent, Shape tangentShape) = Read(v, nameof(v), 0);
        if (tangentShape != shape)
            throw new ArgumentException($"v is {tangentShape} but x is {shape}; the direction has x's shape.", nameof(v));
        var tape = new Tape<T>();
        try
        {
            var input = new TensorVar<T>(values, shape, tape, tape.Variables(values.Length), tangent);
            TensorVar<T> y = Output(f(input), tape);
            if (y.Length != 1)
                throw new ArgumentException($"The function's value is {y.Shape}; a Hessian-vector product needs a scalar.", nameof(f));
            tape.Freeze();
            var hv = new T[values.Length];
            if (y.Tape is not null)
                Sweep(tape, y.First, input.First, hv);
            return Create(hv, shape);
        }
        finally
        {
            tape.Release();
        }
    }

    // The sweep seeded ȳ = 1, ȳ̇ = 0 on the output record; x̄̇ of the input records into hv.
    private static void Sweep<T>(Tape<T> tape, int output, int input, Span<T> hv) where T : IFloatingPointIeee754<T>
    {
        T[] adjoint = Scratch.Rent<T>(tape.Count), adjointTangent = Scratch.Rent<T>(tape.Count);
        try
        {
            adjoint.AsSpan(0, tape.Count).Clear();
            adjointTangent.AsSpan(0, tape.Count).Clear();
            adjoint[output] = T.One;
            tape.SweepWithTangents(adjoint, adjointTangent);
            adjointTangent.AsSpan(input, hv.Length).CopyTo(hv);
        }
        finally
        {
            Scratch.Return(adjoint);
            Scratch.Return(adjointTangent);
        }
    }
}
