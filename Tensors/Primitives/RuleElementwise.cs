using System.Numerics;
using Autodiff.Rules;

namespace Autodiff;

/// <summary>
/// y = f(x) entry by entry for a rule of the rule table: J = diag(f′(x)) with f′ the rule's <c>D1(x, y)</c> on plain
/// numbers — no dual number per entry, and no derivative stored: the rules read x and y, which the record keeps
/// anyway, so a layer's activation costs its output and nothing more. The values run on <see cref="RuleValues"/>.
/// </summary>
internal sealed class RuleElementwise<T, TRule> : TensorPrimitive<T>
    where T : IFloatingPointIeee754<T> where TRule : IUnaryRule
{
    private readonly TRule _rule;
    private readonly T[] _value;

    private RuleElementwise(TensorVar<T> x, TRule rule, T[] value) : base(x) => (_rule, _value) = (rule, value);

    public static TensorVar<T> Apply(TensorVar<T> x, TRule rule)
    {
        T[] value = Allocate(x.Length, x);
        RuleValues.Apply(rule, x.Values, value.AsSpan(0, x.Length));
        return new RuleElementwise<T, TRule>(x, rule, value).Result(value, x.Shape);
    }

    // ẏ = f′(x) ⊙ ẋ.
    protected override void PushForward(int input, ReadOnlySpan<T> tangent, Span<T> outputTangent) =>
        AddDerivativeTimes(tangent, outputTangent);

    // x̄ += f′(x) ⊙ ȳ: diag(f′) is its own transpose.
    protected override void PullBack(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint) =>
        AddDerivativeTimes(cotangent, inputAdjoint);

    // x̄̇ += f″(x) ⊙ ẋ ⊙ ȳ, f″ being the derivative of the rule's own D1(x, f(x)) along x, taken on dual numbers
    // (so the calculus is still the rule's: d/dx D1(x, f(x)) = D1 at x + ε with f(x) + f′(x)ε).
    protected override void PullBackCurvature(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjointTangent)
    {
        if (Inputs[0].Tangent is not T[] xDot)
            return;
        ReadOnlySpan<T> x = Inputs[0].Values;
        long tag = Perturbation.Fresh();
        for (int k = 0; k < cotangent.Length; k++)
        {
            if (T.IsZero(cotangent[k]) || T.IsZero(xDot[k]))
                continue;
            T slope = _rule.D1(x[k], _value[k]);
            T curvature = _rule.D1(new Dual<T>(x[k], T.One, tag), new Dual<T>(_value[k], slope, tag)).TangentFor(tag);
            inputAdjointTangent[k] += curvature * xDot[k] * cotangent[k];
        }
    }

    // target += f′(x) ⊙ v, where a zero entry of v contributes zero even through an infinite f′ (√ at 0).
    private void AddDerivativeTimes(ReadOnlySpan<T> v, Span<T> target)
    {
        ReadOnlySpan<T> x = Inputs[0].Values;
        for (int k = 0; k < v.Length; k++)
            if (!T.IsZero(v[k]))
                target[k] += _rule.D1(x[k], _value[k]) * v[k];
    }
}
