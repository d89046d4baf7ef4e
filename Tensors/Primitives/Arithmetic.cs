using System.Numerics;
using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>The four entrywise arithmetic operations.</summary>
internal enum ArithmeticOperation { Add, Subtract, Multiply, Divide }

/// <summary>
/// z = x ∘ y entry by entry (with broadcasting), for ∘ ∈ {+, −, ⊙, ⊘}. Each partial is diagonal, so it is kept as
/// one entry per output: ∂z/∂x = 1, 1, y, 1/y and ∂z/∂y = 1, −1, x, −z/y. JVP: ż = D_x ⊙ ẋ + D_y ⊙ ẏ (operands
/// stretched as in the forward pass); VJP: x̄ += (D_x ⊙ z̄) summed over the stretched dimensions.
/// </summary>
internal sealed class Arithmetic<T> : TensorPrimitive<T> where T : IFloatingPointIeee754<T>
{
    private readonly Shape _shape;
    // A partial is either an array of entries or, for + and −, a constant (the array is null).
    private readonly T[]? _dx, _dy;
    private readonly T _cx, _cy;

    private Arithmetic(TensorVar<T> x, TensorVar<T> y, Shape shape, T[]? dx, T cx, T[]? dy, T cy) : base(x, y)
    {
        _shape = shape;
        (_dx, _cx, _dy, _cy) = (dx, cx, dy, cy);
    }

    public static TensorVar<T> Apply(TensorVar<T> x, TensorVar<T> y, ArithmeticOperation operation)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Shape shape = Broadcasting.Of(x.Shape, y.Shape, operation.ToString(), nameof(y));
        T[] xs = Stretched(x, shape), ys = Stretched(y, shape);
        var z = new T[shape.Length];
        Arithmetic<T> primitive;
        switch (operation)
        {
            case ArithmeticOperation.Add:
                TensorPrimitives.Add(xs, ys, z);
                primitive = new(x, y, shape, null, T.One, null, T.One);
                break;
            case ArithmeticOperation.Subtract:
                TensorPrimitives.Subtract(xs, ys, z);
                primitive = new(x, y, shape, null, T.One, null, T.NegativeOne);
                break;
            case ArithmeticOperation.Multiply:
                TensorPrimitives.Multiply(xs, ys, z);
                primitive = new(x, y, shape, ys, T.Zero, xs, T.Zero);
                break;
            default:
                TensorPrimitives.Divide(xs, ys, z);
                var dx = new T[z.Length];
                var dy = new T[z.Length];
                TensorPrimitives.Reciprocal(ys, dx);
                TensorPrimitives.Multiply(z, dx, dy);
                TensorPrimitives.Negate(dy, dy);
                primitive = new(x, y, shape, dx, T.Zero, dy, T.Zero);
                break;
        }
        return primitive.Result(z, shape);
    }

    // ż += D_i ⊙ stretch(ẋ_i).
    protected override void PushForward(int input, ReadOnlySpan<T> tangent, Span<T> outputTangent)
    {
        if (Inputs[input].Length == _shape.Length)
            AddPartialTimes(input, tangent, outputTangent);
        else
            AddPartialTimes(input, Broadcasting.Expand(tangent, Inputs[input].Shape, _shape), outputTangent);
    }

    // x̄_i += reduce(D_i ⊙ z̄).
    protected override void PullBack(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint)
    {
        if (Inputs[input].Length == _shape.Length)
        {
            AddPartialTimes(input, cotangent, inputAdjoint);
            return;
        }
        T[] product = RowMajor.Filled(cotangent.Length, T.Zero);
        AddPartialTimes(input, cotangent, product);
        Broadcasting.AddReduced<T>(product, Inputs[input].Shape, _shape, inputAdjoint);
    }

    private void AddPartialTimes(int input, ReadOnlySpan<T> v, Span<T> target)
    {
        T[]? partial = input == 0 ? _dx : _dy;
        if (partial is null)
            TensorPrimitives.MultiplyAdd(v, input == 0 ? _cx : _cy, target, target);
        else
            TensorPrimitives.MultiplyAdd(v, partial, target, target);
    }

    // The operand's entries stretched to the result's shape (the operand's own array when no stretch is needed).
    // Stryker disable once Conditional : expanding to the operand's own shape copies its entries.
    private static T[] Stretched(TensorVar<T> operand, Shape shape) =>
        operand.Length == shape.Length ? operand.Entries : Broadcasting.Expand(operand.Values, operand.Shape, shape);
}
