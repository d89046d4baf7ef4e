using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace Autodiff;

/// <summary>
/// X = A⁻¹ B, the solution of A X = B (B a vector or a matrix of k columns), through one LU factorisation kept for
/// both rules. Differentiating A X = B gives Ȧ X + A Ẋ = Ḃ, so JVP: Ẋ = A⁻¹ (Ḃ − Ȧ X); VJP: B̄ += G, Ā += −G Xᵀ
/// with G = A⁻ᵀ X̄ (one transposed solve).
/// </summary>
internal sealed class LinearSolve<T> : TensorPrimitive<T> where T : IFloatingPointIeee754<T>
{
    private readonly LuFactorization<T> _lu;
    private readonly T[] _x;
    private readonly int _n, _k;

    private LinearSolve(TensorVar<T> a, TensorVar<T> b, LuFactorization<T> lu, T[] x) : base(a, b) =>
        (_lu, _x, _n, _k) = (lu, x, a.Shape.Rows, b.Length / a.Shape.Rows);

    /// <exception cref="ArgumentException">A is not square, B's rows differ from A's order, or A is singular.</exception>
    public static TensorVar<T> Apply(TensorVar<T> a, TensorVar<T> b)
    {
        int n = SquareMatrix.Order(a, "Solve");
        ArgumentNullException.ThrowIfNull(b);
        int rows = b.Shape.Rank == 2 ? b.Shape.Rows : b.Length;
        if (b.Shape.Rank == 0 || rows != n)
            throw new ArgumentException($"Solve: A is {a.Shape} and B is {b.Shape}; B must be a {n}-vector or have {n} rows.", nameof(b));
        LuFactorization<T> lu = Factor(a, "Solve");
        T[] x = lu.SolveRowMajor(b.Values, b.Length / n);
        return new LinearSolve<T>(a, b, lu, x).Result(x, b.Shape);
    }

    /// <summary>The LU factorisation of A, or an error saying A is not square or is singular.</summary>
    internal static LuFactorization<T> Factor(TensorVar<T> a, string operation) =>
        LuFactorization<T>.FactorRowMajor(a.Values, SquareMatrix.Order(a, operation)).Match(
            lu => lu,
            error => throw new ArgumentException($"{operation}: A ({a.Shape}) cannot be factorised: {error.Message}"));

    // Ẋ += A⁻¹ Ḃ, or Ẋ += −A⁻¹ Ȧ X.
    protected override void PushForward(int input, ReadOnlySpan<T> tangent, Span<T> outputTangent)
    {
        if (input == 1)
        {
            TensorPrimitives.Add(outputTangent, _lu.SolveRowMajor(tangent, _k), outputTangent);
            return;
        }
        var product = new T[_n * _k];
        Gemm.Multiply<T>(tangent, _x, product, _n, _n, _k);
        TensorPrimitives.Subtract(outputTangent, _lu.SolveRowMajor(product, _k), outputTangent);
    }

    // With G = A⁻ᵀ X̄: Ġ = −A⁻ᵀ Ȧᵀ G (the derivative of A⁻ᵀ) and Ẋ = A⁻¹ (Ḃ − Ȧ X), so B̄̇ += Ġ and
    // Ā̇ += −Ġ Xᵀ − G Ẋᵀ.
    protected override void PullBackCurvature(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjointTangent)
    {
        T[]? aDot = Inputs[0].Tangent, bDot = Inputs[1].Tangent;
        T[] g = _lu.SolveTransposedRowMajor(cotangent, _k);
        T[] gDot = new T[_n * _k];
        if (aDot is not null)
        {
            var aDotTg = new T[_n * _k];
            Gemm.TransposedMultiply<T>(aDot.AsSpan(0, _n * _n), g, aDotTg, _n, _n, _k);
            gDot = _lu.SolveTransposedRowMajor(aDotTg, _k);
            TensorPrimitives.Negate(gDot, gDot);
        }
        if (input == 1)
        {
            TensorPrimitives.Add(inputAdjointTangent, gDot, inputAdjointTangent);
            return;
        }
        var rhs = new T[_n * _k];
        if (bDot is not null)
            bDot.AsSpan(0, _n * _k).CopyTo(rhs);
        if (aDot is not null)
        {
            var aDotX = new T[_n * _k];
            Gemm.Multiply<T>(aDot.AsSpan(0, _n * _n), _x, aDotX, _n, _n, _k);
            TensorPrimitives.Subtract(rhs, aDotX, rhs);
        }
        T[] xDot = _lu.SolveRowMajor(rhs, _k);
        TensorPrimitives.Negate(gDot, gDot);
        TensorPrimitives.Negate(g, g);
        Gemm.MultiplyTransposed<T>(gDot, _x, inputAdjointTangent, _n, _k, _n);
        Gemm.MultiplyTransposed<T>(g, xDot, inputAdjointTangent, _n, _k, _n);
    }

    // B̄ += A⁻ᵀ X̄, or Ā += −(A⁻ᵀ X̄) Xᵀ.
    protected override void PullBack(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint)
    {
        T[] g = _lu.SolveTransposedRowMajor(cotangent, _k);
        if (input == 1)
        {
            TensorPrimitives.Add(inputAdjoint, g, inputAdjoint);
            return;
        }
        TensorPrimitives.Negate(g, g);
        Gemm.MultiplyTransposed<T>(g, _x, inputAdjoint, _n, _k, _n);
    }
}
