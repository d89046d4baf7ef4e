using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Autodiff;

/// <summary>
/// The one product of the chain rule: a local partial times a tangent (forward) or a cotangent times a local
/// partial (reverse), with the convention that <b>a zero factor wins</b>: 0 · ∞ = 0 · NaN = 0. A zero tangent or
/// cotangent (a constant, a branch not taken) or a zero local partial (x·x at 0, a constant 0 factor) contributes
/// nothing, even where the other factor is infinite or undefined (√ at 0, ln of a negative base); IEEE arithmetic
/// would turn it into NaN and poison the whole derivative. The quotient rule's last step, a tangent divided by the
/// divisor's value, follows the same convention (<see cref="Over{T}"/>): 0 / 0 = 0 / NaN = 0.
/// </summary>
/// <remarks>
/// Hot paths call <see cref="Times{T}"/> on every operation, so it costs one multiplication and one well-predicted
/// branch: the product is computed as usual and only a NaN result (rare) is recomputed with the zero guard.
/// For the nested dual numbers of second order (<c>Dual&lt;Dual&lt;T&gt;&gt;</c>, <c>Tracked&lt;Dual&lt;T&gt;&gt;</c>)
/// the factors are themselves dual numbers and the rule applies part by part:
/// (a₀ + a₁ε) ⊙ (b₀ + b₁ε) = a₀ ⊙ b₀ + (a₀ ⊙ b₁ + a₁ ⊙ b₀) ε, so a zero part wins in every part. Other number types
/// used as factors fall back to their structural zero (<see cref="INumberBase{TSelf}.IsZero"/>).
/// Primal values are never multiplied here: f(x) itself keeps IEEE semantics (0 · ∞ = NaN, as on <c>double</c>).
/// </remarks>
public static class ChainRule
{
    /// <summary>a · b, except that a zero factor makes the product 0 where IEEE would answer NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Times<T>(T a, T b) where T : IFloatingPointIeee754<T>
    {
        T product = a * b;
        // Fast path: a NaN product is rare (0 · ∞ or a NaN factor), so the branch predicts well.
        return T.IsNaN(product) ? Slow(a, b, product) : product;
    }

    /// <summary>
    /// a·b + c·d (the product rule's two terms, partial times tangent each) with a zero factor winning in each term.
    /// One NaN test for both terms: the sum is computed as usual and only a NaN sum (rare) is recomputed term by term.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum<T>(T a, T b, T c, T d) where T : IFloatingPointIeee754<T>
    {
        T sum = a * b + c * d;
        return T.IsNaN(sum) ? SlowSum(a, b, c, d) : sum;
    }

    /// <summary>
    /// n / d, the quotient rule's last step (a/b + (a′ − q b′)/b ε), except that a zero numerator makes the quotient 0
    /// where IEEE would answer NaN (0 / 0, 0 / NaN): the tangent of a constant over zero, (1 + 0ε)/(0 + 0ε), is 0, since
    /// a zero tangent contributes nothing, as a zero factor does in <see cref="Times{T}"/>. Part by part for dual numbers.
    /// </summary>
    /// <remarks>For tangents only: a primal quotient keeps IEEE semantics (0 / 0 = NaN, as on <c>double</c>).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Over<T>(T numerator, T divisor) where T : IFloatingPointIeee754<T>
    {
        T quotient = numerator / divisor;
        return T.IsNaN(quotient) ? SlowOver(numerator, divisor, quotient) : quotient;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T SlowSum<T>(T a, T b, T c, T d) where T : IFloatingPointIeee754<T> => Times(a, b) + Times(c, d);

    // Kept out of line so the inlined fast path stays one multiply and one test (nested duals inline it often).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T Slow<T>(T a, T b, T product) where T : IFloatingPointIeee754<T> => ZeroWins<T>.Times(a, b, product);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T SlowOver<T>(T n, T d, T quotient) where T : IFloatingPointIeee754<T> => ZeroWins<T>.Over(n, d, quotient);

    // The slow paths, chosen once per type: part by part for dual numbers, a zero check for everything else.
    private static class ZeroWins<T> where T : IFloatingPointIeee754<T>
    {
        public static readonly Func<T, T, T, T> Times = Choose(nameof(DualTimes), ScalarTimes);

        public static readonly Func<T, T, T, T> Over = Choose(nameof(DualOver), ScalarOver);

        private static Func<T, T, T, T> Choose(string onDuals, Func<T, T, T, T> onScalars)
        {
            Type type = typeof(T);
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(Dual<>))
                return onScalars;
            MethodInfo parts = typeof(ChainRule).GetMethod(onDuals, BindingFlags.NonPublic | BindingFlags.Static)!;
            return parts.MakeGenericMethod(type.GetGenericArguments()[0]).CreateDelegate<Func<T, T, T, T>>();
        }

        private static T ScalarTimes(T a, T b, T product) => T.IsZero(a) || T.IsZero(b) ? T.Zero : product;

        private static T ScalarOver(T n, T d, T quotient) => T.IsZero(n) ? T.Zero : quotient;
    }

    // (a₀ + a₁ε) ⊙ (b₀ + b₁ε) = a₀ ⊙ b₀ + (a₀ ⊙ b₁ + a₁ ⊙ b₀) ε. Only reached when the part product a₀b₀ is NaN;
    // the result keeps the perturbation tag the product already combined (and checked).
    private static Dual<U> DualTimes<U>(Dual<U> a, Dual<U> b, Dual<U> product) where U : IFloatingPointIeee754<U> =>
        new(Times(a.Value, b.Value), Times(a.Value, b.Tangent) + Times(a.Tangent, b.Value), product.Tag);

    // (n₀ + n₁ε) ⊘ (d₀ + d₁ε) = q₀ + ((n₁ − q₀ ⊙ d₁) ⊘ d₀) ε with q₀ = n₀ ⊘ d₀: Dual's quotient rule with every part a
    // tangent, so q₀ too is zero-wins. Only reached when the part quotient n₀/d₀ is NaN; the tag as in DualTimes.
    private static Dual<U> DualOver<U>(Dual<U> n, Dual<U> d, Dual<U> quotient) where U : IFloatingPointIeee754<U>
    {
        U q0 = Over(n.Value, d.Value);
        return new(q0, Over(n.Tangent - Times(q0, d.Tangent), d.Value), quotient.Tag);
    }
}
