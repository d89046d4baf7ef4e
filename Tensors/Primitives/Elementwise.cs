using System.Numerics;
using Autodiff.Rules;

namespace Autodiff;

/// <summary>
/// y = f(x) entry by entry, for any function of the rule table: J = diag(f′(x)). No derivative is written here: for a
/// rule, f′ is its <c>D1</c> on plain numbers (the value vectorised where <see cref="RuleValues"/> can); for any other
/// function (a composition such as the sigmoid), value and f′ come from one evaluation on dual numbers x + ε.
/// </summary>
internal sealed class Elementwise<T> : TensorPrimitive<T> where T : IFloatingPointIeee754<T>
{
    private readonly T[] _derivative;

    private Elementwise(TensorVar<T> x) : base(x) => _derivative = new T[x.Length];

    public static TensorVar<T> Apply<TFunction>(TensorVar<T> x, TFunction f) where TFunction : IUnaryFunction
    {
        var primitive = new Elementwise<T>(x);
        var value = new T[x.Length];
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

    /// <summary>A rule entrywise: f(x) by <see cref="RuleValues"/>, f′ = D1(x, f(x)), with no dual number per entry.</summary>
    public static TensorVar<T> ApplyRule<TRule>(TensorVar<T> x, TRule rule) where TRule : IUnaryRule
    {
        var primitive = new Elementwise<T>(x);
        var value = new T[x.Length];
        ReadOnlySpan<T> entries = x.Values;
        RuleValues.Apply(rule, entries, value);
        for (int k = 0; k < entries.Length; k++)
            primitive._derivative[k] = rule.D1(entries[k], value[k]);
        return primitive.Result(value, x.Shape);
    }

    // ẏ = f′(x) ⊙ ẋ.
    protected override void PushForward(int input, ReadOnlySpan<T> tangent, Span<T> outputTangent) =>
        AddDiagonalTimes(_derivative, tangent, outputTangent);

    // x̄ += f′(x) ⊙ ȳ: diag(f′) is its own transpose.
    protected override void PullBack(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint) =>
        AddDiagonalTimes(_derivative, cotangent, inputAdjoint);

    /// <summary>target += d ⊙ v, where a zero entry of v contributes zero even through an infinite d (√ at 0).</summary>
    internal static void AddDiagonalTimes(ReadOnlySpan<T> d, ReadOnlySpan<T> v, Span<T> target)
    {
        for (int k = 0; k < v.Length; k++)
            if (!T.IsZero(v[k]))
                target[k] += d[k] * v[k];
    }
}
