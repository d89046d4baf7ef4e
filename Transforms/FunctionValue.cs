namespace Autodiff;

/// <summary>The checks a transform makes on the function value it is given.</summary>
internal static class FunctionValue
{
    /// <summary>f itself; a null function value (possible when its type is an interface) is an error naming it.</summary>
    /// <exception cref="ArgumentNullException">f is null.</exception>
    public static TF Required<TF>(TF f, string name) => f is null ? throw new ArgumentNullException(name) : f;

    /// <summary>
    /// m = f.OutputLength(n) for a point x of n entries: an in-place f: ℝⁿ → ℝᵐ says its m, so it is checked where it is
    /// read — x has entries and m is positive — and the Jacobians below need not check it again.
    /// </summary>
    /// <exception cref="ArgumentException">x is empty.</exception>
    /// <exception cref="InvalidOperationException">f.OutputLength(n) is not positive.</exception>
    public static int OutputLength<TF, T>(TF f, ReadOnlySpan<T> x) where TF : IInPlaceVectorFunction
    {
        Require.NotEmpty(x, nameof(x));
        int m = f.OutputLength(x.Length);
        return m > 0 ? m : throw new InvalidOperationException(
            $"{typeof(TF).Name}.OutputLength({x.Length}) is {m}; an in-place function has at least one output.");
    }
}
