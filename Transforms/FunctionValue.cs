namespace Autodiff;

/// <summary>The one check a transform makes on the function value it is given.</summary>
internal static class FunctionValue
{
    /// <summary>f itself; a null function value (possible when its type is an interface) is an error naming it.</summary>
    /// <exception cref="ArgumentNullException">f is null.</exception>
    public static TF Required<TF>(TF f, string name) => f is null ? throw new ArgumentNullException(name) : f;
}
