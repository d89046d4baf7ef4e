using System.Numerics;

namespace Autodiff;

/// <summary>
/// Transforms of in-place vector function values f!(y, x) (<see cref="IInPlaceVectorFunction"/>); see
/// <see cref="Transforms"/>. Their Jacobians evaluate f into buffers of their own, so no column or row allocates.
/// </summary>
public static class InPlaceTransforms
{
    /// <summary>J_f by forward mode (n columns over the cores), row-major m×n; a function value ℝⁿ → ℝ^{m·n}.</summary>
    public static InPlaceJacfwd<TF> Jacfwd<TF>(this TF f, bool parallel = true) where TF : IInPlaceVectorFunction => new(f, parallel);

    /// <summary>J_f by reverse mode (m rows over the cores), row-major m×n; a function value ℝⁿ → ℝ^{m·n}.</summary>
    public static InPlaceJacrev<TF> Jacrev<TF>(this TF f, bool parallel = true) where TF : IInPlaceVectorFunction => new(f, parallel);

    /// <summary>f as a function value returning a fresh array, so every vector transform applies to it.</summary>
    public static Allocating<TF> Allocating<TF>(this TF f) where TF : IInPlaceVectorFunction => new(f);
}

/// <summary>x ↦ J_f(x) of an in-place function value by forward mode, row-major (see <see cref="Jacfwd{TF}"/>).</summary>
/// <typeparam name="TF">The function value's type.</typeparam>
public readonly struct InPlaceJacfwd<TF>(TF f, bool parallel = true) : IVectorFunction where TF : IInPlaceVectorFunction
{
    private readonly TF _f = FunctionValue.Required(f, nameof(f));

    /// <summary>J_f(x), row-major.</summary>
    /// <exception cref="ArgumentException">x is empty.</exception>
    /// <exception cref="InvalidOperationException">f.OutputLength(x.Length) is not positive.</exception>
    public T[] F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        Forward.JacobianRowMajor<T>(_f.F, x, FunctionValue.OutputLength(_f, x), parallel);

    /// <summary>J_f(x), row-major, into <paramref name="jacobian"/> (m·n entries): repeated calls allocate no result.</summary>
    /// <exception cref="ArgumentException">x is empty, or jacobian does not have m·n entries.</exception>
    /// <exception cref="InvalidOperationException">f.OutputLength(x.Length) is not positive.</exception>
    public void F<T>(ReadOnlySpan<T> x, Span<T> jacobian) where T : IFloatingPointIeee754<T> =>
        Forward.JacobianRowMajor<T>(_f.F, x, FunctionValue.OutputLength(_f, x), jacobian, parallel);
}

/// <summary>x ↦ J_f(x) of an in-place function value by reverse mode, row-major (see <see cref="Jacrev{TF}"/>).</summary>
/// <typeparam name="TF">The function value's type.</typeparam>
public readonly struct InPlaceJacrev<TF>(TF f, bool parallel = true) : IVectorFunction where TF : IInPlaceVectorFunction
{
    private readonly TF _f = FunctionValue.Required(f, nameof(f));

    /// <summary>J_f(x), row-major.</summary>
    /// <exception cref="ArgumentException">x is empty.</exception>
    /// <exception cref="InvalidOperationException">f.OutputLength(x.Length) is not positive.</exception>
    public T[] F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        Reverse.JacobianRowMajor<T>(_f.F, x, FunctionValue.OutputLength(_f, x), parallel);

    /// <summary>J_f(x), row-major, into <paramref name="jacobian"/> (m·n entries): repeated calls allocate no result.</summary>
    /// <exception cref="ArgumentException">x is empty, or jacobian does not have m·n entries.</exception>
    /// <exception cref="InvalidOperationException">f.OutputLength(x.Length) is not positive.</exception>
    public void F<T>(ReadOnlySpan<T> x, Span<T> jacobian) where T : IFloatingPointIeee754<T> =>
        Reverse.JacobianRowMajor<T>(_f.F, x, FunctionValue.OutputLength(_f, x), jacobian, parallel);
}

/// <summary>An in-place function value returning a fresh array of its outputs (an <see cref="IVectorFunction"/>).</summary>
/// <typeparam name="TF">The function value's type.</typeparam>
public readonly struct Allocating<TF>(TF f) : IVectorFunction where TF : IInPlaceVectorFunction
{
    private readonly TF _f = FunctionValue.Required(f, nameof(f));

    /// <summary>f(x) in a new array of m entries.</summary>
    /// <exception cref="ArgumentException">x is empty.</exception>
    /// <exception cref="InvalidOperationException">f.OutputLength(x.Length) is not positive.</exception>
    public T[] F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        var y = new T[FunctionValue.OutputLength(_f, x)];
        // Stryker disable once Statement : default(T) is T.Zero for every IEEE type in .NET; the fill keeps any other T right.
        y.AsSpan().Fill(T.Zero);
        _f.F(x, y);
        return y;
    }
}
