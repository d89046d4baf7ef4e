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
        return Hvp(inputs => f(inputs[0]), [x], [v])[0];
    }

    /// <summary>
    /// The Hessian-vector product of a scalar function of several tensors (a network's parameters, say): with
    /// θ = (X₁, …, X_k) and the direction V = (V₁, …, V_k), the blocks (H V)_i = Σ_j ∂²f/∂X_i∂X_j [V_j], each shaped as
    /// X_i, by the same forward over reverse as <see cref="Hvp{T}(Func{TensorVar{T}, TensorVar{T}}, Tensor{T}, Tensor{T})"/>,
    /// in one forward pass and one sweep.
    /// </summary>
    /// <returns>(H V)_1, …, (H V)_k.</returns>
    /// <exception cref="ArgumentNullException">f, x or v is null.</exception>
    /// <exception cref="ArgumentException">f's value is not a scalar or is null, the numbers of inputs and directions
    /// differ or a direction's shape differs from its input's (named v), or an input (named x) or direction is null,
    /// of rank above 2, without entries or with more than Array.MaxLength.</exception>
    /// <exception cref="NotSupportedException">The function uses a custom <see cref="ITensorRule{T}"/>.</exception>
    /// <exception cref="InvalidOperationException">The function turns an entry into a <see cref="Tracked{T}"/> scalar.</exception>
    public static Tensor<T>[] Hvp<T>(Func<TensorVar<T>[], TensorVar<T>> f, Tensor<T>[] x, Tensor<T>[] v)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        var tape = new Tape<T>();
        try
        {
            TensorVar<T>[] inputs = Seeded(x, v, tape);
            TensorVar<T> y = Output(f(inputs), tape);
            if (y.Length != 1)
                throw new ArgumentException($"The function's value is {y.Shape}; a Hessian-vector product needs a scalar.", nameof(f));
            var hv = new T[tape.InputCount];
            if (y.Tape is not null)
                Sweep(tape, y.First, hv);
            // One input is all of hv (the inputs are the tape's first records): no copy.
            return inputs.Length == 1
                ? [Create(hv, inputs[0].Shape)]
                : Array.ConvertAll(inputs, input => Create(hv.AsSpan(input.First, input.Length).ToArray(), input.Shape));
        }
        finally
        {
            tape.Release();
        }
    }

    // The sweep seeded ȳ = 1, ȳ̇ = 0 on the output record; x̄̇ of the input records into hv.
    private static void Sweep<T>(Tape<T> tape, int output, Span<T> hv) where T : IFloatingPointIeee754<T>
    {
        T[] adjoint = Scratch.Rent<T>(tape.Count), adjointTangent = Scratch.Rent<T>(tape.Count);
        try
        {
            adjoint.AsSpan(0, tape.Count).Clear();
            adjointTangent.AsSpan(0, tape.Count).Clear();
            adjoint[output] = T.One;
            tape.SweepWithTangents(adjoint, adjointTangent);
            adjointTangent.AsSpan(0, hv.Length).CopyTo(hv);
        }
        // Stryker disable once Block,Statement : returning memory to the pool is invisible to results.
        finally
        {
            // Stryker disable once Statement : returning memory to the pool is invisible to results.
            Scratch.Return(adjoint);
            // Stryker disable once Statement : returning memory to the pool is invisible to results.
            Scratch.Return(adjointTangent);
        }
    }
}
