using System.Numerics;
using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>
/// softmax(x)_k = e^{x_k} / Σ_l e^{x_l} and log-softmax(x) = x − logsumexp(x), along the last dimension (each row of
/// a matrix is one distribution). With s = softmax(x) of a row: the softmax Jacobian is diag(s) − s sᵀ (symmetric,
/// so JVP and VJP are the same map v ↦ s ⊙ (v − ⟨s, v⟩)), and the log-softmax Jacobian is I − 1 sᵀ
/// (JVP v ↦ v − ⟨s, v⟩ 1, VJP ū ↦ ū − s Σ_k ū_k). Both are evaluated after subtracting the row's maximum m, so no
/// exponential overflows, and log-softmax as (x − m) − log Σ e^{x − m}, so no logit is too large for it.
/// </summary>
internal sealed class Softmax<T> : TensorPrimitive<T> where T : IFloatingPointIeee754<T>
{
    private readonly T[] _softmax;
    private readonly bool _log;
    private readonly int _width;

    private Softmax(TensorVar<T> x, T[] softmax, bool log) : base(x) =>
        (_softmax, _log, _width) = (softmax, log, x.Shape.Columns);

    /// <summary>softmax (or log-softmax when <paramref name="log"/>) of each row.</summary>
    public static TensorVar<T> Apply(TensorVar<T> x, bool log)
    {
        // Stryker disable once Statement : x is the receiver of a TensorVar method, never null; the check guards internal callers.
        ArgumentNullException.ThrowIfNull(x);
        int width = x.Shape.Columns;
        T[] softmax = Allocate(x.Length, x);
        // Entries are never written once made, so softmax's value can share the array its rules read.
        T[] value = log ? Allocate(x.Length, x) : softmax;
        for (int row = 0; row < x.Length / width; row++)
        {
            ReadOnlySpan<T> xs = x.Values.Slice(row * width, width);
            Span<T> s = softmax.AsSpan(row * width, width);
            (T max, T logSum) = RowLogSumExp(xs, s);
            if (log)
                LogSoftmax(xs, max, logSum, value.AsSpan(row * width, width));
        }
        return new Softmax<T>(x, softmax, log).Result(value, x.Shape);
    }

    /// <summary>
    /// log Σ_k e^{x_k} of one row in two parts, m = max x and log Σ_k e^{x_k − m} (their sum is log-sum-exp); writes
    /// softmax(x) to <paramref name="softmax"/> on the way. The parts stay apart because adding a log Σ ≤ log n to
    /// a large m rounds it away: log-softmax must be (x − m) − log Σ, never x − (m + log Σ).
    /// </summary>
    internal static (T Max, T LogSum) RowLogSumExp(ReadOnlySpan<T> x, Span<T> softmax)
    {
        T max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, softmax);
        TensorPrimitives.Exp(softmax, softmax);
        T sum = TensorPrimitives.Sum<T>(softmax);
        TensorPrimitives.Divide<T>(softmax, sum, softmax);
        return (max, T.Log(sum));
    }

    /// <summary>log softmax(x) = (x − m) − log Σ_k e^{x_k − m} into <paramref name="destination"/>: exact where x_k = m.</summary>
    internal static void LogSoftmax(ReadOnlySpan<T> x, T max, T logSum, Span<T> destination)
    {
        TensorPrimitives.Subtract(x, max, destination);
        TensorPrimitives.Subtract(destination, logSum, destination);
    }

    protected override void PushForward(int input, ReadOnlySpan<T> tangent, Span<T> outputTangent) =>
        Apply(tangent, outputTangent, transpose: false);

    protected override void PullBack(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint) =>
        Apply(cotangent, inputAdjoint, transpose: true);

    // With ṡ = s ⊙ (ẋ − ⟨s, ẋ⟩) per row (the softmax JVP of the input's tangent): softmax's J = diag(s) − s sᵀ gives
    // J̇ᵀū = ṡ ⊙ ū − s ⟨ṡ, ū⟩ − ṡ ⟨s, ū⟩; log-softmax's Jᵀ = I − s 1ᵀ gives J̇ᵀū = −ṡ Σ ū.
    protected override void PullBackCurvature(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjointTangent)
    {
        if (Inputs[0].Tangent is not T[] tangent)
            return;
        T[] sDot = new T[_width], scratch = new T[_width];
        for (int row = 0; row < cotangent.Length / _width; row++)
        {
            ReadOnlySpan<T> s = _softmax.AsSpan(row * _width, _width), u = cotangent.Slice(row * _width, _width);
            Span<T> target = inputAdjointTangent.Slice(row * _width, _width);
            Array.Clear(sDot);
            AddJacobianTimes(s, tangent.AsSpan(row * _width, _width), T.One, sDot, scratch);
            if (_log)
            {
                TensorPrimitives.MultiplyAdd(sDot, -TensorPrimitives.Sum(u), target, target);
                continue;
            }
            TensorPrimitives.MultiplyAdd(sDot, u, target, target);
            TensorPrimitives.MultiplyAdd(s, -TensorPrimitives.Dot(sDot, u), target, target);
            TensorPrimitives.MultiplyAdd(sDot, -TensorPrimitives.Dot(s, u), target, target);
        }
    }

    /// <summary>
    /// target += c · s ⊙ (v − ⟨s, v⟩): the softmax Jacobian diag(s) − s sᵀ (symmetric) of one row times v, scaled — the
    /// softmax JVP and VJP, ṡ along v, and the derivative of log-sum-exp's gradient s. Written once, for all of them.
    /// </summary>
    internal static void AddJacobianTimes(ReadOnlySpan<T> s, ReadOnlySpan<T> v, T scale, Span<T> target, Span<T> scratch)
    {
        TensorPrimitives.Subtract(v, TensorPrimitives.Dot(s, v), scratch);
        if (scale != T.One)
            TensorPrimitives.Multiply(scratch, scale, scratch);
        TensorPrimitives.MultiplyAdd(s, scratch, target, target);
    }

    // target += J v (or Jᵀ v), row by row.
    private void Apply(ReadOnlySpan<T> v, Span<T> target, bool transpose)
    {
        var scratch = new T[_width];
        for (int row = 0; row < v.Length / _width; row++)
        {
            ReadOnlySpan<T> s = _softmax.AsSpan(row * _width, _width), vs = v.Slice(row * _width, _width);
            Span<T> ts = target.Slice(row * _width, _width);
            if (!_log)
                AddJacobianTimes(s, vs, T.One, ts, scratch);
            else if (!transpose)
            {
                // v − ⟨s, v⟩ 1
                TensorPrimitives.Subtract(vs, TensorPrimitives.Dot(s, vs), scratch);
                TensorPrimitives.Add(ts, scratch, ts);
            }
            else
            {
                // ū − s Σ ū
                TensorPrimitives.MultiplyAdd(s, -TensorPrimitives.Sum(vs), vs, scratch);
                TensorPrimitives.Add(ts, scratch, ts);
            }
        }
    }
}
