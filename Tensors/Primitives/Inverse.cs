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

    protected override void PullBack(int input, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint)
    {
        var yTyBar = new T[_n * _n];
        var product = new T[_n * _n];
        Gemm.TransposedMultiply<T>(_y, cotangent, yTyBar, _n, _n, _n);
        Gemm.MultiplyTransposed<T>(yTyBar, _y, product, _n, _n, _n);
        TensorPrimitives.Subtract(inputAdjoint, product, inputAdjoint);
    }
}
