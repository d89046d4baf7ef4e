using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace Autodiff;

// The members of IFloatingPointIeee754 that carry no calculus: constants, classification, comparison,
// parsing, formatting, conversion and bit layout. Each delegates to the primal value, once for every number type.
public partial interface IAutodiffNumber<TSelf, T>
{
    // Constants have every derivative part zero.
    static TSelf INumberBase<TSelf>.Zero => TSelf.Constant(T.Zero);
    static TSelf INumberBase<TSelf>.One => TSelf.Constant(T.One);
    static TSelf ISignedNumber<TSelf>.NegativeOne => TSelf.Constant(T.NegativeOne);
    static TSelf IAdditiveIdentity<TSelf, TSelf>.AdditiveIdentity => TSelf.Constant(T.Zero);
    static TSelf IMultiplicativeIdentity<TSelf, TSelf>.MultiplicativeIdentity => TSelf.Constant(T.One);
    static TSelf IFloatingPointConstants<TSelf>.E => TSelf.Constant(T.E);
    static TSelf IFloatingPointConstants<TSelf>.Pi => TSelf.Constant(T.Pi);
    static TSelf IFloatingPointConstants<TSelf>.Tau => TSelf.Constant(T.Tau);
    static TSelf IFloatingPointIeee754<TSelf>.Epsilon => TSelf.Constant(T.Epsilon);
    static TSelf IFloatingPointIeee754<TSelf>.NaN => TSelf.Constant(T.NaN);
    static TSelf IFloatingPointIeee754<TSelf>.NegativeInfinity => TSelf.Constant(T.NegativeInfinity);
    static TSelf IFloatingPointIeee754<TSelf>.PositiveInfinity => TSelf.Constant(T.PositiveInfinity);
    static TSelf IFloatingPointIeee754<TSelf>.NegativeZero => TSelf.Constant(T.NegativeZero);
    static int INumberBase<TSelf>.Radix => T.Radix;

    // Unary plus, increment and decrement shift the value and keep the derivative parts.
    static TSelf IUnaryPlusOperators<TSelf, TSelf>.operator +(TSelf value) => value;
    static TSelf IIncrementOperators<TSelf>.operator ++(TSelf value) => value + TSelf.Constant(T.One);
    static TSelf IDecrementOperators<TSelf>.operator --(TSelf value) => value - TSelf.Constant(T.One);
    static TSelf IFloatingPointIeee754<TSelf>.BitIncrement(TSelf x) => x + TSelf.Constant(T.BitIncrement(x.Value) - x.Value);
    static TSelf IFloatingPointIeee754<TSelf>.BitDecrement(TSelf x) => x + TSelf.Constant(T.BitDecrement(x.Value) - x.Value);
    static int IFloatingPointIeee754<TSelf>.ILogB(TSelf x) => T.ILogB(x.Value);

    // Comparison and equality operators look at the primal value.
    static bool IEqualityOperators<TSelf, TSelf, bool>.operator ==(TSelf left, TSelf right) => left.Value == right.Value;
    static bool IEqualityOperators<TSelf, TSelf, bool>.operator !=(TSelf left, TSelf right) => left.Value != right.Value;
    static bool IComparisonOperators<TSelf, TSelf, bool>.operator <(TSelf left, TSelf right) => left.Value < right.Value;
    static bool IComparisonOperators<TSelf, TSelf, bool>.operator <=(TSelf left, TSelf right) => left.Value <= right.Value;
    static bool IComparisonOperators<TSelf, TSelf, bool>.operator >(TSelf left, TSelf right) => left.Value > right.Value;
    static bool IComparisonOperators<TSelf, TSelf, bool>.operator >=(TSelf left, TSelf right) => left.Value >= right.Value;
    int IComparable<TSelf>.CompareTo(TSelf other) => Value.CompareTo(other.Value);
    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        TSelf other => Value.CompareTo(other.Value),
        _ => throw new ArgumentException($"Object must be of type {typeof(TSelf).Name}.", nameof(obj)),
    };

    // Classification looks at the primal value (IsZero, structural, is each type's own).
    static bool INumberBase<TSelf>.IsCanonical(TSelf value) => T.IsCanonical(value.Value);
    static bool INumberBase<TSelf>.IsComplexNumber(TSelf value) => T.IsComplexNumber(value.Value);
    static bool INumberBase<TSelf>.IsEvenInteger(TSelf value) => T.IsEvenInteger(value.Value);
    static bool INumberBase<TSelf>.IsFinite(TSelf value) => T.IsFinite(value.Value);
    static bool INumberBase<TSelf>.IsImaginaryNumber(TSelf value) => T.IsImaginaryNumber(value.Value);
    static bool INumberBase<TSelf>.IsInfinity(TSelf value) => T.IsInfinity(value.Value);
    static bool INumberBase<TSelf>.IsInteger(TSelf value) => T.IsInteger(value.Value);
    static bool INumberBase<TSelf>.IsNaN(TSelf value) => T.IsNaN(value.Value);
    static bool INumberBase<TSelf>.IsNegative(TSelf value) => T.IsNegative(value.Value);
    static bool INumberBase<TSelf>.IsNegativeInfinity(TSelf value) => T.IsNegativeInfinity(value.Value);
    static bool INumberBase<TSelf>.IsNormal(TSelf value) => T.IsNormal(value.Value);
    static bool INumberBase<TSelf>.IsOddInteger(TSelf value) => T.IsOddInteger(value.Value);
    static bool INumberBase<TSelf>.IsPositive(TSelf value) => T.IsPositive(value.Value);
    static bool INumberBase<TSelf>.IsPositiveInfinity(TSelf value) => T.IsPositiveInfinity(value.Value);
    static bool INumberBase<TSelf>.IsRealNumber(TSelf value) => T.IsRealNumber(value.Value);
    static bool INumberBase<TSelf>.IsSubnormal(TSelf value) => T.IsSubnormal(value.Value);

    // Parsing reads a constant.
    static TSelf INumberBase<TSelf>.Parse(string s, NumberStyles style, IFormatProvider? provider) => TSelf.Constant(T.Parse(s, style, provider));
    static TSelf INumberBase<TSelf>.Parse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider) => TSelf.Constant(T.Parse(s, style, provider));
    static TSelf IParsable<TSelf>.Parse(string s, IFormatProvider? provider) => TSelf.Constant(T.Parse(s, provider));
    static TSelf ISpanParsable<TSelf>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => TSelf.Constant(T.Parse(s, provider));
    static bool INumberBase<TSelf>.TryParse([NotNullWhen(true)] string? s, NumberStyles style, IFormatProvider? provider, [MaybeNullWhen(false)] out TSelf result) =>
        Parsed(T.TryParse(s, style, provider, out T? value), value, out result);
    static bool INumberBase<TSelf>.TryParse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider, [MaybeNullWhen(false)] out TSelf result) =>
        Parsed(T.TryParse(s, style, provider, out T? value), value, out result);
    static bool IParsable<TSelf>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out TSelf result) =>
        Parsed(T.TryParse(s, provider, out T? value), value, out result);
    static bool ISpanParsable<TSelf>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, [MaybeNullWhen(false)] out TSelf result) =>
        Parsed(T.TryParse(s, provider, out T? value), value, out result);

    private static bool Parsed(bool ok, T? value, out TSelf result)
    {
        result = ok ? TSelf.Constant(value!) : default;
        return ok;
    }

    // Formatting writes each type's ToString into the span.
    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        string text = ToString(format.IsEmpty ? null : format.ToString(), provider);
        charsWritten = text.TryCopyTo(destination) ? text.Length : 0;
        return charsWritten == text.Length;
    }

    // Conversions from other numbers make constants; conversions to other numbers keep the primal value only.
    static bool INumberBase<TSelf>.TryConvertFromChecked<TOther>(TOther value, [MaybeNullWhen(false)] out TSelf result) =>
        TryCreate(value, Conversion.Checked, out result);
    static bool INumberBase<TSelf>.TryConvertFromSaturating<TOther>(TOther value, [MaybeNullWhen(false)] out TSelf result) =>
        TryCreate(value, Conversion.Saturating, out result);
    static bool INumberBase<TSelf>.TryConvertFromTruncating<TOther>(TOther value, [MaybeNullWhen(false)] out TSelf result) =>
        TryCreate(value, Conversion.Truncating, out result);
    static bool INumberBase<TSelf>.TryConvertToChecked<TOther>(TSelf value, [MaybeNullWhen(false)] out TOther result) =>
        TryConvert(value.Value, Conversion.Checked, out result);
    static bool INumberBase<TSelf>.TryConvertToSaturating<TOther>(TSelf value, [MaybeNullWhen(false)] out TOther result) =>
        TryConvert(value.Value, Conversion.Saturating, out result);
    static bool INumberBase<TSelf>.TryConvertToTruncating<TOther>(TSelf value, [MaybeNullWhen(false)] out TOther result) =>
        TryConvert(value.Value, Conversion.Truncating, out result);

    private static bool TryCreate<TOther>(TOther value, Conversion mode, out TSelf result) where TOther : INumberBase<TOther>
    {
        bool ok = TryConvert<TOther, T>(value, mode, out T? primal);
        result = ok ? TSelf.Constant(primal!) : default;
        return ok;
    }

    private static bool TryConvert<TFrom, TTo>(TFrom value, Conversion mode, [MaybeNullWhen(false)] out TTo result)
        where TFrom : INumberBase<TFrom>
        where TTo : INumberBase<TTo>
    {
        try
        {
            result = mode switch
            {
                Conversion.Checked => TTo.CreateChecked(value),
                Conversion.Saturating => TTo.CreateSaturating(value),
                _ => TTo.CreateTruncating(value),
            };
            return true;
        }
        catch (NotSupportedException)
        {
            result = default;
            return false;
        }
    }

    // Bit layout is that of the primal value.
    int IFloatingPoint<TSelf>.GetExponentByteCount() => Value.GetExponentByteCount();
    int IFloatingPoint<TSelf>.GetExponentShortestBitLength() => Value.GetExponentShortestBitLength();
    int IFloatingPoint<TSelf>.GetSignificandBitLength() => Value.GetSignificandBitLength();
    int IFloatingPoint<TSelf>.GetSignificandByteCount() => Value.GetSignificandByteCount();
    bool IFloatingPoint<TSelf>.TryWriteExponentBigEndian(Span<byte> destination, out int bytesWritten) => Value.TryWriteExponentBigEndian(destination, out bytesWritten);
    bool IFloatingPoint<TSelf>.TryWriteExponentLittleEndian(Span<byte> destination, out int bytesWritten) => Value.TryWriteExponentLittleEndian(destination, out bytesWritten);
    bool IFloatingPoint<TSelf>.TryWriteSignificandBigEndian(Span<byte> destination, out int bytesWritten) => Value.TryWriteSignificandBigEndian(destination, out bytesWritten);
    bool IFloatingPoint<TSelf>.TryWriteSignificandLittleEndian(Span<byte> destination, out int bytesWritten) => Value.TryWriteSignificandLittleEndian(destination, out bytesWritten);
}

/// <summary>The three conversion semantics of <see cref="INumberBase{TSelf}"/>.</summary>
internal enum Conversion
{
    Checked,
    Saturating,
    Truncating,
}
