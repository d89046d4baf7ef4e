using System.Numerics;

namespace Autodiff;

/// <summary>A primitive defined by a user's <see cref="ITensorRule{T}"/>: its rules, called with the inputs and y.</summary>
internal sealed class RulePrimitive<T, TRule> : TensorPrimitive<T>
    where T : IFloatingPointIeee754<T> where TRule : ITensorRule<T>
{
    private readonly TRule _rule;
    private readonly T[] _output;

    private RulePrimitive(TRule rule, TensorVar<T>[] inputs, T[] output) : base(inputs)
    {
        _rule = rule;
        _output = output;
    }

    /// <summary>y = f(x₁, …, x_k) by the rule, with its tangent and on the inputs' tape.</summary>
    public static TensorVar<T> Apply(TRule rule, TensorVar<T>[] inputs)
    {
        if (rule is null)
            throw new ArgumentNullException(nameof(rule));
        ArgumentNullException.ThrowIfNull(inputs);
        Require.NotEmpty<TensorVar<T>>(inputs, nameof(inputs));
        TensorVar<T>[] x = (TensorVar<T>[])inputs.Clone();
        foreach (TensorVar<T> input in x)
            ArgumentNullException.ThrowIfNull(input, nameof(inputs));
        (T[] entries, Shape shape) = rule.Value(x);
        if (entries is null || shape == default || entries.Length != shape.Length)
            throw new ArgumentException(
                $"The rule's Value returned {entries?.Length.ToString() ?? "null"} entries for the shape {shape}; it needs one entry per entry of its shape.",
                nameof(rule));
        return new RulePrimitive<T, TRule>(rule, x, entries).Result(entries, shape);
    }

    protected override void PushForward(int input, ReadOnlySpan<T> tangent, Span<T> outputTangent) =>
        _rule.Jvp(Inputs, _output, input, tangent, outputTangent);

    protected override void PullBack(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint) =>
        _rule.Vjp(Inputs, _output, input, cotangent, inputAdjoint);

    // A user's rule gives J and Jᵀ, not J̇.
    protected override void PullBackCurvature(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjointTangent) =>
        throw NoSecondOrderRule($"The custom tensor rule {typeof(TRule).Name}");
}
