using System.Numerics;
using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>
/// Y = A⁻¹ (the seeds' 5.102). Differentiating A Y = I: Ẏ = −Y Ȧ Y (JVP), and Ā += −Yᵀ Ȳ Yᵀ (VJP).
/// </summary>
internal sealed class Inverse<T> : TensorPrimitive<T> where T : IFloatingPointIeee754<T>
{
    private readonly T[] _y;
    private readonly int _n;

    private Inverse(TensorVar<T> a, T[] y) : base(a) => (_y, _n) = (y, a.Shape.Rows);

    /// <exception cref="ArgumentException">A is not square, or is singular.</exception>
    public static TensorVar<T> Apply(TensorVar<T> a)
    {
        T[] y = LinearSolve<T>.Factor(a, "Inverse").InverseRowMajor();
        return new Inverse<T>(a, y).Result(y, a.Shape);
    }

    protected override void PushForward(int input, ReadOnlySpan<T> tangent, Span<T> outputTangent)
    {
        var yAdot = new T[_n * _n];
        var product = new T[_n * _n];
        Gemm.Multiply<T>(_y, tangent, yAdot, _n, _n, _n);
        Gemm.Multiply<T>(yAdot, _y, product, _n, _n, _n);
        TensorPrimitives.Subtract(outputTangent, product, outputTangent);
    }

    protected override void PullBack(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint) =>
        SubtractProduct(_y, cotangent, _y, inputAdjoint);

    // Ā = −Yᵀ Ȳ Yᵀ moves with Y: Ā̇ += −Ẏᵀ Ȳ Yᵀ − Yᵀ Ȳ Ẏᵀ, where Ẏ = −Y Ȧ Y.
    protected override void PullBackCurvature(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjointTangent)
    {
        if (Inputs[0].Tangent is not T[] aDot)
            return;
        var yAdot = new T[_n * _n];
        var yDot = new T[_n * _n];
        Gemm.Multiply<T>(_y, aDot.AsSpan(0, _n * _n), yAdot, _n, _n, _n);
        Gemm.Multiply<T>(yAdot, _y, yDot, _n, _n, _n);
        TensorPrimitives.Negate(yDot, yDot);
        SubtractProduct(yDot, cotangent, _y, inputAdjointTangent);
        SubtractProduct(_y, cotangent, yDot, inputAdjointTangent);
    }

    // target −= Lᵀ Ȳ Rᵀ.
    private void SubtractProduct(ReadOnlySpan<T> left, ReadOnlySpan<T> cotangent, ReadOnlySpan<T> right, Span<T> target)
    {
        var leftTyBar = new T[_n * _n];
        var product = new T[_n * _n];
        Gemm.TransposedMultiply(left, cotangent, leftTyBar, _n, _n, _n);
        Gemm.MultiplyTransposed<T>(leftTyBar, right, product, _n, _n, _n);
        TensorPrimitives.Subtract(target, product, target);
    }
}
