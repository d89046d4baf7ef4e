using System.Numerics;

namespace Autodiff;

/// <summary>
/// Lets concrete code call the elementary functions and comparisons on a closed number type —
/// <c>Dual&lt;double&gt;.Sin(x)</c>, <c>a &lt; b</c> — as it can on <c>double</c>. The number types implement them
/// as interface members (reachable from generic code as <c>T.Sin(x)</c>); these C# 14 extension members forward to
/// them and add no calculus.
/// </summary>
public static class ConcreteAccess
{
#pragma warning disable CS1591 // Each member forwards to the generic-math member of the same name.
    extension<TSelf>(TSelf) where TSelf : struct, IFloatingPointIeee754<TSelf>
    {
        public static TSelf Exp(TSelf x) => TSelf.Exp(x);
        public static TSelf Exp2(TSelf x) => TSelf.Exp2(x);
        public static TSelf Exp10(TSelf x) => TSelf.Exp10(x);
        public static TSelf ExpM1(TSelf x) => TSelf.ExpM1(x);
        public static TSelf Log(TSelf x) => TSelf.Log(x);
        public static TSelf Log(TSelf x, TSelf newBase) => TSelf.Log(x, newBase);
        public static TSelf Log2(TSelf x) => TSelf.Log2(x);
        public static TSelf Log10(TSelf x) => TSelf.Log10(x);
        public static TSelf LogP1(TSelf x) => TSelf.LogP1(x);
        public static TSelf Pow(TSelf x, TSelf y) => TSelf.Pow(x, y);
        public static TSelf Sqrt(TSelf x) => TSelf.Sqrt(x);
        public static TSelf Cbrt(TSelf x) => TSelf.Cbrt(x);
        public static TSelf RootN(TSelf x, int n) => TSelf.RootN(x, n);
        public static TSelf Hypot(TSelf x, TSelf y) => TSelf.Hypot(x, y);
        public static TSelf Sin(TSelf x) => TSelf.Sin(x);
        public static TSelf Cos(TSelf x) => TSelf.Cos(x);
        public static TSelf Tan(TSelf x) => TSelf.Tan(x);
        public static (TSelf Sin, TSelf Cos) SinCos(TSelf x) => TSelf.SinCos(x);
        public static TSelf Asin(TSelf x) => TSelf.Asin(x);
        public static TSelf Acos(TSelf x) => TSelf.Acos(x);
        public static TSelf Atan(TSelf x) => TSelf.Atan(x);
        public static TSelf Atan2(TSelf y, TSelf x) => TSelf.Atan2(y, x);
        public static TSelf SinPi(TSelf x) => TSelf.SinPi(x);
        public static TSelf CosPi(TSelf x) => TSelf.CosPi(x);
        public static TSelf TanPi(TSelf x) => TSelf.TanPi(x);
        public static TSelf Sinh(TSelf x) => TSelf.Sinh(x);
        public static TSelf Cosh(TSelf x) => TSelf.Cosh(x);
        public static TSelf Tanh(TSelf x) => TSelf.Tanh(x);
        public static TSelf Asinh(TSelf x) => TSelf.Asinh(x);
        public static TSelf Acosh(TSelf x) => TSelf.Acosh(x);
        public static TSelf Atanh(TSelf x) => TSelf.Atanh(x);
        public static TSelf Abs(TSelf x) => TSelf.Abs(x);
        public static TSelf Max(TSelf x, TSelf y) => TSelf.Max(x, y);
        public static TSelf Min(TSelf x, TSelf y) => TSelf.Min(x, y);
        public static TSelf Floor(TSelf x) => TSelf.Floor(x);
        public static TSelf Ceiling(TSelf x) => TSelf.Ceiling(x);
        public static TSelf Round(TSelf x) => TSelf.Round(x);
        public static TSelf Truncate(TSelf x) => TSelf.Truncate(x);
        public static TSelf FusedMultiplyAdd(TSelf left, TSelf right, TSelf addend) => TSelf.FusedMultiplyAdd(left, right, addend);
        public static TSelf ScaleB(TSelf x, int n) => TSelf.ScaleB(x, n);

        public static bool operator ==(TSelf left, TSelf right) => Compare.Equal(left, right);
        public static bool operator !=(TSelf left, TSelf right) => !Compare.Equal(left, right);
        public static bool operator <(TSelf left, TSelf right) => Compare.Less(left, right);
        public static bool operator >(TSelf left, TSelf right) => Compare.Less(right, left);
        public static bool operator <=(TSelf left, TSelf right) => Compare.LessOrEqual(left, right);
        public static bool operator >=(TSelf left, TSelf right) => Compare.LessOrEqual(right, left);
    }
#pragma warning restore CS1591

    // The generic-math operators, reached through the constraint (so they never resolve to the extensions above).
    private static class Compare
    {
        public static bool Equal<T>(T left, T right) where T : IEqualityOperators<T, T, bool> => left == right;
        public static bool Less<T>(T left, T right) where T : IComparisonOperators<T, T, bool> => left < right;
        public static bool LessOrEqual<T>(T left, T right) where T : IComparisonOperators<T, T, bool> => left <= right;
    }
}
