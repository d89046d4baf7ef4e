using System.Numerics;

namespace Autodiff;

/// <summary>
/// The tangent (b₀, b₁, b₂, b₃) of a <see cref="MultiDual{T}"/>: a vector of K = 4 partials stored inline in four
/// fields, with the vector-space operations the number's calculus needs and nothing else.
/// </summary>
/// <remarks>
/// Four named fields rather than an array or a loop: the struct lives in registers or on the stack (no heap), and the
/// JIT sees four independent multiplications it can schedule. Every operation keeps the operand order of the scalar
/// expression it stands for (s·b or b·s), so that component i rounds exactly as <see cref="Dual{T}"/>'s tangent does
/// — for nested T too, whose multiplication is not bitwise commutative.
/// </remarks>
internal readonly struct Partials<T>
    where T : IFloatingPointIeee754<T>
{
    private readonly T _b0, _b1, _b2, _b3;

    public Partials(T b0, T b1, T b2, T b3)
    {
        _b0 = b0;
        _b1 = b1;
        _b2 = b2;
        _b3 = b3;
    }

    /// <summary>The zero tangent.</summary>
    public static Partials<T> Zero => new(T.Zero, T.Zero, T.Zero, T.Zero);

    /// <summary>The unit vector e_i: direction i seeded, the others zero.</summary>
    public static Partials<T> Unit(int i) =>
        new(i == 0 ? T.One : T.Zero, i == 1 ? T.One : T.Zero, i == 2 ? T.One : T.Zero, i == 3 ? T.One : T.Zero);

    /// <summary>b_i, for 0 ≤ i &lt; 4 (callers check the range).</summary>
    public T this[int i] => i switch
    {
        0 => _b0,
        1 => _b1,
        2 => _b2,
        _ => _b3,
    };

    /// <summary>True when every component is zero.</summary>
    public bool IsZero => T.IsZero(_b0) && T.IsZero(_b1) && T.IsZero(_b2) && T.IsZero(_b3);

    public static Partials<T> operator +(Partials<T> a, Partials<T> b) => new(a._b0 + b._b0, a._b1 + b._b1, a._b2 + b._b2, a._b3 + b._b3);

    public static Partials<T> operator -(Partials<T> a, Partials<T> b) => new(a._b0 - b._b0, a._b1 - b._b1, a._b2 - b._b2, a._b3 - b._b3);

    public static Partials<T> operator -(Partials<T> a) => new(-a._b0, -a._b1, -a._b2, -a._b3);

    /// <summary>b_i / s in <see cref="ChainRule.Over{T}"/>'s zero-wins form (as Dual's ÷): a zero component stays 0.</summary>
    public static Partials<T> Over(Partials<T> b, T s) =>
        new(ChainRule.Over(b._b0, s), ChainRule.Over(b._b1, s), ChainRule.Over(b._b2, s), ChainRule.Over(b._b3, s));

    /// <summary>
    /// The chain rule's d·b_i, with 0 where b_i = 0: a zero tangent contributes zero whatever the partial d (∞ at √0,
    /// NaN for ln of a negative base), exactly as <see cref="Dual{T}.Lift{TRule}(Dual{T}, TRule)"/>.
    /// </summary>
    public static Partials<T> Chain(T d, Partials<T> b) =>
        new(Term(d, b._b0), Term(d, b._b1), Term(d, b._b2), Term(d, b._b3));

    /// <summary>
    /// The two-argument chain rule ∂ₓf·bx_i + ∂ᵧf·by_i, each term skipped where its tangent component is zero and
    /// summed from 0 in the order <see cref="Dual{T}.Lift{TRule}(Dual{T}, Dual{T}, TRule)"/> sums them.
    /// </summary>
    public static Partials<T> Chain(T dx, Partials<T> bx, T dy, Partials<T> by) =>
        new(Sum(dx, bx._b0, dy, by._b0), Sum(dx, bx._b1, dy, by._b1), Sum(dx, bx._b2, dy, by._b2), Sum(dx, bx._b3, dy, by._b3));

    /// <summary>The product rule per direction, a·d_i + b_i·c, in <see cref="ChainRule.Sum{T}"/>'s zero-wins form (as Dual's ×).</summary>
    public static Partials<T> Product(T a, Partials<T> d, Partials<T> b, T c) =>
        new(ChainRule.Sum(a, d._b0, b._b0, c), ChainRule.Sum(a, d._b1, b._b1, c),
            ChainRule.Sum(a, d._b2, b._b2, c), ChainRule.Sum(a, d._b3, b._b3, c));

    /// <summary>s·b_i in <see cref="ChainRule.Times{T}"/>'s zero-wins form (as Dual's ÷).</summary>
    public static Partials<T> Times(T s, Partials<T> b) =>
        new(ChainRule.Times(s, b._b0), ChainRule.Times(s, b._b1), ChainRule.Times(s, b._b2), ChainRule.Times(s, b._b3));

    private static T Term(T d, T b) => T.IsZero(b) ? T.Zero : ChainRule.Times(d, b);

    private static T Sum(T dx, T bx, T dy, T by)
    {
        T sum = T.Zero;
        if (!T.IsZero(bx))
            sum += ChainRule.Times(dx, bx);
        if (!T.IsZero(by))
            sum += ChainRule.Times(dy, by);
        return sum;
    }

    public bool Equals(Partials<T> other) =>
        _b0.Equals(other._b0) && _b1.Equals(other._b1) && _b2.Equals(other._b2) && _b3.Equals(other._b3);

    public override bool Equals(object? obj) => obj is Partials<T> other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_b0, _b1, _b2, _b3);
}
