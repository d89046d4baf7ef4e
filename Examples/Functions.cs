using System.Numerics;

namespace Autodiff.Examples;

/// <summary>The notes' functions that several sections differentiate, written once for every number type.</summary>
internal static class Functions
{
    // f(x₁, x₂) = x₁²x₂ + x₁x₂³ (sections 2 and 7).
    public static T Polynomial<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        x[0] * x[0] * x[1] + x[0] * x[1] * x[1] * x[1];

    // f(x) = √(x² + exp(x²)) + cos(x² + exp(x²)), written as the notes' computation graph (sections 5, 7, 8, 9).
    public static T Backprop<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T a = x * x;
        T b = T.Exp(a);
        T c = a + b;
        T d = T.Sqrt(c);
        T e = T.Cos(c);
        return d + e;
    }
}
