using System.Numerics;

namespace Autodiff;

/// <summary>
/// C = A B for A m×k and B k×n (vectors act as a row on the left and a column on the right; an outer product is the
/// case k = 1). JVP: Ċ = Ȧ B + A Ḃ. VJP: Ā += C̄ Bᵀ, B̄ += Aᵀ C̄ — the seeds' ∂(AB)/∂A contracted with C̄.
/// </summary>
internal sealed class MatrixProduct<T> : TensorPrimitive<T> where T : IFloatingPointIeee754<T>
{
    private readonly int _m, _k, _n;
    // B is stored n×k and used as Bᵀ (C = A Bᵀ, for a batch X of rows multiplied as A Xᵀ without forming Xᵀ).
    private readonly bool _transposedB;

    private MatrixProduct(TensorVar<T> a, TensorVar<T> b, int m, int k, int n, bool transposedB = false) : base(a, b) =>
        (_m, _k, _n, _transposedB) = (m, k, n, transposedB);

    /// <summary>The product of two tensors of rank 1 or 2 as <c>A @ B</c> in NumPy (<c>left.MatMul(right)</c>).</summary>
    /// <exception cref="ArgumentException">A scalar operand, or A's columns differ from B's rows (named
    /// <paramref name="right"/>, the public parameter, when it is the operand at fault or the mismatch is between them).</exception>
    public static TensorVar<T> Apply(TensorVar<T> left, TensorVar<T> right)
    {
        // Stryker disable once Statement : left is the receiver of a TensorVar method, never null; the check guards internal callers.
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Shape.Rank == 0 || right.Shape.Rank == 0)
            throw new ArgumentException(
                $"MatMul: the operands are {left.Shape} and {right.Shape}; a product needs vectors or matrices (scale a scalar with *).",
                right.Shape.Rank == 0 ? nameof(right) : null);
        int m = left.Shape.Rows, k = left.Shape.Columns;
        int bRows = right.Shape.Rank == 2 ? right.Shape.Rows : right.Shape.Columns, n = right.Shape.Rank == 2 ? right.Shape.Columns : 1;
        if (k != bRows)
            throw new ArgumentException(
                $"MatMul: the left operand is {left.Shape} and the right one is {right.Shape}; the left's columns ({k}) must equal the right's rows ({bRows}).",
                nameof(right));
        Shape shape = (left.Shape.Rank, right.Shape.Rank) switch
        {
            (2, 2) => Shape.Matrix(m, n, nameof(right), "MatMul"),
            (2, _) => Shape.Vector(m),
            (_, 2) => Shape.Vector(n),
            _ => Shape.Scalar,
        };
        return Product(left, right, m, k, n, shape);
    }

    /// <summary>a bᵀ: the m×n matrix of a_i b_j (<c>left.Outer(right)</c>).</summary>
    /// <exception cref="ArgumentException">An operand is not a vector (named <paramref name="right"/> when it is that
    /// one), or the product has more entries than a tensor holds.</exception>
    public static TensorVar<T> Outer(TensorVar<T> left, TensorVar<T> right)
    {
        // Stryker disable once Statement : left is the receiver of a TensorVar method, never null; the check guards internal callers.
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Shape.Rank != 1 || right.Shape.Rank != 1)
            throw new ArgumentException(
                $"Outer: the operands are {left.Shape} and {right.Shape}; an outer product needs two vectors.",
                right.Shape.Rank != 1 ? nameof(right) : null);
        return Product(left, right, left.Length, 1, right.Length, Shape.Matrix(left.Length, right.Length, nameof(right), "Outer"));
    }

    /// <summary>A Bᵀ for A m×k and B n×k (<c>left.MatMulTransposed(right)</c>), without forming Bᵀ.</summary>
    /// <exception cref="ArgumentException">An operand is not a matrix, or the rows of A and B differ in length (named
    /// <paramref name="right"/>), or the product has more entries than a tensor holds.</exception>
    public static TensorVar<T> TransposedRight(TensorVar<T> left, TensorVar<T> right)
    {
        // Stryker disable once Statement : left is the receiver of a TensorVar method, never null; the check guards internal callers.
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Shape.Rank != 2 || right.Shape.Rank != 2 || left.Shape.Columns != right.Shape.Columns)
            throw new ArgumentException(
                $"MatMulTransposed: the operands are {left.Shape} and {right.Shape}; A Bᵀ needs two matrices with rows of one length (A m×k, B n×k).",
                nameof(right));
        int m = left.Shape.Rows, k = left.Shape.Columns, n = right.Shape.Rows;
        Shape shape = Shape.Matrix(m, n, nameof(right), "MatMulTransposed");
        T[] c = AllocateFilled(m * n, T.Zero, left, right);
        Gemm.MultiplyTransposed<T>(left.Values, right.Values, c.AsSpan(0, m * n), m, k, n);
        return new MatrixProduct<T>(left, right, m, k, n, transposedB: true).Result(c, shape);
    }

    private static TensorVar<T> Product(TensorVar<T> a, TensorVar<T> b, int m, int k, int n, Shape shape)
    {
        T[] c = AllocateFilled(m * n, T.Zero, a, b);
        Gemm.Multiply<T>(a.Values, b.Values, c.AsSpan(0, m * n), m, k, n);
        return new MatrixProduct<T>(a, b, m, k, n).Result(c, shape);
    }

    // Ċ += Ȧ B or A Ḃ (Ȧ Bᵀ or A Ḃᵀ).
    protected override void PushForward(int input, ReadOnlySpan<T> tangent, Span<T> outputTangent)
    {
        if (_transposedB)
        {
            if (input == 0)
                Gemm.MultiplyTransposed(tangent, Inputs[1].Values, outputTangent, _m, _k, _n);
            else
                Gemm.MultiplyTransposed(Inputs[0].Values, tangent, outputTangent, _m, _k, _n);
        }
        else if (input == 0)
            Gemm.Multiply(tangent, Inputs[1].Values, outputTangent, _m, _k, _n);
        else
            Gemm.Multiply(Inputs[0].Values, tangent, outputTangent, _m, _k, _n);
    }

    protected override void PullBack(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint) =>
        AddPullBack(input, input == 0 ? Inputs[1].Values : Inputs[0].Values, cotangent, inputAdjoint);

    // Bilinear: J_A depends on B only and J_B on A only, so J̇ᵀC̄ is the same pullback with the other operand replaced
    // by its tangent (Ā̇ += C̄ Ḃᵀ, B̄̇ += Ȧᵀ C̄).
    protected override void PullBackCurvature(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjointTangent)
    {
        TensorVar<T> other = Inputs[1 - input];
        if (other.Tangent is T[] tangent)
            AddPullBack(input, tangent.AsSpan(0, other.Length), cotangent, inputAdjointTangent);
    }

    // Ā += C̄ Bᵀ or B̄ += Aᵀ C̄ (for C = A Bᵀ: Ā += C̄ B, B̄ += C̄ᵀ A), given the other operand.
    private void AddPullBack(int input, ReadOnlySpan<T> other, ReadOnlySpan<T> cotangent, Span<T> target)
    {
        if (_transposedB)
        {
            if (input == 0)
                Gemm.Multiply(cotangent, other, target, _m, _n, _k);
            else
                Gemm.TransposedMultiply(cotangent, other, target, _m, _n, _k);
        }
        else if (input == 0)
            Gemm.MultiplyTransposed(cotangent, other, target, _m, _n, _k);
        else
            Gemm.TransposedMultiply(other, cotangent, target, _m, _k, _n);
    }
}
