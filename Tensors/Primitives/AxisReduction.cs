using System.Numerics;
using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>What an <see cref="AxisReduction{T}"/> computes over each lane.</summary>
internal enum Reduction
{
    Sum,
    Mean,
    Max,
    LogSumExp,
}

/// <summary>
/// A reduction along one axis of a matrix: every lane (a column for axis 0, a row for axis 1) becomes one number
/// y = r(x_lane), with gradient weights w = ∂y/∂x_lane — 1 for Σ, 1/N for the mean, softmax(x_lane) for log-sum-exp,
/// and for the maximum 1/t on each of the t entries that attain it (the average of the one-sided gradients at a
/// tie). The Jacobian is block-diagonal in the lanes: JVP ẏ_lane = ⟨w_lane, ẋ_lane⟩, VJP x̄_lane += ȳ_lane w_lane.
/// </summary>
internal sealed class AxisReduction<T> : TensorPrimitive<T> where T : IFloatingPointIeee754<T>
{
    private readonly Lanes _lanes;
    private readonly T[] _weights;
    private readonly Reduction _reduction;

    private AxisReduction(TensorVar<T> x, Lanes lanes, T[] weights, Reduction reduction) : base(x) =>
        (_lanes, _weights, _reduction) = (lanes, weights, reduction);

    /// <summary>r along <paramref name="axis"/> (0: down the rows, 1: along each row; a vector has axis 0 only).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is not one the tensor has.</exception>
    public static TensorVar<T> Apply(TensorVar<T> x, int axis, bool keepDims, Reduction reduction)
    {
        // Stryker disable once Statement : x is the receiver of a TensorVar method, never null; the check guards internal callers.
        ArgumentNullException.ThrowIfNull(x);
        if (axis < 0 || axis >= x.Shape.Rank)
            throw new ArgumentOutOfRangeException(nameof(axis), axis,
                $"{reduction}: a tensor of shape {x.Shape} has axes 0 … {x.Shape.Rank - 1}.");
        var lanes = Lanes.Of(x.Shape, axis);
        T[] value = Allocate(lanes.Count, x);
        T[] weights = Allocate(x.Length, x);
        T[] laneValues = new T[lanes.Length], laneWeights = new T[lanes.Length];
        for (int l = 0; l < lanes.Count; l++)
        {
            lanes.Gather(x.Values, l, laneValues);
            value[l] = Reduce(laneValues, laneWeights, reduction);
            lanes.Scatter(laneWeights, l, weights);
        }
        return new AxisReduction<T>(x, lanes, weights, reduction).Result(value, lanes.ResultShape(x.Shape, axis, keepDims));
    }

    // r(x) of one lane, and its gradient into weights.
    private static T Reduce(ReadOnlySpan<T> x, Span<T> weights, Reduction reduction)
    {
        T n = T.CreateChecked(x.Length);
        switch (reduction)
        {
            case Reduction.Sum:
                weights.Fill(T.One);
                return TensorPrimitives.Sum(x);
            case Reduction.Mean:
                weights.Fill(T.One / n);
                return TensorPrimitives.Sum(x) / n;
            case Reduction.Max:
                T max = TensorPrimitives.Max(x);
                int ties = 0;
                for (int k = 0; k < x.Length; k++)
                    ties += x[k] == max ? 1 : 0;
                for (int k = 0; k < x.Length; k++)
                    weights[k] = x[k] == max ? T.One / T.CreateChecked(ties) : T.Zero;
                return max;
            default:
                (T m, T logSum) = Softmax<T>.RowLogSumExp(x, weights);
                return m + logSum;
        }
    }

    protected override void PushForward(int input, ReadOnlySpan<T> tangent, Span<T> outputTangent)
    {
        for (int l = 0; l < _lanes.Count; l++)
            for (int k = 0; k < _lanes.Length; k++)
                outputTangent[l] += _weights[_lanes.Index(l, k)] * tangent[_lanes.Index(l, k)];
    }

    protected override void PullBack(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint)
    {
        for (int l = 0; l < _lanes.Count; l++)
            for (int k = 0; k < _lanes.Length; k++)
                inputAdjoint[_lanes.Index(l, k)] += cotangent[l] * _weights[_lanes.Index(l, k)];
    }

    // x̄̇_lane += ȳ_lane ẇ_lane: the weights of Σ, the mean and the maximum are constant (the maximum's almost
    // everywhere: between ties), and log-sum-exp's softmax w moves as ẇ = w ⊙ (ẋ − ⟨w, ẋ⟩).
    protected override void PullBackCurvature(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjointTangent)
    {
        if (_reduction != Reduction.LogSumExp || Inputs[0].Tangent is not T[] tangent)
            return;
        for (int l = 0; l < _lanes.Count; l++)
        {
            T along = T.Zero;
            for (int k = 0; k < _lanes.Length; k++)
                along += _weights[_lanes.Index(l, k)] * tangent[_lanes.Index(l, k)];
            for (int k = 0; k < _lanes.Length; k++)
            {
                int index = _lanes.Index(l, k);
                inputAdjointTangent[index] += cotangent[l] * _weights[index] * (tangent[index] - along);
            }
        }
    }

    /// <summary>
    /// The lanes of a row-major tensor along an axis: lane l's k-th entry is at l·LaneStep + k·Step.
    /// </summary>
    private readonly record struct Lanes(int Count, int Length, int LaneStep, int Step)
    {
        public static Lanes Of(Shape shape, int axis) => (shape.Rank, axis) switch
        {
            (1, _) => new(1, shape.Length, 0, 1),
            (_, 0) => new(shape.Columns, shape.Rows, 1, shape.Columns),
            _ => new(shape.Rows, shape.Columns, shape.Columns, 1),
        };

        public int Index(int lane, int k) => lane * LaneStep + k * Step;

        public void Gather(ReadOnlySpan<T> source, int lane, Span<T> destination)
        {
            for (int k = 0; k < Length; k++)
                destination[k] = source[Index(lane, k)];
        }

        public void Scatter(ReadOnlySpan<T> source, int lane, Span<T> destination)
        {
            for (int k = 0; k < Length; k++)
                destination[Index(lane, k)] = source[k];
        }

        // A vector reduces to a scalar (a 1-vector with keepDims); a matrix to a vector over the other axis, or to a
        // 1×n / m×1 matrix with keepDims.
        public Shape ResultShape(Shape shape, int axis, bool keepDims) => (shape.Rank, axis, keepDims) switch
        {
            (1, _, false) => Shape.Scalar,
            (1, _, true) => Shape.Vector(1),
            (_, 0, false) => Shape.Vector(shape.Columns),
            (_, 0, true) => Shape.Matrix(1, shape.Columns),
            (_, _, false) => Shape.Vector(shape.Rows),
            _ => Shape.Matrix(shape.Rows, 1),
        };
    }
}
