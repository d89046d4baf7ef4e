using System.Runtime.CompilerServices;
using System.Globalization;
using System.Numerics;
using Autodiff.Rules;

namespace Autodiff;

/// <summary>
/// A dual number a + b ε with ε² = 0: forward-mode automatic differentiation. For f written generically,
/// f(x + ε) = f(x) + f′(x) ε, so evaluating f on <c>new Dual&lt;T&gt;(x, 1)</c> yields f(x) in
/// <see cref="Value"/> and f′(x) in <see cref="Tangent"/> — exactly, with no step size.
/// </summary>
/// <remarks>
/// Immutable. Nests: <c>Dual&lt;Dual&lt;double&gt;&gt;</c> carries two independent perturbations. The forward
/// combinators tag the numbers they seed, so that two differentiations of the same type meeting in one operation
/// (perturbation confusion) throw instead of answering wrongly; nest the types to differentiate inside a derivative.
/// See <see cref="IAutodiffNumber{TSelf, T}"/> for the conventions on comparisons, kinks and zero tangents.
/// </remarks>
/// <typeparam name="T">The scalar type, e.g. <c>double</c>, or another number type of this library.</typeparam>
public readonly struct Dual<T> : IAutodiffNumber<Dual<T>, T>
    where T : IFloatingPointIeee754<T>
{
    // The forward differentiation this number belongs to (0: none, combines with any; see Perturbation).
    private readonly long _tag;

    /// <summary>Creates a + b ε.</summary>
    /// <param name="value">The primal value a.</param>
    /// <param name="tangent">The tangent (directional derivative) b.</param>
    public Dual(T value, T tangent)
        : this(value, tangent, 0)
    {
    }

    internal Dual(T value, T tangent, long tag)
    {
        Value = value;
        Tangent = tangent;
        _tag = tag;
    }

    // The differentiation this number belongs to, for the combinators that seed and read it (see Perturbation).
    internal long Tag => _tag;

    /// <summary>The tangent, read by the differentiation tagged <paramref name="tag"/>: throws if it is another's.</summary>
    internal T TangentFor(long tag)
    {
        Perturbation.Own(_tag, tag);
        return Tangent;
    }

    /// <inheritdoc/>
    public T Value { get; }

    /// <summary>The tangent b: the derivative of this quantity along the seeded direction.</summary>
    public T Tangent { get; }

    /// <summary>The independent variable x + 1 ε, whose tangent seeds d/dx.</summary>
    public static Dual<T> Variable(T value) => new(value, T.One);

    /// <inheritdoc/>
    public static Dual<T> Constant(T value) => new(value, T.Zero);

    /// <summary>A plain number is a constant.</summary>
    public static implicit operator Dual<T>(T value) => Constant(value);

    /// <summary>(a + b ε) + (c + d ε) = (a + c) + (b + d) ε.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator +(Dual<T> left, Dual<T> right) =>
        new(left.Value + right.Value, left.Tangent + right.Tangent, Perturbation.Combine(left._tag, right._tag));

    /// <summary>(a + b ε) − (c + d ε) = (a − c) + (b − d) ε.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator -(Dual<T> left, Dual<T> right) =>
        new(left.Value - right.Value, left.Tangent - right.Tangent, Perturbation.Combine(left._tag, right._tag));

    /// <summary>−(a + b ε) = −a − b ε.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator -(Dual<T> value) => new(-value.Value, -value.Tangent, value._tag);

    /// <summary>The product rule: (a + b ε)(c + d ε) = ac + (ad + bc) ε.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator *(Dual<T> left, Dual<T> right) =>
        new(left.Value * right.Value, ChainRule.Sum(left.Value, right.Tangent, left.Tangent, right.Value), Perturbation.Combine(left._tag, right._tag));

    /// <summary>
    /// The quotient rule: (a + b ε)/(c + d ε) = a/c + (b − (a/c) d)/c ε, a zero tangent winning in the product and in the
    /// division (<see cref="ChainRule.Over{T}"/>): a constant over zero has tangent 0, not (0 − ∞·0)/0 = NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator /(Dual<T> left, Dual<T> right)
    {
        T quotient = left.Value / right.Value;
        T tangent = ChainRule.Over(left.Tangent - ChainRule.Times(quotient, right.Tangent), right.Value);
        return new(quotient, tangent, Perturbation.Combine(left._tag, right._tag));
    }

    /// <summary>f(a + b ε) = f(a) + f′(a) b ε, with f′ from the rule.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> Lift<TRule>(Dual<T> x, TRule rule) where TRule : struct, IUnaryRule
    {
        T fx = rule.F(x.Value);
        return new(fx, T.IsZero(x.Tangent) ? T.Zero : ChainRule.Times(rule.D1(x.Value, fx), x.Tangent), x._tag);
    }

    /// <summary>f(a + b ε, c + d ε) = f(a, c) + (∂₁f b + ∂₂f d) ε; a zero tangent skips its partial.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> Lift<TRule>(Dual<T> x, Dual<T> y, TRule rule) where TRule : struct, IBinaryRule
    {
        long tag = Perturbation.Combine(x._tag, y._tag);
        T f = rule.F(x.Value, y.Value);
        T tangent = T.Zero;
        if (!T.IsZero(x.Tangent))
            tangent += ChainRule.Times(rule.Dx(x.Value, y.Value, f), x.Tangent);
        if (!T.IsZero(y.Tangent))
            tangent += ChainRule.Times(rule.Dy(x.Value, y.Value, f), y.Tangent);
        return new(f, tangent, tag);
    }

    /// <inheritdoc cref="IAutodiffNumber{TSelf, T}"/>
    public static bool IsZero(Dual<T> value) => T.IsZero(value.Value) && T.IsZero(value.Tangent);

    /// <summary>Structural equality: value and tangent both equal (the operator <c>==</c> compares values only).</summary>
    public bool Equals(Dual<T> other) => Value.Equals(other.Value) && Tangent.Equals(other.Tangent);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Dual<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Value, Tangent);

    /// <summary>Formats as "a + bε".</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        $"{Value.ToString(format, formatProvider)} + {Tangent.ToString(format, formatProvider)}ε";

    /// <inheritdoc/>
    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);
}
