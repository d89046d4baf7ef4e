using System.Numerics;

namespace Autodiff;

/// <summary>A scalar function value f: ℝⁿ → ℝ seen as a vector one, ℝⁿ → ℝ¹, so vector transforms apply to it.</summary>
/// <typeparam name="TF">The function value's type.</typeparam>
public readonly struct AsVector<TF>(TF f) : IVectorFunction where TF : IScalarFunction
{
    private readonly TF _f = FunctionValue.Required(f, nameof(f));

    /// <summary>[f(x)].</summary>
    public T[] F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => [_f.F(x)];
}
