using System.Numerics;
using System.Runtime.CompilerServices;
using Autodiff.Properties.Support;

namespace Autodiff.Properties.Testing;

/// <summary>
/// Functions for the kit's own tests: right ones, and deliberately wrong ones that every check must reject. A wrong
/// one differs from the right one only on the number types of one mode, as a derivative bug does: the plain
/// function (and so the differences) stays right.
/// </summary>
internal static class Functions
{
    /// <summary>The smooth coupled test function ℝⁿ → ℝ (<see cref="TestFunctions.Coupled{T}"/>).</summary>
    public readonly struct Coupled : IScalarFunction
    {
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => TestFunctions.Coupled(x);
    }

    /// <summary>Coupled, plus 0.01·x₀² on every differentiated number type: its "gradient" is off by 0.02·x₀ in ∂/∂x₀.</summary>
    public readonly struct OffGradient : IScalarFunction
    {
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
            TestFunctions.Coupled(x) + (typeof(T) == typeof(double) ? T.Zero : T.CreateChecked(0.01) * x[0] * x[0]);
    }

    /// <summary>Coupled, plus 0.01·x₀² in forward mode only (Dual): forward ∇f is off by 0.02·x₀ in ∂/∂x₀, reverse is right.</summary>
    public readonly struct OffForwardGradient : IScalarFunction
    {
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
            TestFunctions.Coupled(x) + (typeof(T) == typeof(Dual<double>) ? T.CreateChecked(0.01) * x[0] * x[0] : T.Zero);
    }

    /// <summary>
    /// Coupled, plus √(x₀ − 0.7) in forward mode only (Dual): at x₀ = 0.7 the value is unchanged and forward ∂/∂x₀ is
    /// +∞ while reverse mode's is finite, a disagreement no relative tolerance may forgive.
    /// </summary>
    public readonly struct InfiniteForwardGradient : IScalarFunction
    {
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
            TestFunctions.Coupled(x) + (typeof(T) == typeof(Dual<double>) ? T.Sqrt(x[0] - T.CreateChecked(0.7)) : T.Zero);
    }

    /// <summary>√(x₀ − 0.7) + x₁ in every mode: ∂/∂x₀ = +∞ at x₀ = 0.7, forward and reverse alike.</summary>
    public readonly struct InfiniteGradient : IScalarFunction
    {
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => T.Sqrt(x[0] - T.CreateChecked(0.7)) + x[1];
    }

    /// <summary>A random program plus 0.1·x₀ on every differentiated number type: ∂/∂x₀ is off by 0.1.</summary>
    public readonly struct OffProgram(ProgramCase c) : IScalarFunction
    {
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
            c.Scalar(x) + (typeof(T) == typeof(double) ? T.Zero : T.CreateChecked(0.1) * x[0]);
    }

    /// <summary>Coupled, plus x₀x₁ only when run for a Hessian (Tracked&lt;Dual&gt;): H is off by 1 in h₀₁ and h₁₀.</summary>
    public readonly struct OffHessian : IScalarFunction
    {
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
            TestFunctions.Coupled(x) + (typeof(T) == typeof(Tracked<Dual<double>>) ? x[0] * x[1] : T.Zero);
    }

    /// <summary>
    /// Coupled, plus ½‖x‖² only when run for a Hessian along a direction that is not a unit vector (Tracked&lt;Dual&gt;
    /// with more than one nonzero tangent): the dense Hessian (seeded e_j, column by column) is right, while H v is
    /// (H + I) v, so the comparison of H v with the dense H times v is off by exactly v.
    /// </summary>
    public readonly struct OffAlongDirections : IScalarFunction
    {
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            T f = TestFunctions.Coupled(x);
            if (typeof(T) != typeof(Tracked<Dual<double>>))
                return f;
            int seeded = 0;
            foreach (T xi in x)
                if (Unsafe.As<T, Tracked<Dual<double>>>(ref Unsafe.AsRef(in xi)).Value.Tangent != 0)
                    seeded++;
            return seeded > 1 ? f + TestFunctions.SumOfSquares(x) / (T.One + T.One) : f;
        }
    }

    /// <summary>f(x) = (x₀ sin x₁, x₀² + eˣ¹, x₁ / (1 + x₀²)): ℝ² → ℝ³.</summary>
    public readonly struct Curve : IVectorFunction
    {
        public T[] F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
            [x[0] * T.Sin(x[1]), x[0] * x[0] + T.Exp(x[1]), x[1] / (T.One + x[0] * x[0])];
    }

    /// <summary>Curve, with its second output off by 0.1·x₁ in forward mode only (a wrong tangent rule).</summary>
    public readonly struct OffForward : IVectorFunction
    {
        public T[] F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            T[] y = new Curve().F(x);
            if (typeof(T) == typeof(Dual<double>))
                y[1] += T.CreateChecked(0.1) * x[1];
            return y;
        }
    }

    /// <summary>g(y) = ln(1 + Σ yᵢ²): ℝᵐ → ℝ, the outer function of the chain-rule checks.</summary>
    public readonly struct LogNorm : IScalarFunction
    {
        public T F<T>(ReadOnlySpan<T> y) where T : IFloatingPointIeee754<T> => T.Log(T.One + TestFunctions.SumOfSquares(y));
    }

    /// <summary>x ↦ x₀·x₁ with ∂/∂y written as 2x: the rule's mixed partials disagree, so its Hessian is not symmetric.</summary>
    public readonly struct LopsidedProduct : Autodiff.Rules.IBinaryRule
    {
        public T F<T>(T x, T y) where T : IFloatingPointIeee754<T> => x * y;
        public T Dx<T>(T x, T y, T fxy) where T : IFloatingPointIeee754<T> => y;
        public T Dy<T>(T x, T y, T fxy) where T : IFloatingPointIeee754<T> => T.CreateChecked(2) * x;
    }

    /// <summary>x₀·x₁ through <see cref="LopsidedProduct"/>, on the Hessian's number type.</summary>
    public static Tracked<Dual<double>> Lopsided(ReadOnlySpan<Tracked<Dual<double>>> x) =>
        Tracked<Dual<double>>.Lift(x[0], x[1], new LopsidedProduct());

    /// <summary>x₀·x₁ through <see cref="LopsidedProduct"/>, on the gradient's number type.</summary>
    public static Tracked<double> Lopsided(ReadOnlySpan<Tracked<double>> x) => Tracked<double>.Lift(x[0], x[1], new LopsidedProduct());

    /// <summary>x₀·x₁ through the table's multiplication, on the Hessian's number type.</summary>
    public static Tracked<Dual<double>> Product(ReadOnlySpan<Tracked<Dual<double>>> x) => x[0] * x[1];
}
