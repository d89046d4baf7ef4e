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
/// <remarks>
/// Nothing is stretched in memory: a broadcast operand (a scalar, a bias row or column) and a partial are kept in
/// their own shapes and read row by row (<see cref="Broadcasting.Row{T}(ReadOnlySpan{T}, Shape, int)"/>), a row of one entry standing for that
/// entry repeated. So 1 − x or A Φ + b𝟙ᵀ costs no array the size of the result besides z, and the VJP of a
/// broadcast operand sums straight into its adjoint.
/// </remarks>
internal sealed class Arithmetic<T> : TensorPrimitive<T> where T : IFloatingPointIeee754<T>
{
    private readonly Shape _shape;
    // ∂z/∂x and ∂z/∂y, each in its own shape (a constant 1 or −1 is a scalar), broadcast to z's like an operand.
    private readonly T[] _dx, _dy;
    private readonly Shape _dxShape, _dyShape;

    private Arithmetic(TensorVar<T> x, TensorVar<T> y, Shape shape, (T[], Shape) dx, (T[], Shape) dy) : base(x, y)
    {
        _shape = shape;
        (_dx, _dxShape) = dx;
        (_dy, _dyShape) = dy;
    }

    public static TensorVar<T> Apply(TensorVar<T> x, TensorVar<T> y, ArithmeticOperation operation)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Shape shape = Broadcasting.Of(x.Shape, y.Shape, operation.ToString(), nameof(y));
        T[] z = Allocate(shape.Length, x, y);
        for (int i = 0; i < shape.Rows; i++)
            Combine(operation, Broadcasting.Row<T>(x.Values, x.Shape, i), Broadcasting.Row<T>(y.Values, y.Shape, i),
                z.AsSpan(i * shape.Columns, shape.Columns));
        Arithmetic<T> primitive = operation switch
        {
            ArithmeticOperation.Add => new(x, y, shape, Constant(T.One), Constant(T.One)),
            ArithmeticOperation.Subtract => new(x, y, shape, Constant(T.One), Constant(T.NegativeOne)),
            ArithmeticOperation.Multiply => new(x, y, shape, (y.Entries, y.Shape), (x.Entries, x.Shape)),
            _ => Quotient(x, y, shape, z),
        };
        return primitive.Result(z, shape);
    }

    private static (T[], Shape) Constant(T value) => ([value], Shape.Scalar);

    // ∂(x ⊘ y)/∂x = 1/y, in y's shape; ∂(x ⊘ y)/∂y = −z ⊙ (1/y), in z's.
    private static Arithmetic<T> Quotient(TensorVar<T> x, TensorVar<T> y, Shape shape, T[] z)
    {
        T[] reciprocal = Allocate(y.Length, x, y);
        TensorPrimitives.Reciprocal(y.Values, reciprocal.AsSpan(0, y.Length));
        T[] dy = Allocate(shape.Length, x, y);
        for (int i = 0; i < shape.Rows; i++)
            Combine(ArithmeticOperation.Multiply, z.AsSpan(i * shape.Columns, shape.Columns),
                Broadcasting.Row<T>(reciprocal, y.Shape, i), dy.AsSpan(i * shape.Columns, shape.Columns));
        Span<T> negated = dy.AsSpan(0, shape.Length);
        TensorPrimitives.Negate(negated, negated);
        return new(x, y, shape, (reciprocal, y.Shape), (dy, shape));
    }

    // destination = a ∘ b, where a row of one entry stands for that entry repeated.
    private static void Combine(ArithmeticOperation operation, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination)
    {
        if (a.Length == destination.Length && b.Length == destination.Length)
        {
            switch (operation)
            {
                case ArithmeticOperation.Add: TensorPrimitives.Add(a, b, destination); break;
                case ArithmeticOperation.Subtract: TensorPrimitives.Subtract(a, b, destination); break;
                case ArithmeticOperation.Multiply: TensorPrimitives.Multiply(a, b, destination); break;
                default: TensorPrimitives.Divide(a, b, destination); break;
            }
        }
        else if (a.Length == destination.Length)
        {
            switch (operation)
            {
                case ArithmeticOperation.Add: TensorPrimitives.Add(a, b[0], destination); break;
                case ArithmeticOperation.Subtract: TensorPrimitives.Subtract(a, b[0], destination); break;
                case ArithmeticOperation.Multiply: TensorPrimitives.Multiply(a, b[0], destination); break;
                default: TensorPrimitives.Divide(a, b[0], destination); break;
            }
        }
        else
        {
            // b is the row, a one entry repeated (two rows of one entry make a result row of one entry: case one).
            switch (operation)
            {
                case ArithmeticOperation.Add: TensorPrimitives.Add(b, a[0], destination); break;
                case ArithmeticOperation.Subtract: TensorPrimitives.Subtract(a[0], b, destination); break;
                case ArithmeticOperation.Multiply: TensorPrimitives.Multiply(b, a[0], destination); break;
                default: TensorPrimitives.Divide(a[0], b, destination); break;
            }
        }
    }

    // ż += D_i ⊙ stretch(ẋ_i), row by row.
    protected override void PushForward(int input, ReadOnlySpan<T> tangent, Span<T> outputTangent)
    {
        (T[] partial, Shape partialShape) = Partial(input);
        Shape from = Inputs[input].Shape;
        for (int i = 0; i < _shape.Rows; i++)
            AddProduct(Broadcasting.Row<T>(partial, partialShape, i), Broadcasting.Row(tangent, from, i),
                outputTangent.Slice(i * _shape.Columns, _shape.Columns));
    }

    // x̄_i += D_i ⊙ z̄ summed over the dimensions x_i was stretched along, row by row: a row of z̄ adds into x̄_i's row
    // (the same row for every i when x_i is a row vector), or sums into its one entry when x_i is a column or a scalar.
    protected override void PullBack(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint)
    {
        (T[] partial, Shape partialShape) = Partial(input);
        Shape from = Inputs[input].Shape;
        for (int i = 0; i < _shape.Rows; i++)
        {
            ReadOnlySpan<T> d = Broadcasting.Row<T>(partial, partialShape, i);
            ReadOnlySpan<T> zBar = cotangent.Slice(i * _shape.Columns, _shape.Columns);
            Span<T> target = Broadcasting.Row(inputAdjoint, from, i);
            if (target.Length == zBar.Length)
            {
                AddProduct(d, zBar, target);
                continue;
            }
            T sum = target[0];
            for (int j = 0; j < zBar.Length; j++)
                sum += d[d.Length == 1 ? 0 : j] * zBar[j];
            target[0] = sum;
        }
    }

    private (T[] Entries, Shape Shape) Partial(int input) => input == 0 ? (_dx, _dxShape) : (_dy, _dyShape);

    // destination += d ⊙ v, where a row of one entry stands for that entry repeated.
    private static void AddProduct(ReadOnlySpan<T> d, ReadOnlySpan<T> v, Span<T> destination)
    {
        if (v.Length == destination.Length)
        {
            if (d.Length == destination.Length)
                TensorPrimitives.MultiplyAdd(v, d, destination, destination);
            else
                TensorPrimitives.MultiplyAdd(v, d[0], destination, destination);
        }
        else if (d.Length == destination.Length)
            TensorPrimitives.MultiplyAdd(d, v[0], destination, destination);
        else
            TensorPrimitives.Add(destination, d[0] * v[0], destination);
    }
}
