using System.Numerics;

namespace Autodiff.Properties.Support;

/// <summary>Functions ℝⁿ → ℝ shared by several properties, each written once generically.</summary>
public static class TestFunctions
{
    /// <summary>
    /// A smooth non-polynomial function coupling every input, so that no entry of its gradient or Hessian vanishes
    /// structurally: exp(Σ i·sin xᵢ / n) · ln Π(1 + xᵢ²/4) + atan2(x₁, 1 + xₙ²).
    /// </summary>
    public static T Coupled<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T s = T.Zero, p = T.One;
        for (int i = 0; i < x.Length; i++)
        {
            s += T.Sin(x[i]) * T.CreateChecked(i + 1);
            p *= T.One + x[i] * x[i] / T.CreateChecked(4);
        }
        return T.Exp(s / T.CreateChecked(x.Length)) * T.Log(p) + T.Atan2(x[0], T.One + x[^1] * x[^1]);
    }

    /// <summary>Σ xᵢ², a smooth function with gradient 2x and Hessian 2I: the plain argument of the bad-input cases.</summary>
    public static T SumOfSquares<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        foreach (T e in x)
            sum += e * e;
        return sum;
    }

    /// <summary>x ↦ x, the plain vector function of the bad-input cases.</summary>
    public static T[] Identity<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x.ToArray();
}
