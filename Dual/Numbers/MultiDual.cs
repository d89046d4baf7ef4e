using System.Globalization;
using System.Numerics;
using Autodiff.Rules;

namespace Autodiff;

/// <summary>
/// A dual number with K = <see cref="Width"/> = 4 independent perturbations, a + Σ_{i&lt;K} b_i ε_i with
/// ε_i ε_j = 0 for all i, j: forward mode along four directions at once (ForwardDiff's chunk mode). For f written
/// generically, f(x + Σ_i v_i ε_i) = f(x) + Σ_i (∇f(x)·v_i) ε_i, so one evaluation seeded with four unit vectors
/// yields four partial derivatives, and a gradient of n inputs takes ⌈n/4⌉ evaluations instead of n.
/// </summary>
/// <remarks>
/// Component i of the tangent follows exactly the arithmetic <see cref="Dual{T}"/>'s tangent follows when seeded with
/// v_i — same rules, same operand order, same zero-tangent convention — so the two give bit-identical derivatives;
/// the saving is the value a and the rule's partials, computed once for four directions. The tangent is stored
/// inline (no heap), and the number carries a perturbation tag like <see cref="Dual{T}"/> (see
/// <see cref="Perturbation"/>). See <see cref="IAutodiffNumber{TSelf, T}"/> for the shared conventions.
/// </remarks>
/// <typeparam name="T">The scalar type, e.g. <c>double</c>, or another number type of this library.</typeparam>
public readonly struct MultiDual<T> : IAutodiffNumber<MultiDual<T>, T>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>The number of perturbations K carried at once.</summary>
    public const int Width = 4;

    private readonly Partials<T> _tangent;

    // The forward differentiation this number belongs to (0: none, combines with any; see Perturbation).
    private readonly long _tag;

    /// <summary>Creates a + Σ_i b_i ε_i.</summary>
    /// <param name="value">The primal value a.</param>
    /// <param name="tangent">The tangent components b_0 … b_{k−1}, k ≤ <see cref="Width"/>; the rest are zero.</param>
    /// <exception cref="ArgumentException">tangent has more than <see cref="Width"/> components.</exception>
    public MultiDual(T value, ReadOnlySpan<T> tangent)
    {
        if (tangent.Length > Width)
            throw new ArgumentException(
                $"tangent has {tangent.Length} components; a {nameof(MultiDual<>)} carries at most {Width}.", nameof(tangent));
        Value = value;
        _tangent = new(At(tangent, 0), At(tangent, 1), At(tangent, 2), At(tangent, 3));
        _tag = 0;

        static T At(ReadOnlySpan<T> b, int i) => i < b.Length ? b[i] : T.Zero;
    }

    internal MultiDual(T value, Partials<T> tangent, long tag)
    {
        Value = value;
        _tangent = tangent;
        _tag = tag;
    }

    /// <summary>The tangent component b_i, read by the differentiation tagged <paramref name="tag"/>: throws if it is another's.</summary>
    internal T TangentFor(int i, long tag)
    {
        Perturbation.Own(_tag, tag);
        return _tangent[i];
    }

    /// <inheritdoc/>
    public T Value { get; }

    /// <summary>The tangent component b_i: the derivative of this quantity along the i-th seeded direction.</summary>
    /// <exception cref="ArgumentOutOfRangeException">i is not in [0, <see cref="Width"/>).</exception>
    public T Tangent(int i)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, Width);
        return _tangent[i];
    }

    /// <summary>The independent variable x + 1 ε_direction, whose tangent seeds d/dx in that component.</summary>
    /// <exception cref="ArgumentOutOfRangeException">direction is not in [0, <see cref="Width"/>).</exception>
    public static MultiDual<T> Variable(T value, int direction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(direction);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(direction, Width);
        return new(value, Partials<T>.Unit(direction), 0);
    }

    /// <inheritdoc/>
    public static MultiDual<T> Constant(T value) => new(value, Partials<T>.Zero, 0);

    /// <summary>A plain number is a constant.</summary>
    public static implicit operator MultiDual<T>(T value) => Constant(value);

    /// <summary>(a + Σ b_i ε_i) + (c + Σ d_i ε_i) = (a + c) + Σ (b_i + d_i) ε_i.</summary>
    public static MultiDual<T> operator +(MultiDual<T> left, MultiDual<T> right) =>
        new(left.Value + right.Value, left._tangent + right._tangent, Perturbation.Combine(left._tag, right._tag));

    /// <summary>(a + Σ b_i ε_i) − (c + Σ d_i ε_i) = (a − c) + Σ (b_i − d_i) ε_i.</summary>
    public static MultiDual<T> operator -(MultiDual<T> left, MultiDual<T> right) =>
        new(left.Value - right.Value, left._tangent - right._tangent, Perturbation.Combine(left._tag, right._tag));

    /// <summary>−(a + Σ b_i ε_i) = −a − Σ b_i ε_i.</summary>
    public static MultiDual<T> operator -(MultiDual<T> value) => new(-value.Value, -value._tangent, value._tag);

    /// <summary>The product rule per direction: (a + Σ b_i ε_i)(c + Σ d_i ε_i) = ac + Σ (a d_i + b_i c) ε_i.</summary>
    public static MultiDual<T> operator *(MultiDual<T> left, MultiDual<T> right) =>
        new(left.Value * right.Value, Partials<T>.Product(left.Value, right._tangent, left._tangent, right.Value), Perturbation.Combine(left._tag, right._tag));

    /// <summary>The quotient rule per direction: (a + Σ b_i ε_i)/(c + Σ d_i ε_i) = a/c + Σ (b_i − (a/c) d_i)/c ε_i.</summary>
    public static MultiDual<T> operator /(MultiDual<T> left, MultiDual<T> right)
    {
        T quotient = left.Value / right.Value;
        return new(quotient, Partials<T>.Over(left._tangent - Partials<T>.Times(quotient, right._tangent), right.Value), Perturbation.Combine(left._tag, right._tag));
    }

    /// <summary>f(a + Σ b_i ε_i) = f(a) + Σ f′(a) b_i ε_i, with f′ from the rule, computed once for all directions.</summary>
    public static MultiDual<T> Lift<TRule>(MultiDual<T> x, TRule rule) where TRule : struct, IUnaryRule
    {
        T fx = rule.F(x.Value);
        // A constant needs no partial (and must not meet one that is infinite or NaN).
        return new(fx, x._tangent.IsZero ? Partials<T>.Zero : Partials<T>.Chain(rule.D1(x.Value, fx), x._tangent), x._tag);
    }

    /// <summary>f(x, y) = f(a, c) + Σ (∂₁f b_i + ∂₂f d_i) ε_i; a zero tangent component skips its partial.</summary>
    public static MultiDual<T> Lift<TRule>(MultiDual<T> x, MultiDual<T> y, TRule rule) where TRule : struct, IBinaryRule
    {
        long tag = Perturbation.Combine(x._tag, y._tag);
        T f = rule.F(x.Value, y.Value);
        // Each partial is computed only if some direction needs it; a skipped one is never read (its components are 0).
        T dx = x._tangent.IsZero ? T.Zero : rule.Dx(x.Value, y.Value, f);
        T dy = y._tangent.IsZero ? T.Zero : rule.Dy(x.Value, y.Value, f);
        return new(f, Partials<T>.Chain(dx, x._tangent, dy, y._tangent), tag);
    }

    /// <inheritdoc cref="IAutodiffNumber{TSelf, T}"/>
    public static bool IsZero(MultiDual<T> value) => T.IsZero(value.Value) && value._tangent.IsZero;

    /// <summary>Structural equality: value and every tangent component equal (the operator <c>==</c> compares values only).</summary>
    public bool Equals(MultiDual<T> other) => Value.Equals(other.Value) && _tangent.Equals(other._tangent);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MultiDual<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Value, _tangent);

    /// <summary>Formats as "a + b₀ε₀ + b₁ε₁ + b₂ε₂ + b₃ε₃".</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        $"{Value.ToString(format, formatProvider)} + {_tangent[0].ToString(format, formatProvider)}ε₀ + " +
        $"{_tangent[1].ToString(format, formatProvider)}ε₁ + {_tangent[2].ToString(format, formatProvider)}ε₂ + " +
        $"{_tangent[3].ToString(format, formatProvider)}ε₃";

    /// <inheritdoc/>
    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);
}
