using System.Numerics;

namespace Autodiff;

/// <summary>
/// A model f(θ, x): ℝᴾ × ℝᵈ → ℝᵐ as a function value: one generic method of the parameters θ and one input x, so it
/// runs on every number type and the library can differentiate it with respect to θ (per-example Jacobians, the
/// neural tangent kernel, the Fisher) or with respect to x (adversarial sensitivity, representation Jacobians).
/// </summary>
/// <remarks>
/// A struct implementing it may carry data in fields of plain type, as <see cref="IScalarFunction"/> does. Its number
/// of outputs m must not depend on θ or x. A batch of N inputs is handed to the combinators as one row-major
/// N×d array.
/// </remarks>
public interface IModel
{
    /// <summary>f(θ, x) on any IEEE floating-point number type: a fresh array of the m outputs.</summary>
    T[] F<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> input) where T : IFloatingPointIeee754<T>;
}
