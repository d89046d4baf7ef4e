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
    /// <summary>The elementary functions and comparisons of a number type, callable on the closed type.</summary>
    /// <typeparam name="TSelf">The number type (<see cref="Dual{T}"/>, <see cref="HyperDual{T}"/>, …).</typeparam>
    extension<TSelf>(TSelf) where TSelf : struct, IFloatingPointIeee754<TSelf>
    {
        /// <summary>eˣ; d eˣ = eˣ dx.</summary>
        public static TSelf Exp(TSelf x) => TSelf.Exp(x);
        /// <summary>2ˣ; d 2ˣ = 2ˣ ln 2 dx.</summary>
        public static TSelf Exp2(TSelf x) => TSelf.Exp2(x);
        /// <summary>10ˣ; d 10ˣ = 10ˣ ln 10 dx.</summary>
        public static TSelf Exp10(TSelf x) => TSelf.Exp10(x);
        /// <summary>eˣ − 1, accurate near 0; d (eˣ − 1) = eˣ dx.</summary>
        public static TSelf ExpM1(TSelf x) => TSelf.ExpM1(x);
        /// <summary>ln x; d ln x = dx/x.</summary>
        public static TSelf Log(TSelf x) => TSelf.Log(x);
        /// <summary>log_b x = ln x / ln b, differentiated in both x and the base b.</summary>
        public static TSelf Log(TSelf x, TSelf newBase) => TSelf.Log(x, newBase);
        /// <summary>log₂ x; d log₂ x = dx/(x ln 2).</summary>
        public static TSelf Log2(TSelf x) => TSelf.Log2(x);
        /// <summary>log₁₀ x; d log₁₀ x = dx/(x ln 10).</summary>
        public static TSelf Log10(TSelf x) => TSelf.Log10(x);
        /// <summary>ln(1 + x), accurate near 0; d ln(1 + x) = dx/(1 + x).</summary>
        public static TSelf LogP1(TSelf x) => TSelf.LogP1(x);
        /// <summary>xʸ; ∂/∂x = y xʸ⁻¹, ∂/∂y = xʸ ln x (a zero factor wins against an infinite or NaN partial).</summary>
        public static TSelf Pow(TSelf x, TSelf y) => TSelf.Pow(x, y);
        /// <summary>√x; d √x = dx/(2√x) (+∞ at 0).</summary>
        public static TSelf Sqrt(TSelf x) => TSelf.Sqrt(x);
        /// <summary>∛x; d ∛x = dx/(3 ∛x²).</summary>
        public static TSelf Cbrt(TSelf x) => TSelf.Cbrt(x);
        /// <summary>the n-th root x^{1/n}; d x^{1/n} = x^{1/n} dx/(n x).</summary>
        public static TSelf RootN(TSelf x, int n) => TSelf.RootN(x, n);
        /// <summary>√(x² + y²) without overflow; ∂/∂x = x/h, ∂/∂y = y/h, and gradient (0, 0) at the origin.</summary>
        public static TSelf Hypot(TSelf x, TSelf y) => TSelf.Hypot(x, y);
        /// <summary>sin x; d sin x = cos x dx.</summary>
        public static TSelf Sin(TSelf x) => TSelf.Sin(x);
        /// <summary>cos x; d cos x = −sin x dx.</summary>
        public static TSelf Cos(TSelf x) => TSelf.Cos(x);
        /// <summary>tan x; d tan x = (1 + tan² x) dx.</summary>
        public static TSelf Tan(TSelf x) => TSelf.Tan(x);
        /// <summary>(sin x, cos x) in one call, each with its derivative.</summary>
        public static (TSelf Sin, TSelf Cos) SinCos(TSelf x) => TSelf.SinCos(x);
        /// <summary>arcsin x; d arcsin x = dx/√(1 − x²).</summary>
        public static TSelf Asin(TSelf x) => TSelf.Asin(x);
        /// <summary>arccos x; d arccos x = −dx/√(1 − x²).</summary>
        public static TSelf Acos(TSelf x) => TSelf.Acos(x);
        /// <summary>arctan x; d arctan x = dx/(1 + x²).</summary>
        public static TSelf Atan(TSelf x) => TSelf.Atan(x);
        /// <summary>the angle of (x, y); ∂/∂y = x/(x² + y²), ∂/∂x = −y/(x² + y²), gradient (0, 0) at the origin.</summary>
        public static TSelf Atan2(TSelf y, TSelf x) => TSelf.Atan2(y, x);
        /// <summary>sin πx; d sin πx = π cos πx dx.</summary>
        public static TSelf SinPi(TSelf x) => TSelf.SinPi(x);
        /// <summary>cos πx; d cos πx = −π sin πx dx.</summary>
        public static TSelf CosPi(TSelf x) => TSelf.CosPi(x);
        /// <summary>tan πx; d tan πx = π (1 + tan² πx) dx.</summary>
        public static TSelf TanPi(TSelf x) => TSelf.TanPi(x);
        /// <summary>sinh x; d sinh x = cosh x dx.</summary>
        public static TSelf Sinh(TSelf x) => TSelf.Sinh(x);
        /// <summary>cosh x; d cosh x = sinh x dx.</summary>
        public static TSelf Cosh(TSelf x) => TSelf.Cosh(x);
        /// <summary>tanh x; d tanh x = (1 − tanh² x) dx.</summary>
        public static TSelf Tanh(TSelf x) => TSelf.Tanh(x);
        /// <summary>arsinh x; d arsinh x = dx/√(x² + 1).</summary>
        public static TSelf Asinh(TSelf x) => TSelf.Asinh(x);
        /// <summary>arcosh x; d arcosh x = dx/√(x² − 1).</summary>
        public static TSelf Acosh(TSelf x) => TSelf.Acosh(x);
        /// <summary>artanh x; d artanh x = dx/(1 − x²).</summary>
        public static TSelf Atanh(TSelf x) => TSelf.Atanh(x);
        /// <summary>|x|; d|x| = sign(x) dx, and 0 at x = 0 (the minimum-norm subgradient).</summary>
        public static TSelf Abs(TSelf x) => TSelf.Abs(x);
        /// <summary>the larger of x and y by value, with the derivative of the one taken.</summary>
        public static TSelf Max(TSelf x, TSelf y) => TSelf.Max(x, y);
        /// <summary>the smaller of x and y by value, with the derivative of the one taken.</summary>
        public static TSelf Min(TSelf x, TSelf y) => TSelf.Min(x, y);
        /// <summary>⌊x⌋, locally constant: derivative 0.</summary>
        public static TSelf Floor(TSelf x) => TSelf.Floor(x);
        /// <summary>⌈x⌉, locally constant: derivative 0.</summary>
        public static TSelf Ceiling(TSelf x) => TSelf.Ceiling(x);
        /// <summary>x rounded to the nearest integer (ties to even), locally constant: derivative 0.</summary>
        public static TSelf Round(TSelf x) => TSelf.Round(x);
        /// <summary>x rounded towards 0, locally constant: derivative 0.</summary>
        public static TSelf Truncate(TSelf x) => TSelf.Truncate(x);
        /// <summary>a·b + c with one rounding of the value; d(ab + c) = b da + a db + dc.</summary>
        public static TSelf FusedMultiplyAdd(TSelf left, TSelf right, TSelf addend) => TSelf.FusedMultiplyAdd(left, right, addend);
        /// <summary>x·2ⁿ, exact; d(x·2ⁿ) = 2ⁿ dx.</summary>
        public static TSelf ScaleB(TSelf x, int n) => TSelf.ScaleB(x, n);

        /// <summary>True when the primal values are equal (tangents are not compared; <c>Equals</c> compares every part).</summary>
        public static bool operator ==(TSelf left, TSelf right) => Compare.Equal(left, right);
        /// <summary>True when the primal values differ (tangents are not compared).</summary>
        public static bool operator !=(TSelf left, TSelf right) => !Compare.Equal(left, right);
        /// <summary>Compares primal values, so a branch goes the way plain <c>double</c> code goes.</summary>
        public static bool operator <(TSelf left, TSelf right) => Compare.Less(left, right);
        /// <summary>Compares primal values, so a branch goes the way plain <c>double</c> code goes.</summary>
        public static bool operator >(TSelf left, TSelf right) => Compare.Less(right, left);
        /// <summary>Compares primal values, so a branch goes the way plain <c>double</c> code goes.</summary>
        public static bool operator <=(TSelf left, TSelf right) => Compare.LessOrEqual(left, right);
        /// <summary>Compares primal values, so a branch goes the way plain <c>double</c> code goes.</summary>
        public static bool operator >=(TSelf left, TSelf right) => Compare.LessOrEqual(right, left);
    }

    // The generic-math operators, reached through the constraint (so they never resolve to the extensions above).
    private static class Compare
    {
        public static bool Equal<T>(T left, T right) where T : IEqualityOperators<T, T, bool> => left == right;
        public static bool Less<T>(T left, T right) where T : IComparisonOperators<T, T, bool> => left < right;
        public static bool LessOrEqual<T>(T left, T right) where T : IComparisonOperators<T, T, bool> => left <= right;
    }
}
