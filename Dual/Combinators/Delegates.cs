namespace Autodiff;

/// <summary>
/// A scalar function of a vector, f: ℝⁿ → ℝ. A generic method
/// <c>static T F&lt;T&gt;(ReadOnlySpan&lt;T&gt; x) where T : IFloatingPointIeee754&lt;T&gt;</c> converts to it for
/// every number type, so one definition serves plain evaluation and every mode.
/// </summary>
public delegate T ScalarFunction<T>(ReadOnlySpan<T> x);

/// <summary>
/// A vector function of a vector, f: ℝⁿ → ℝᵐ, returning a fresh array of its m outputs. A generic method
/// <c>static T[] F&lt;T&gt;(ReadOnlySpan&lt;T&gt; x) where T : IFloatingPointIeee754&lt;T&gt;</c> converts to it.
/// </summary>
public delegate T[] VectorFunction<T>(ReadOnlySpan<T> x);

/// <summary>
/// A vector function f: ℝⁿ → ℝᵐ in numerical code's in-place style (Julia's <c>f!(y, x)</c>): it writes its m outputs
/// into <paramref name="y"/> instead of returning a fresh array, so a call allocates nothing. The caller fixes m by
/// the length of y. y is zero when f is called (so f may accumulate into it), and an output f does not write is the constant 0. A generic method
/// <c>static void F&lt;T&gt;(ReadOnlySpan&lt;T&gt; x, Span&lt;T&gt; y) where T : IFloatingPointIeee754&lt;T&gt;</c> converts to it.
/// </summary>
public delegate void InPlaceFunction<T>(ReadOnlySpan<T> x, Span<T> y);

