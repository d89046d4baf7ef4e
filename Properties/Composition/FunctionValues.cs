using System.Numerics;
using Autodiff.Properties.RandomPrograms;
using Autodiff.Rules;

namespace Autodiff.Properties.Composition;

/// <summary>A random program as a scalar function value: a struct carrying its data (the expression tree).</summary>
public readonly record struct ScalarProgram(ProgramCase Case) : IScalarFunction
{
    /// <inheritdoc/>
    public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => Case.Scalar(x);
}

/// <summary>A random vector program as a vector function value.</summary>
public readonly record struct VectorProgram(ProgramCase Case) : IVectorFunction
{
    /// <inheritdoc/>
    public T[] F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => Case.Vector(x);
}

/// <summary>A random program on its line, φ(t) = f(x + t v): a function value ℝ → ℝ.</summary>
public readonly record struct LineProgram(ProgramCase Case) : IUnaryFunction
{
    /// <inheritdoc/>
    public T F<T>(T t) where T : IFloatingPointIeee754<T>
    {
        var p = new T[Case.Inputs];
        for (int k = 0; k < p.Length; k++)
            p[k] = T.CreateChecked(Case.Point[k]) + T.CreateChecked(Case.Direction[k]) * t;
        return Case.Scalar<T>(p);
    }
}

/// <summary>Σ_j (j + 1)·x_j² · sin x_j + Π-free coupling x_j x_{j+1}: a smooth test function of any n, for the parallel checks.</summary>
public readonly struct Coupled : IScalarFunction
{
    /// <inheritdoc/>
    public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int j = 0; j < x.Length; j++)
        {
            sum += T.CreateChecked(j + 1) * x[j] * x[j] * T.Sin(x[j]);
            if (j + 1 < x.Length)
                sum += T.Exp(x[j] * x[j + 1] / T.CreateChecked(x.Length));
        }
        return sum;
    }
}

/// <summary>x ↦ [sin(x_j · x_{j+1}) …]: a vector function value of any n, for the parallel checks.</summary>
public readonly struct Ring : IVectorFunction
{
    /// <inheritdoc/>
    public T[] F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        var y = new T[x.Length];
        for (int j = 0; j < x.Length; j++)
            y[j] = T.Sin(x[j] * x[(j + 1) % x.Length]) + x[j] * x[j];
        return y;
    }
}

/// <summary>A random vector program as an in-place function value (accumulating into y: see <see cref="ProgramCase.InPlace{T}"/>).</summary>
public readonly record struct InPlaceProgram(ProgramCase Case) : IInPlaceVectorFunction
{
    /// <inheritdoc/>
    public int OutputLength(int inputLength) => Case.Outputs.Length;

    /// <inheritdoc/>
    public void F<T>(ReadOnlySpan<T> x, Span<T> y) where T : IFloatingPointIeee754<T> => Case.InPlace(x, y);
}

/// <summary><see cref="Ring"/> written in place, f!(y, x).</summary>
public readonly struct InPlaceRing : IInPlaceVectorFunction
{
    /// <inheritdoc/>
    public int OutputLength(int inputLength) => inputLength;

    /// <inheritdoc/>
    public void F<T>(ReadOnlySpan<T> x, Span<T> y) where T : IFloatingPointIeee754<T>
    {
        for (int j = 0; j < x.Length; j++)
            y[j] = T.Sin(x[j] * x[(j + 1) % x.Length]) + x[j] * x[j];
    }
}
