using System.Numerics;

namespace Autodiff;

public static partial class Tensors
{
    /// <summary>
    /// Applies a tensor primitive of your own, defined by its value, its JVP rule and its VJP rule
    /// (<see cref="ITensorRule{T}"/>): y = f(x₁, …, x_k) with a tangent when an input carries one (forward mode) and
    /// recorded as one block on the inputs' tape when one is on a tape (reverse mode). Constants in, constant out.
    /// </summary>
    /// <param name="rule">The primitive's rules (a stateless struct works: the rules receive the inputs and y).</param>
    /// <param name="inputs">x₁, …, x_k.</param>
    /// <returns>y.</returns>
    /// <exception cref="ArgumentNullException">The rule or an input is null.</exception>
    /// <exception cref="ArgumentException">No inputs, or the rule's value does not have one entry per entry of its
    /// shape (named rule).</exception>
    /// <exception cref="InvalidOperationException">The inputs belong to different differentiations.</exception>
    public static TensorVar<T> Primitive<T, TRule>(TRule rule, params TensorVar<T>[] inputs)
        where T : IFloatingPointIeee754<T> where TRule : ITensorRule<T> =>
        RulePrimitive<T, TRule>.Apply(rule, inputs);
}
