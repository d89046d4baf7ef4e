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
    private readonly ArithmeticOperation _operation;
    // ∂z/∂x and ∂z/∂y, each in its own shape (a constant 1 or −1 is a scalar), broadcast to z's like an operand.
    private readonly T[] _dx, _dy;
    private readonly Shape _dxShape, _dyShape;

    private Arithmetic(TensorVar<T> x, TensorVar<T> y, ArithmeticOperation operation, Shape shape, (T[], Shape) dx, (T[], Shape) dy)
        : base(x, y)
    {
        _shape = shape;
        _operation = operation;
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
            ArithmeticOperation.Add => new(x, y, operation, shape, Constant(T.One), Constant(T.One)),
            ArithmeticOperation.Subtract => new(x, y, operation, shape, Constant(T.One), Constant(T.NegativeOne)),
            ArithmeticOperation.Multiply => new(x, y, operation, shape, (y.Entries, y.Shape), (x.Entries, x.Shape)),
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
        return new(x, y, ArithmeticOperation.Divide, shape, (reciprocal, y.Shape), (dy, shape));
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

    // x̄_i += D_i ⊙ z̄ summed over the dimensions x_i was stretched along.
    protected override void PullBack(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint) =>
        AddTransposed(Partial(input), input, cotangent, inputAdjoint);

    // x̄̇_i += Ḋ_i ⊙ z̄, summed likewise: Ḋ is 0 for + and −; ẏ and ẋ for x ⊙ y; for x ⊘ y, d/dε (1/y) = −ẏ/y² and
    // d/dε (−x/y²) = −ẋ/y² + 2x ẏ/y³.
    protected override void PullBackCurvature(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjointTangent)
    {
        TensorVar<T> x = Inputs[0], y = Inputs[1];
        if (_operation is ArithmeticOperation.Add or ArithmeticOperation.Subtract)
            return;
        if (_operation == ArithmeticOperation.Multiply)
        {
            TensorVar<T> other = input == 0 ? y : x;
            if (other.Tangent is T[] otherTangent)
                AddTransposed((otherTangent, other.Shape), input, cotangent, inputAdjointTangent);
            return;
        }
        if (input == 0)
        {
            if (y.Tangent is not T[] yDot)
                return;
            var dDot = new T[y.Length];
            for (int k = 0; k < dDot.Length; k++)
                dDot[k] = -yDot[k] * _dx[k] * _dx[k];
            AddTransposed((dDot, y.Shape), input, cotangent, inputAdjointTangent);
            return;
        }
        var partialDot = new T[_shape.Length];
        T two = T.One + T.One;
        for (int i = 0; i < _shape.Rows; i++)
        {
            ReadOnlySpan<T> xs = Broadcasting.Row<T>(x.Values, x.Shape, i), rs = Broadcasting.Row<T>(_dx, y.Shape, i);
            ReadOnlySpan<T> xDots = x.Tangent is T[] xt ? Broadcasting.Row<T>(xt, x.Shape, i) : default;
            ReadOnlySpan<T> yDots = y.Tangent is T[] yt ? Broadcasting.Row<T>(yt, y.Shape, i) : default;
            for (int j = 0; j < _shape.Columns; j++)
            {
                T r = At(rs, j), term = T.Zero;
                if (!xDots.IsEmpty)
                    term -= At(xDots, j) * r * r;
                if (!yDots.IsEmpty)
                    term += two * At(xs, j) * At(yDots, j) * r * r * r;
                partialDot[i * _shape.Columns + j] = term;
            }
        }
        AddTransposed((partialDot, _shape), input, cotangent, inputAdjointTangent);
    }

    // Entry j of a row, where a row of one entry stands for that entry repeated.
    private static T At(ReadOnlySpan<T> row, int j) => row[row.Length == 1 ? 0 : j];

    // target_i += D ⊙ z̄ summed over the dimensions x_i was stretched along, row by row: a row of z̄ adds into the
    // target's row (the same row for every i when x_i is a row vector), or sums into its one entry when x_i is a
    // column or a scalar. D is broadcast to z's shape like an operand.
    private void AddTransposed((T[] Entries, Shape Shape) partial, int input, ReadOnlySpan<T> cotangent, Span<T> target)
    {
        Shape from = Inputs[input].Shape;
        for (int i = 0; i < _shape.Rows; i++)
        {
            ReadOnlySpan<T> d = Broadcasting.Row<T>(partial.Entries, partial.Shape, i);
            ReadOnlySpan<T> zBar = cotangent.Slice(i * _shape.Columns, _shape.Columns);
            Span<T> row = Broadcasting.Row(target, from, i);
            if (row.Length == zBar.Length)
            {
                AddProduct(d, zBar, row);
                continue;
            }
            T sum = row[0];
            for (int j = 0; j < zBar.Length; j++)
                sum += At(d, j) * zBar[j];
            row[0] = sum;
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
