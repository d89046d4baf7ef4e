using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Autodiff.Rules;

namespace Autodiff;

/// <summary>
/// The reverse-mode scalar: a value whose operations are recorded on the tape of one differentiation, so that a
/// single backward sweep yields ∂output/∂input for every input (see <see cref="Reverse"/>).
/// </summary>
/// <remarks>
/// <para>Immutable, 24 bytes for <c>double</c> (the value, the tape, the index of its record). A value with no
/// tape is a constant: operations on constants record nothing. Values are made by the <see cref="Reverse"/>
/// combinators; user code only computes with them, generically.</para>
/// <para>Generic over its scalar, so reverse mode runs over <c>Dual&lt;double&gt;</c> (forward-over-reverse
/// Hessian-vector products) and over itself (<c>Tracked&lt;Tracked&lt;double&gt;&gt;</c>, reverse-over-reverse).
/// Values from two different differentiations must not meet in one operation: that throws, as does computing with
/// a value after its differentiation has finished. Comparisons and the other conventions are those of
/// <see cref="IAutodiffNumber{TSelf, T}"/>.</para>
/// </remarks>
/// <typeparam name="T">The scalar type.</typeparam>
public readonly struct Tracked<T> : IAutodiffNumber<Tracked<T>, T>
    where T : IFloatingPointIeee754<T>
{
    private readonly Tape<T>? _tape;
    private readonly int _index;

    internal Tracked(T value, Tape<T>? tape, int index)
    {
        Value = value;
        _tape = tape;
        _index = index;
    }

    /// <inheritdoc/>
    public T Value { get; }

    /// <summary>True for a constant: a value that depends on no input of a differentiation.</summary>
    public bool IsConstant => _tape is null;

    internal Tape<T>? Tape => _tape;

    internal int Index => _tape is null ? Tape<T>.None : _index;

    /// <inheritdoc/>
    public static Tracked<T> Constant(T value) => new(value, null, Tape<T>.None);

    /// <summary>A plain number is a constant.</summary>
    public static implicit operator Tracked<T>(T value) => Constant(value);

    /// <summary>z = x + y; ∂z/∂x = 1, ∂z/∂y = 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Tracked<T> operator +(Tracked<T> left, Tracked<T> right) =>
        Record(left.Value + right.Value, left, T.One, right, T.One);

    /// <summary>z = x − y; ∂z/∂x = 1, ∂z/∂y = −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Tracked<T> operator -(Tracked<T> left, Tracked<T> right) =>
        Record(left.Value - right.Value, left, T.One, right, T.NegativeOne);

    /// <summary>z = −x; ∂z/∂x = −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Tracked<T> operator -(Tracked<T> value) =>
        value._tape is null ? Constant(-value.Value) : value._tape.Push(-value.Value, value._index, T.NegativeOne);

    /// <summary>z = xy; ∂z/∂x = y, ∂z/∂y = x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Tracked<T> operator *(Tracked<T> left, Tracked<T> right) =>
        Record(left.Value * right.Value, left, right.Value, right, left.Value);

    /// <summary>z = x/y; ∂z/∂x = 1/y, ∂z/∂y = −z/y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Tracked<T> operator /(Tracked<T> left, Tracked<T> right)
    {
        T quotient = left.Value / right.Value;
        return Record(quotient, left, T.One / right.Value, right, -quotient / right.Value);
    }

    /// <summary>Records f(x) with the local partial f′(x) from the rule.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Tracked<T> Lift<TRule>(Tracked<T> x, TRule rule) where TRule : struct, IUnaryRule
    {
        T fx = rule.F(x.Value);
        return x._tape is null ? Constant(fx) : x._tape.Push(fx, x._index, rule.D1(x.Value, fx));
    }

    /// <summary>Records f(x, y) with the partials of the rule; a constant argument's partial is not computed.</summary>
    public static Tracked<T> Lift<TRule>(Tracked<T> x, Tracked<T> y, TRule rule) where TRule : struct, IBinaryRule
    {
        T f = rule.F(x.Value, y.Value);
        // Stryker disable Conditional : a constant's partial is never recorded; not computing it only saves work.
        T dx = x._tape is null ? T.Zero : rule.Dx(x.Value, y.Value, f);
        T dy = y._tape is null ? T.Zero : rule.Dy(x.Value, y.Value, f);
        // Stryker restore Conditional
        return Record(f, x, dx, y, dy);
    }

    // Records z with partials dx, dy on the tape x and y share; a constant operand adds no edge.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Tracked<T> Record(T value, Tracked<T> x, T dx, Tracked<T> y, T dy)
    {
        Tape<T>? tape = SharedTape(x, y);
        if (tape is null)
            return Constant(value);
        if (y._tape is null)
            return tape.Push(value, x._index, dx);
        if (x._tape is null)
            return tape.Push(value, y._index, dy);
        return tape.Push(value, x._index, dx, y._index, dy);
    }

    private static Tape<T>? SharedTape(Tracked<T> x, Tracked<T> y) => SharedTape(x._tape, y._tape);

    /// <summary>The tape two values share (null when both are constants); two different tapes are an error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Tape<T>? SharedTape(Tape<T>? x, Tape<T>? y) =>
        x is null ? y : y is null || ReferenceEquals(x, y) ? x : ThrowMixed();

    [DoesNotReturn]
    private static Tape<T> ThrowMixed() => throw new InvalidOperationException(
                "Values from two different differentiations met in one operation. To differentiate inside a " +
                "differentiated function, nest the number types (e.g. Tracked<Tracked<double>>) instead of reusing " +
                "the outer function's values in the inner one.");

    /// <summary>Structural zero: the constant 0 (a variable is never zero in this sense, whatever its value).</summary>
    public static bool IsZero(Tracked<T> value) => value._tape is null && T.IsZero(value.Value);

    /// <summary>Structural equality: same value, same record (the operator <c>==</c> compares values only).</summary>
    public bool Equals(Tracked<T> other) =>
        Value.Equals(other.Value) && ReferenceEquals(_tape, other._tape) && Index == other.Index;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Tracked<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Value, Index);

    /// <summary>Formats the value, with the record it stands for ("1.5 @3", or "1.5" for a constant).</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        _tape is null ? Value.ToString(format, formatProvider) : $"{Value.ToString(format, formatProvider)} @{_index}";

    /// <inheritdoc/>
    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);
}
