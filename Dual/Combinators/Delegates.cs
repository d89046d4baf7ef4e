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
