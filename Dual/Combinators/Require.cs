namespace Autodiff;

/// <summary>Argument checks shared by the combinators: each throws before any work, naming the argument.</summary>
internal static class Require
{
    public static void NotEmpty<T>(ReadOnlySpan<T> x, string name, string need = "the function needs at least one input")
    {
        if (x.IsEmpty)
            throw new ArgumentException($"{name} is empty; {need}.", name);
    }

    public static void SameLength<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> v, string xName, string vName)
    {
        if (x.Length != v.Length)
            throw new ArgumentException(
                $"{vName} has length {v.Length} but {xName} has length {x.Length}; they must have the same length.", vName);
    }

    /// <summary>Checks one output of a vector function: present, non-empty, and of the arity an earlier call had.</summary>
    public static T[] Arity<T>(T[]? output, int? expected, string name)
    {
        if (output is null)
            throw new ArgumentException($"{name} returned null; a vector function must return its outputs.", name);
        if (expected is int arity && output.Length != arity)
            throw new ArgumentException(
                $"{name} returned {output.Length} outputs where an earlier call returned {expected}; its arity must not depend on the input.", name);
        if (output.Length == 0)
            throw new ArgumentException($"{name} returned no outputs; a vector function needs at least one.", name);
        return output;
    }

    /// <summary>Checks a destination span: exactly the length the result needs.</summary>
    public static void Length<T>(Span<T> destination, int length, string name, string what)
    {
        if (destination.Length != length)
            throw new ArgumentException(
                $"{name} has length {destination.Length} but {what} needs {length} entries.", name);
    }

    /// <summary>Checks an in-place function's value destination: its length m ≥ 1 fixes the number of outputs.</summary>
    public static void OutputDestination<T>(Span<T> value, string name) =>
        NotEmpty<T>(value, name, "its length fixes the number of outputs, at least one");

    /// <summary>Checks a row-major m×n Jacobian destination.</summary>
    public static void JacobianDestination<T>(Span<T> jacobian, int m, int n, string name) =>
        Length(jacobian, m * n, name, "a row-major m×n Jacobian (m = value.Length, n = x.Length)");
}
