using System.Numerics;
using Autodiff.Rules;

namespace Autodiff;

/// <summary>
/// y = f(x) entry by entry, for any function of the rule table: J = diag(f′(x)). The value and f′ come from one
/// evaluation of the generic f on dual numbers x + ε, so the tensor primitive reuses the scalar calculus and no
/// derivative is written here. (A rule itself takes <see cref="RuleElementwise{T, TRule}"/>, with no dual numbers.)
/// </summary>
internal sealed class Elementwise<T> : TensorPrimitive<T> where T : IFloatingPointIeee754<T>
{
    private readonly T[] _derivative;
    // f itself, for the second-order rule.
    private readonly IUnaryFunction _function;

    private Elementwise(TensorVar<T> x, IUnaryFunction function) : base(x) =>
        (_derivative, _function) = (Allocate(x.Length, x), function);

    public static TensorVar<T> Apply<TFunction>(TensorVar<T> x, TFunction f) where TFunction : IUnaryFunction
    {
        var primitive = new Elementwise<T>(x, f);
        T[] value = Allocate(x.Length, x);
        ReadOnlySpan<T> entries = x.Values;
        long tag = Perturbation.Fresh();
        for (int k = 0; k < entries.Length; k++)
        {
            Dual<T> y = f.F(new Dual<T>(entries[k], T.One, tag));
            value[k] = y.Value;
            primitive._derivative[k] = y.TangentFor(tag);
        }
        return primitive.Result(value, x.Shape);
    }

    // ẏ = f′(x) ⊙ ẋ.
    protected override void PushForward(int input, ReadOnlySpan<T> tangent, Span<T> outputTangent) =>
        AddDiagonalTimes(_derivative, tangent, outputTangent);

    // x̄ += f′(x) ⊙ ȳ: diag(f′) is its own transpose.
    protected override void PullBack(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint) =>
        AddDiagonalTimes(_derivative, cotangent, inputAdjoint);

    // x̄̇ += f″(x) ⊙ ẋ ⊙ ȳ, f″ from one evaluation of f on nested dual numbers x + ε₁ + ε₂: the coefficient of ε₁ε₂.
    protected override void PullBackCurvature(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjointTangent)
    {
        if (Inputs[0].Tangent is not T[] xDot)
            return;
        ReadOnlySpan<T> x = Inputs[0].Values;
        long inner = Perturbation.Fresh(), outer = Perturbation.Fresh();
        for (int k = 0; k < cotangent.Length; k++)
        {
            if (T.IsZero(cotangent[k]) || T.IsZero(xDot[k]))
                continue;
            var point = new Dual<Dual<T>>(new Dual<T>(x[k], T.One, inner), new Dual<T>(T.One, T.Zero, inner), outer);
            T second = _function.F(point).TangentFor(outer).TangentFor(inner);
            inputAdjointTangent[k] += second * xDot[k] * cotangent[k];
        }
    }

    /// <summary>target += d ⊙ v, where a zero entry of v contributes zero even through an infinite d (√ at 0).</summary>
    internal static void AddDiagonalTimes(ReadOnlySpan<T> d, ReadOnlySpan<T> v, Span<T> target)
    {
        for (int k = 0; k < v.Length; k++)
            if (!T.IsZero(v[k]))
                target[k] += d[k] * v[k];
    }
}
