using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Autodiff.Rules;

namespace Autodiff;

/// <summary>
/// A hyper-dual number a + b ε₁ + c ε₂ + d ε₁ε₂ with ε₁² = ε₂² = 0 and ε₁ε₂ ≠ 0 (Fike &amp; Alonso, 2011):
/// exact second derivatives with no step size. Seeding x + ε₁ + ε₂ gives f(x), f′(x) in <see cref="E1"/> and
/// <see cref="E2"/>, and f″(x) in <see cref="E1E2"/>; seeding x + eᵢ ε₁ + eⱼ ε₂ gives ∂²f/∂xᵢ∂xⱼ.
/// </summary>
/// <remarks>
/// The hyper-dual numbers are the dual numbers over the dual numbers: a + b ε₁ + c ε₂ + d ε₁ε₂ =
/// (a + c ε₂) + (b + d ε₂) ε₁. The arithmetic below is that of <c>Dual&lt;Dual&lt;T&gt;&gt;</c> written out on the
/// four parts (one tag, no inner numbers to build), and the second-derivative calculus is not written a second
/// time: f″ comes from running each rule's generic f′ on a <see cref="Dual{T}"/>,
/// f(a + b ε₁ + c ε₂ + d ε₁ε₂) = f(a) + f′(a) b ε₁ + f′(a) c ε₂ + (f′(a) d + f″(a) b c) ε₁ε₂.
/// </remarks>
/// <typeparam name="T">The scalar type.</typeparam>
public readonly struct HyperDual<T> : IAutodiffNumber<HyperDual<T>, T>
    where T : IFloatingPointIeee754<T>
{
    // The forward differentiation this number belongs to (0: none, combines with any; see Perturbation).
    private readonly long _tag;

    /// <summary>Creates a + b ε₁ + c ε₂ + d ε₁ε₂.</summary>
    public HyperDual(T value, T e1, T e2, T e1e2)
        : this(value, e1, e2, e1e2, 0)
    {
    }

    internal HyperDual(T value, T e1, T e2, T e1e2, long tag)
    {
        Value = value;
        E1 = e1;
        E2 = e2;
        E1E2 = e1e2;
        _tag = tag;
    }

    /// <summary>The ε₁ε₂ part, read by the differentiation tagged <paramref name="tag"/>: throws if the number is another's.</summary>
    internal T E1E2For(long tag)
    {
        Perturbation.Own(_tag, tag);
        return E1E2;
    }

    /// <inheritdoc/>
    public T Value { get; }

    /// <summary>The ε₁ part: the derivative along the first seed.</summary>
    public T E1 { get; }

    /// <summary>The ε₂ part: the derivative along the second seed.</summary>
    public T E2 { get; }

    /// <summary>The ε₁ε₂ part: the mixed second derivative along both seeds.</summary>
    public T E1E2 { get; }

    /// <summary>The variable x + ε₁ + ε₂, which seeds f′ in E1 and E2 and f″ in E1E2.</summary>
    public static HyperDual<T> Variable(T value) => new(value, T.One, T.One, T.Zero);

    /// <inheritdoc/>
    public static HyperDual<T> Constant(T value) => new(value, T.Zero, T.Zero, T.Zero);

    /// <summary>A plain number is a constant.</summary>
    public static implicit operator HyperDual<T>(T value) => Constant(value);

    // The operations ask to be inlined: a 40-byte number passed to or returned from a call is copied with vector moves
    // that stall on the callee's scalar stores (failed store forwarding), which cost more than the arithmetic itself.

    /// <summary>Componentwise sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> operator +(HyperDual<T> left, HyperDual<T> right) =>
        new(left.Value + right.Value, left.E1 + right.E1, left.E2 + right.E2, left.E1E2 + right.E1E2,
            Perturbation.Combine(left._tag, right._tag));

    /// <summary>Componentwise difference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> operator -(HyperDual<T> left, HyperDual<T> right) =>
        new(left.Value - right.Value, left.E1 - right.E1, left.E2 - right.E2, left.E1E2 - right.E1E2,
            Perturbation.Combine(left._tag, right._tag));

    /// <summary>Componentwise negation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> operator -(HyperDual<T> value) =>
        new(-value.Value, -value.E1, -value.E2, -value.E1E2, value._tag);

    /// <summary>The product rule applied twice: (a, b, c, d)(a′, b′, c′, d′) = (aa′, ab′ + ba′, ac′ + ca′, ad′ + cb′ + bc′ + da′).</summary>
    /// <remarks>
    /// The parts are computed as plain products under one NaN test; only a NaN part (rare) recomputes them with
    /// <see cref="ChainRule"/>'s zero-wins products. That gives the same parts as testing each term, in a quarter of the
    /// inlined code: a function's operations share one JIT inlining budget, and a 40-byte number an operation is not
    /// inlined into costs more than its arithmetic.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> operator *(HyperDual<T> left, HyperDual<T> right)
    {
        T e1 = left.Value * right.E1 + left.E1 * right.Value;
        T e2 = left.Value * right.E2 + left.E2 * right.Value;
        T e1e2 = (left.Value * right.E1E2 + left.E2 * right.E1) + (left.E1 * right.E2 + left.E1E2 * right.Value);
        long tag = Perturbation.Combine(left._tag, right._tag);
        // Stryker disable once Arithmetic : the sum only tests the parts for NaN (a NaN part makes any ± of them NaN);
        // a false alarm (∞ − ∞) takes the zero-wins path, which gives the same parts.
        bool anyNaN = T.IsNaN(e1 + e2 + e1e2);
        return anyNaN ? ProductZeroWins(left, right, tag) : new(left.Value * right.Value, e1, e2, e1e2, tag);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static HyperDual<T> ProductZeroWins(HyperDual<T> left, HyperDual<T> right, long tag) =>
        new(left.Value * right.Value,
            ChainRule.Sum(left.Value, right.E1, left.E1, right.Value),
            ChainRule.Sum(left.Value, right.E2, left.E2, right.Value),
            ChainRule.Sum(left.Value, right.E1E2, left.E2, right.E1) + ChainRule.Sum(left.E1, right.E2, left.E1E2, right.Value),
            tag);

    /// <summary>
    /// The quotient rule applied twice, as on <c>Dual&lt;Dual&lt;T&gt;&gt;</c>: with q = a/a′ + q₂ ε₂ the quotient of the
    /// ε₂-duals, the ε₁ part is (b + d ε₂ − q (b′ + d′ ε₂)) / (a′ + c′ ε₂).
    /// </summary>
    /// <remarks>
    /// Plain products and quotients under one NaN test, as for the product; a NaN part recomputes them zero-wins
    /// (<see cref="ChainRule.Times{T}"/>, <see cref="ChainRule.Over{T}"/>), so a constant over zero has zero parts.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> operator /(HyperDual<T> left, HyperDual<T> right)
    {
        T q = left.Value / right.Value;
        T q2 = (left.E2 - q * right.E2) / right.Value;
        T e1 = (left.E1 - q * right.E1) / right.Value;
        T e1e2 = (left.E1E2 - (q * right.E1E2 + q2 * right.E1) - e1 * right.E2) / right.Value;
        long tag = Perturbation.Combine(left._tag, right._tag);
        // Stryker disable once Arithmetic : a NaN test of the parts, as in the product.
        bool anyNaN = T.IsNaN(q2 + e1 + e1e2);
        return anyNaN ? QuotientZeroWins(left, right, tag) : new(q, e1, q2, e1e2, tag);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static HyperDual<T> QuotientZeroWins(HyperDual<T> left, HyperDual<T> right, long tag)
    {
        T q = left.Value / right.Value;
        T q2 = ChainRule.Over(left.E2 - ChainRule.Times(q, right.E2), right.Value);
        T e1 = ChainRule.Over(left.E1 - ChainRule.Times(q, right.E1), right.Value);
        T e1e2 = ChainRule.Over(left.E1E2 - ChainRule.Sum(q, right.E1E2, q2, right.E1) - ChainRule.Times(e1, right.E2), right.Value);
        return new(q, e1, q2, e1e2, tag);
    }

    /// <summary>
    /// f(x) = f(a) + f′(a) b ε₁ + f′(a) c ε₂ + (f′(a) d + f″(a) c b) ε₁ε₂, with f″(a) c the tangent of the rule's f′ run
    /// on the dual number a + c ε₂ (so f″ is never written by hand); a zero part skips what it multiplies.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> Lift<TRule>(HyperDual<T> x, TRule rule) where TRule : struct, IUnaryRule
    {
        T f = rule.F(x.Value);
        if (x.IsConstantPart)
            return new(f, T.Zero, T.Zero, T.Zero, x._tag);
        T d1 = rule.D1(x.Value, f);
        T e1 = ChainRule.Times(d1, x.E1);
        T e2 = ChainRule.Times(d1, x.E2);
        // f″(a) c: the ε₂ part of f′ at a + c ε₂, where f(a + c ε₂) = f(a) + f′(a) c ε₂.
        T d2c = T.IsZero(x.E1) || T.IsZero(x.E2)
            ? T.Zero
            : rule.D1(new Dual<T>(x.Value, x.E2), new Dual<T>(f, e2)).Tangent;
        return new(f, e1, e2, ChainRule.Sum(d1, x.E1E2, d2c, x.E1), x._tag);
    }

    /// <summary>
    /// f(x, y) to second order: first parts ∂ₓf·bₓ + ∂ᵧf·bᵧ (likewise for c, d), and the ε₁ε₂ part
    /// ∂ₓf dₓ + ∂ᵧf dᵧ + bᵀ H c, with H c the tangents of the rule's partials run on the duals (a + c ε₂).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> Lift<TRule>(HyperDual<T> x, HyperDual<T> y, TRule rule) where TRule : struct, IBinaryRule
    {
        long tag = Perturbation.Combine(x._tag, y._tag);
        T f = rule.F(x.Value, y.Value);
        T dx = x.IsConstantPart ? T.Zero : rule.Dx(x.Value, y.Value, f);
        T dy = y.IsConstantPart ? T.Zero : rule.Dy(x.Value, y.Value, f);
        T e1 = ChainRule.Sum(dx, x.E1, dy, y.E1);
        T e2 = ChainRule.Sum(dx, x.E2, dy, y.E2);
        T e1e2 = ChainRule.Sum(dx, x.E1E2, dy, y.E1E2);
        if (!(T.IsZero(x.E1) && T.IsZero(y.E1)) && !(T.IsZero(x.E2) && T.IsZero(y.E2)))
        {
            // H c: the ε₂ parts of the partials at (a + c ε₂), where f(a + c ε₂) = f(a) + (∂ₓf cₓ + ∂ᵧf c_y) ε₂.
            Dual<T> xc = new(x.Value, x.E2), yc = new(y.Value, y.E2), fc = new(f, e2);
            T hcx = T.IsZero(x.E1) ? T.Zero : rule.Dx(xc, yc, fc).Tangent;
            T hcy = T.IsZero(y.E1) ? T.Zero : rule.Dy(xc, yc, fc).Tangent;
            e1e2 += ChainRule.Sum(hcx, x.E1, hcy, y.E1);
        }
        return new(f, e1, e2, e1e2, tag);
    }

    // No derivative part: the partials need not be evaluated (a zero part wins over an infinite partial anyway).
    private bool IsConstantPart
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => T.IsZero(E1) && T.IsZero(E2) && T.IsZero(E1E2);
    }

    /// <inheritdoc cref="IAutodiffNumber{TSelf, T}"/>
    public static bool IsZero(HyperDual<T> value) => T.IsZero(value.Value) && value.IsConstantPart;

    /// <summary>Structural equality of all four parts (the operator <c>==</c> compares values only).</summary>
    public bool Equals(HyperDual<T> other) =>
        Value.Equals(other.Value) && E1.Equals(other.E1) && E2.Equals(other.E2) && E1E2.Equals(other.E1E2);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is HyperDual<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Value, E1, E2, E1E2);

    /// <summary>Formats as "a + bε₁ + cε₂ + dε₁ε₂".</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        $"{Value.ToString(format, formatProvider)} + {E1.ToString(format, formatProvider)}ε₁ + " +
        $"{E2.ToString(format, formatProvider)}ε₂ + {E1E2.ToString(format, formatProvider)}ε₁ε₂";

    /// <inheritdoc/>
    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);
}
