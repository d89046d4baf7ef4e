using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Autodiff.Rules;

namespace Autodiff;

/// <summary>
/// A truncated Taylor series (a jet) x(t) = x₀ + x₁ t + … + x_K t^K + O(t^{K+1}): forward mode of any order.
/// Evaluating f on <see cref="Variable(T, int)"/>(x₀, K) yields the Taylor coefficients f⁽ʲ⁾(x₀)/j! for j ≤ K.
/// </summary>
/// <remarks>
/// <para>Coefficients propagate with the standard recurrences (Griewank &amp; Walther, <i>Evaluating Derivatives</i>,
/// ch. 13): convolution for ×, the division recurrence for ÷, and for every elementary function y = f(x) the
/// ODE y′ = f′(x) x′, read coefficientwise as y_k = (1/k) Σ_{j=1..k} j x_j v_{k−j} where v = f′(x) is the rule's
/// own generic derivative evaluated on series. So Taylor mode writes no calculus of its own.</para>
/// <para>When f′ depends on y itself (exp, tan, √ …) v is only known to the order y is, and the coefficients are
/// found one order at a time; when it does not (sin, log, atan …) one evaluation of v gives them all. Cost is
/// O(K²) to O(K³) per operation. A constant is exact at every order; mixing series of different orders truncates to
/// the lower one, as the O(·) terms demand.</para>
/// </remarks>
/// <typeparam name="T">The scalar type.</typeparam>
public readonly struct Taylor<T> : IAutodiffNumber<Taylor<T>, T>
    where T : IFloatingPointIeee754<T>
{
    // Coefficients c_0..c_K of a series, or the single value of a constant (null: the constant 0).
    private readonly T[]? _coefficients;

    // K + 1 for a series truncated after t^K; 0 for a constant, which is exact at every order.
    private readonly int _orderPlusOne;

    // The forward differentiation this series belongs to (0: none, combines with any; see Perturbation).
    private readonly long _tag;

    /// <summary>The series c₀ + c₁ t + … + c_K t^K + O(t^{K+1}) with K = coefficients.Length − 1.</summary>
    /// <exception cref="ArgumentException">No coefficients were given.</exception>
    public Taylor(ReadOnlySpan<T> coefficients)
    {
        if (coefficients.IsEmpty)
            throw new ArgumentException("A Taylor series needs at least the coefficient c₀.", nameof(coefficients));
        _coefficients = coefficients.ToArray();
        _orderPlusOne = coefficients.Length;
    }

    private Taylor(T[]? coefficients, int orderPlusOne, long tag)
    {
        _coefficients = coefficients;
        _orderPlusOne = orderPlusOne;
        _tag = tag;
    }

    /// <summary>The independent variable x₀ + t, truncated after t^order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">order is negative.</exception>
    public static Taylor<T> Variable(T value, int order) => Variable(value, order, 0);

    // The variable of the differentiation tagged `tag` (see Perturbation).
    internal static Taylor<T> Variable(T value, int order, long tag)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        var c = new T[order + 1];
        // Stryker disable once Statement : default(T) is T.Zero for every IEEE type in .NET; the fill keeps any other T right.
        c.AsSpan().Fill(T.Zero);
        c[0] = value;
        if (order > 0)
            c[1] = T.One;
        return new(c, order + 1, tag);
    }

    /// <inheritdoc/>
    public static Taylor<T> Constant(T value) => new([value], 0, 0);

    /// <summary>This series, read by the differentiation tagged <paramref name="tag"/>: throws if it is another's.</summary>
    internal Taylor<T> OwnedBy(long tag)
    {
        Perturbation.Own(_tag, tag);
        return this;
    }

    /// <summary>A plain number is a constant.</summary>
    public static implicit operator Taylor<T>(T value) => Constant(value);

    /// <inheritdoc/>
    public T Value => this[0];

    /// <summary>True for a constant, which is exact at every order.</summary>
    public bool IsConstant => _orderPlusOne == 0;

    /// <summary>The truncation order K (0 for a constant).</summary>
    public int Order => Math.Max(_orderPlusOne - 1, 0);

    /// <summary>The coefficient c_k = f⁽ᵏ⁾(x₀)/k! (zero beyond the stored coefficients of a constant).</summary>
    /// <exception cref="ArgumentOutOfRangeException">k is negative or beyond the truncation order.</exception>
    public T this[int k]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(k);
            if (!IsConstant)
                ArgumentOutOfRangeException.ThrowIfGreaterThan(k, Order);
            return Coefficient(k);
        }
    }

    /// <summary>The coefficients c₀ … c_K (a constant gives its value alone).</summary>
    public T[] ToArray() => _coefficients is null ? [T.Zero] : (T[])_coefficients.Clone();

    /// <summary>The k-th derivative f⁽ᵏ⁾(x₀) = k! c_k.</summary>
    public T Derivative(int k)
    {
        T factorial = T.One;
        for (int j = 2; j <= k; j++)
            factorial *= T.CreateChecked(j);
        return this[k] * factorial;
    }

    private T Coefficient(int k) => _coefficients is { } c && k < c.Length ? c[k] : T.Zero;

    // The same series known to a lower order (a constant, exact at every order, is its own truncation).
    // Stryker disable once Logical,Equality : a constant has order 0 ≤ order, and truncating to the same order copies an equal series.
    private Taylor<T> Truncate(int order) =>
        IsConstant || order >= Order ? this : new(_coefficients![..(order + 1)], order + 1, _tag);

    // The order of a result that combines a and b: the lower of the two; a constant does not truncate.
    private static int OrderPlusOne(Taylor<T> a, Taylor<T> b) =>
        a.IsConstant ? b._orderPlusOne : b.IsConstant ? a._orderPlusOne : Math.Min(a._orderPlusOne, b._orderPlusOne);

    /// <summary>Coefficientwise sum.</summary>
    public static Taylor<T> operator +(Taylor<T> left, Taylor<T> right)
    {
        int n = OrderPlusOne(left, right);
        if (n == 0)
            return Constant(left.Value + right.Value);
        long tag = Perturbation.Combine(left._tag, right._tag);
        var c = new T[n];
        for (int k = 0; k < n; k++)
            c[k] = left.Coefficient(k) + right.Coefficient(k);
        return new(c, n, tag);
    }

    /// <summary>Coefficientwise difference.</summary>
    public static Taylor<T> operator -(Taylor<T> left, Taylor<T> right) => left + -right;

    /// <summary>Coefficientwise negation.</summary>
    public static Taylor<T> operator -(Taylor<T> value) =>
        value.IsConstant ? Constant(-value.Value) : new(Array.ConvertAll(value._coefficients!, c => -c), value._orderPlusOne, value._tag);

    /// <summary>The Cauchy product: (xy)_k = Σ_{j=0..k} x_j y_{k−j}.</summary>
    public static Taylor<T> operator *(Taylor<T> left, Taylor<T> right)
    {
        int n = OrderPlusOne(left, right);
        if (n == 0)
            return Constant(left.Value * right.Value);
        long tag = Perturbation.Combine(left._tag, right._tag);
        var c = new T[n];
        // The value keeps IEEE arithmetic; the derivative coefficients follow the chain rule's zero-wins convention.
        c[0] = left.Value * right.Value;
        for (int k = 1; k < n; k++)
            c[k] = Convolution(left.Stored, right.Stored, 0, k);
        return new(c, n, tag);
    }

    /// <summary>
    /// The division recurrence: q₀ = x₀ / y₀ and q_k = (x_k − Σ_{j=1..k} y_j q_{k−j}) / y₀, the higher coefficients
    /// divided zero-wins (<see cref="ChainRule.Over{T}"/>): a zero numerator gives 0 even where y₀ is 0, as in Dual's ÷.
    /// </summary>
    public static Taylor<T> operator /(Taylor<T> left, Taylor<T> right)
    {
        int n = OrderPlusOne(left, right);
        if (n == 0)
            return Constant(left.Value / right.Value);
        long tag = Perturbation.Combine(left._tag, right._tag);
        var q = new T[n];
        T y0 = right.Value;
        q[0] = left.Coefficient(0) / y0;
        for (int k = 1; k < n; k++)
            q[k] = ChainRule.Over(left.Coefficient(k) - Convolution(right.Stored, q, 1, k), y0);
        return new(q, n, tag);
    }

    /// <summary>y = f(x) through y′ = f′(x) x′, with f′ the rule's generic derivative evaluated on series.</summary>
    public static Taylor<T> Lift<TRule>(Taylor<T> x, TRule rule) where TRule : struct, IUnaryRule
    {
        // Rules recurse (sin ↔ cos); a runaway recursion throws instead of crashing the process.
        // Stryker disable once Statement : a guard for rules that would not terminate; every rule here does.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (x.IsConstant)
            return Constant(rule.F(x.Value));
        int order = x.Order;
        var y = new T[order + 1];
        y[0] = rule.F(x.Value);
        // f′ is needed to order K − 1 only; evaluating it on x truncated there also makes mutually recursive rules
        // (sin ↔ cos, xʸ ↔ xʸ⁻¹) terminate: each nested evaluation is one order lower.
        Taylor<T> u = x.Truncate(Math.Max(order - 1, 0));
        for (int known = 0; known < order;)
        {
            Taylor<T> v = rule.D1(u, Known(y, known, x._tag));
            int next = Progress(v, known, order);
            for (int k = known + 1; k <= next; k++)
                y[k] = Integrate(x, v, k);
            known = next;
        }
        return new(y, order + 1, x._tag);
    }

    /// <summary>z = f(x, y) through z′ = ∂₁f x′ + ∂₂f y′; a partial known to full order is evaluated once.</summary>
    public static Taylor<T> Lift<TRule>(Taylor<T> x, Taylor<T> y, TRule rule) where TRule : struct, IBinaryRule
    {
        // Stryker disable once Statement : a guard for rules that would not terminate; every rule here does.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        int n = OrderPlusOne(x, y);
        if (n == 0)
            return Constant(rule.F(x.Value, y.Value));
        long tag = Perturbation.Combine(x._tag, y._tag);
        int order = n - 1;
        var z = new T[n];
        z[0] = rule.F(x.Value, y.Value);
        // Stryker disable once Arithmetic : truncating either argument bounds the partials' order (results take the lower).
        Taylor<T> xu = x.Truncate(Math.Max(order - 1, 0)), yu = y.Truncate(Math.Max(order - 1, 0));
        Taylor<T>? dx = null, dy = null;
        for (int known = 0; known < order;)
        {
            Taylor<T> f = Known(z, known, tag);
            // A constant argument's partial is never needed (Integrate skips its zero coefficients): not computing it
            // only saves work, so mutating these two conditions cannot change a result.
            // Stryker disable Conditional
            Taylor<T> px = x.IsConstant ? Constant(T.Zero) : dx ?? rule.Dx(xu, yu, f);
            // Stryker disable once NullCoalescing,Conditional : caching ∂₂f only saves work (no rule's ∂₂f recurses);
            // caching ∂₁f is what keeps xʸ polynomial, and the properties time out without it.
            Taylor<T> py = y.IsConstant ? Constant(T.Zero) : dy ?? rule.Dy(xu, yu, f);
            // Stryker restore Conditional
            if (Progress(px, known, order) == order)
                dx = px;
            if (Progress(py, known, order) == order)
                dy = py;
            int next = Math.Min(Progress(px, known, order), Progress(py, known, order));
            for (int k = known + 1; k <= next; k++)
                z[k] = Integrate(x, px, k) + Integrate(y, py, k);
            known = next;
        }
        return new(z, n, tag);
    }

    // The first `known` + 1 coefficients of a series being built, as a series of that order (a copy: y grows on).
    private static Taylor<T> Known(T[] y, int known, long tag) => new(y[..(known + 1)], known + 1, tag);

    // How far y is known once its derivative series v is: one order beyond v, capped at the target order.
    private static int Progress(Taylor<T> v, int known, int order)
    {
        int next = v.IsConstant ? order : Math.Min(v.Order + 1, order);
        // Stryker disable once all : a guard against a future rule that loses accuracy (it would loop forever); no rule here reaches it.
        return next > known
            ? next
            : throw new InvalidOperationException("Internal error: a derivative series lost an order of accuracy.");
    }

    // Σ_{j=from..k} a_j b_{k−j} (entries past a span are 0), its products in the chain rule's zero-wins form: summed
    // plainly, and term by term through ChainRule only when the plain sum is NaN (rare), as ChainRule.Sum does.
    private static T Convolution(ReadOnlySpan<T> a, ReadOnlySpan<T> b, int from, int k)
    {
        T sum = T.Zero;
        for (int j = from; j <= k; j++)
            sum += At(a, j) * At(b, k - j);
        if (!T.IsNaN(sum))
            return sum;
        sum = T.Zero;
        for (int j = from; j <= k; j++)
            sum += ChainRule.Times(At(a, j), At(b, k - j));
        return sum;
    }

    private static T At(ReadOnlySpan<T> c, int k) => k < c.Length ? c[k] : T.Zero;

    // The k-th coefficient of ∫ v dx: (1/k) Σ_{j=1..k} j x_j v_{k−j}; a zero x_j contributes zero whatever v is.
    private static T Integrate(Taylor<T> x, Taylor<T> v, int k)
    {
        T sum = T.Zero;
        for (int j = 1; j <= k; j++)
        {
            T xj = x.Coefficient(j);
            if (!T.IsZero(xj))
                sum += ChainRule.Times(T.CreateChecked(j) * xj, v.Coefficient(k - j));
        }
        return sum / T.CreateChecked(k);
    }

    /// <inheritdoc cref="IAutodiffNumber{TSelf, T}"/>
    public static bool IsZero(Taylor<T> value)
    {
        if (value._coefficients is null)
            return true;
        foreach (T c in value._coefficients)
            if (!T.IsZero(c))
                return false;
        return true;
    }

    /// <summary>Structural equality: same order and same coefficients (the operator <c>==</c> compares values only).</summary>
    public bool Equals(Taylor<T> other) =>
        _orderPlusOne == other._orderPlusOne && Stored.SequenceEqual(other.Stored);

    // The coefficients as stored (the constant 0 as [0]).
    private ReadOnlySpan<T> Stored => _coefficients ?? [T.Zero];

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Taylor<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Value, _orderPlusOne);

    /// <summary>Formats as "c₀ + c₁t + c₂t^2 + O(t^3)".</summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        var text = new StringBuilder(Value.ToString(format, formatProvider));
        for (int k = 1; k <= Order; k++)
            text.Append(" + ").Append(Coefficient(k).ToString(format, formatProvider)).Append(k == 1 ? "t" : $"t^{k}");
        if (!IsConstant)
            text.Append(" + O(t^").Append(Order + 1).Append(')');
        return text.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);
}
