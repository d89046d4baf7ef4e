using System.Globalization;
using System.Numerics;
using Autodiff.Rules;

namespace Autodiff;

/// <summary>
/// A hyper-dual number a + b ε₁ + c ε₂ + d ε₁ε₂ with ε₁² = ε₂² = 0 and ε₁ε₂ ≠ 0 (Fike &amp; Alonso, 2011):
/// exact second derivatives with no step size. Seeding x + ε₁ + ε₂ gives f(x), f′(x) in <see cref="E1"/> and
/// <see cref="E2"/>, and f″(x) in <see cref="E1E2"/>; seeding x + eᵢ ε₁ + eⱼ ε₂ gives ∂²f/∂xᵢ∂xⱼ.
/// </summary>
/// <remarks>
/// The hyper-dual numbers are the dual numbers over the dual numbers: a + b ε₁ + c ε₂ + d ε₁ε₂ =
/// (a + c ε₂) + (b + d ε₂) ε₁. This type is that isomorphism with named parts, and every operation runs on
/// <c>Dual&lt;Dual&lt;T&gt;&gt;</c>, so the second-derivative calculus is not written a second time: f″ comes from
/// differentiating each rule's generic f′ once more.
/// </remarks>
/// <typeparam name="T">The scalar type.</typeparam>
public readonly struct HyperDual<T> : IAutodiffNumber<HyperDual<T>, T>
    where T : IFloatingPointIeee754<T>
{
    private readonly Dual<Dual<T>> _nested;

    /// <summary>Creates a + b ε₁ + c ε₂ + d ε₁ε₂.</summary>
    public HyperDual(T value, T e1, T e2, T e1e2) => _nested = new(new(value, e2), new(e1, e1e2));

    // The outer level carries the differentiation's tag. It is enough: every operation on a tagged hyper-dual number
    // yields a tagged one, whatever its parts, so a result that depends on another differentiation's number carries
    // that number's tag; the inner level stays untagged (its tag checks then cost a compare, not a branch taken).
    internal HyperDual(T value, T e1, T e2, T e1e2, long tag) =>
        _nested = new(new(value, e2), new(e1, e1e2), tag);

    private HyperDual(Dual<Dual<T>> nested) => _nested = nested;

    /// <summary>The ε₁ε₂ part, read by the differentiation tagged <paramref name="tag"/>: throws if the number is another's.</summary>
    internal T E1E2For(long tag)
    {
        Perturbation.Own(_nested.Tag, tag);
        return E1E2;
    }

    /// <inheritdoc/>
    public T Value => _nested.Value.Value;

    /// <summary>The ε₁ part: the derivative along the first seed.</summary>
    public T E1 => _nested.Tangent.Value;

    /// <summary>The ε₂ part: the derivative along the second seed.</summary>
    public T E2 => _nested.Value.Tangent;

    /// <summary>The ε₁ε₂ part: the mixed second derivative along both seeds.</summary>
    public T E1E2 => _nested.Tangent.Tangent;

    /// <summary>The variable x + ε₁ + ε₂, which seeds f′ in E1 and E2 and f″ in E1E2.</summary>
    public static HyperDual<T> Variable(T value) => new(value, T.One, T.One, T.Zero);

    /// <inheritdoc/>
    public static HyperDual<T> Constant(T value) => new(value, T.Zero, T.Zero, T.Zero);

    /// <summary>A plain number is a constant.</summary>
    public static implicit operator HyperDual<T>(T value) => Constant(value);

    /// <summary>Componentwise sum.</summary>
    public static HyperDual<T> operator +(HyperDual<T> left, HyperDual<T> right) => new(left._nested + right._nested);

    /// <summary>Componentwise difference.</summary>
    public static HyperDual<T> operator -(HyperDual<T> left, HyperDual<T> right) => new(left._nested - right._nested);

    /// <summary>Componentwise negation.</summary>
    public static HyperDual<T> operator -(HyperDual<T> value) => new(-value._nested);

    /// <summary>The product rule applied twice (ε₁ε₂ part: ad′ + bc′ + cb′ + da′).</summary>
    public static HyperDual<T> operator *(HyperDual<T> left, HyperDual<T> right) => new(left._nested * right._nested);

    /// <summary>The quotient rule applied twice.</summary>
    public static HyperDual<T> operator /(HyperDual<T> left, HyperDual<T> right) => new(left._nested / right._nested);

    /// <summary>f(x) with ε₁ε₂ part f′(a) d + f″(a) b c, f″ from differentiating the rule's f′.</summary>
    public static HyperDual<T> Lift<TRule>(HyperDual<T> x, TRule rule) where TRule : struct, IUnaryRule =>
        new(Dual<Dual<T>>.Lift(x._nested, rule));

    /// <summary>f(x, y) to second order, with the Hessian of f from differentiating the rule's partials.</summary>
    public static HyperDual<T> Lift<TRule>(HyperDual<T> x, HyperDual<T> y, TRule rule) where TRule : struct, IBinaryRule =>
        new(Dual<Dual<T>>.Lift(x._nested, y._nested, rule));

    /// <inheritdoc cref="IAutodiffNumber{TSelf, T}"/>
    public static bool IsZero(HyperDual<T> value) => Dual<Dual<T>>.IsZero(value._nested);

    /// <summary>Structural equality of all four parts (the operator <c>==</c> compares values only).</summary>
    public bool Equals(HyperDual<T> other) => _nested.Equals(other._nested);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is HyperDual<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _nested.GetHashCode();

    /// <summary>Formats as "a + bε₁ + cε₂ + dε₁ε₂".</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        $"{Value.ToString(format, formatProvider)} + {E1.ToString(format, formatProvider)}ε₁ + " +
        $"{E2.ToString(format, formatProvider)}ε₂ + {E1E2.ToString(format, formatProvider)}ε₁ε₂";

    /// <inheritdoc/>
    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);
}
