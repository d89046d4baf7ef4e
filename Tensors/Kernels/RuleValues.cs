using System.Numerics;
using System.Numerics.Tensors;
using Autodiff.Rules;

namespace Autodiff;

/// <summary>
/// y = f(x) entry by entry for a rule of the rule table, on <see cref="TensorPrimitives"/> (SIMD) where it has the
/// function, by the rule's own f elsewhere. Values only: the derivative stays the rule's <c>D1</c>.
/// </summary>
internal static class RuleValues
{
    /// <summary>y_k = f(x_k). The type tests are constants for a struct rule, so each instantiation keeps one branch.</summary>
    public static void Apply<TRule, T>(TRule rule, ReadOnlySpan<T> x, Span<T> y)
        where TRule : IUnaryRule where T : IFloatingPointIeee754<T>
    {
        if (typeof(TRule) == typeof(Exp))
            TensorPrimitives.Exp(x, y);
        else if (typeof(TRule) == typeof(Log))
            TensorPrimitives.Log(x, y);
        else if (typeof(TRule) == typeof(Sqrt))
            TensorPrimitives.Sqrt(x, y);
        else if (typeof(TRule) == typeof(Sin))
            TensorPrimitives.Sin(x, y);
        else if (typeof(TRule) == typeof(Cos))
            TensorPrimitives.Cos(x, y);
        else if (typeof(TRule) == typeof(Tanh))
            TensorPrimitives.Tanh(x, y);
        else if (typeof(TRule) == typeof(Abs))
            TensorPrimitives.Abs(x, y);
        else
            for (int k = 0; k < x.Length; k++)
                y[k] = rule.F(x[k]);
    }
}
