using System.Numerics;

namespace Autodiff;

/// <summary>
/// C = A B for A m×k and B k×n (vectors act as a row on the left and a column on the right; an outer product is the
/// case k = 1). JVP: Ċ = Ȧ B + A Ḃ. VJP: Ā += C̄ Bᵀ, B̄ += Aᵀ C̄ — the seeds' ∂(AB)/∂A contracted with C̄.
/// </summary>
internal sealed class MatrixProduct<T> : TensorPrimitive<T> where T : IFloatingPointIeee754<T>
{
    private readonly int _m, _k, _n;

    private MatrixProduct(TensorVar<T> a, TensorVar<T> b, int m, int k, int n) : base(a, b) => (_m, _k, _n) = (m, k, n);

    /// <summary>The product of two tensors of rank 1 or 2 as <c>A @ B</c> in NumPy.</summary>
    /// <exception cref="ArgumentException">A scalar operand, or A's columns differ from B's rows.</exception>
    public static TensorVar<T> Apply(TensorVar<T> a, TensorVar<T> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Shape.Rank == 0 || b.Shape.Rank == 0)
            throw new ArgumentException($"MatMul: the operands are {a.Shape} and {b.Shape}; a product needs vectors or matrices (scale a scalar with *).");
        int m = a.Shape.Rows, k = a.Shape.Columns;
        int bRows = b.Shape.Rank == 2 ? b.Shape.Rows : b.Shape.Columns, n = b.Shape.Rank == 2 ? b.Shape.Columns : 1;
        if (k != bRows)
            throw new ArgumentException(
                $"MatMul: the left operand is {a.Shape} and the right one is {b.Shape}; the left's columns ({k}) must equal the right's rows ({bRows}).");
        Shape shape = (a.Shape.Rank, b.Shape.Rank) switch
        {
            (2, 2) => Shape.Matrix(m, n, "right", "MatMul"),
            (2, _) => Shape.Vector(m),
            (_, 2) => Shape.Vector(n),
            _ => Shape.Scalar,
        };
        return Product(a, b, m, k, n, shape);
    }

    /// <summary>a bᵀ: the m×n matrix of a_i b_j.</summary>
    /// <exception cref="ArgumentException">An operand is not a vector.</exception>
    public static TensorVar<T> Outer(TensorVar<T> a, TensorVar<T> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Shape.Rank != 1 || b.Shape.Rank != 1)
            throw new ArgumentException($"Outer: the operands are {a.Shape} and {b.Shape}; an outer product needs two vectors.");
        return Product(a, b, a.Length, 1, b.Length, Shape.Matrix(a.Length, b.Length, "right", "Outer"));
    }

    private static TensorVar<T> Product(TensorVar<T> a, TensorVar<T> b, int m, int k, int n, Shape shape)
    {
        T[] c = RowMajor.Filled(m * n, T.Zero);
        Gemm.Multiply<T>(a.Values, b.Values, c, m, k, n);
        return new MatrixProduct<T>(a, b, m, k, n).Result(c, shape);
    }

    // Ċ += Ȧ B or A Ḃ.
    protected override void PushForward(int input, ReadOnlySpan<T> tangent, Span<T> outputTangent)
    {
        if (input == 0)
            Gemm.Multiply(tangent, Inputs[1].Values, outputTangent, _m, _k, _n);
        else
            Gemm.Multiply(Inputs[0].Values, tangent, outputTangent, _m, _k, _n);
    }

    // Ā += C̄ Bᵀ or B̄ += Aᵀ C̄.
    protected override void PullBack(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint)
    {
        if (input == 0)
            Gemm.MultiplyTransposed(cotangent, Inputs[1].Values, inputAdjoint, _m, _n, _k);
        else
            Gemm.TransposedMultiply(Inputs[0].Values, cotangent, inputAdjoint, _m, _k, _n);
    }
}
