namespace Autodiff.Testing;

// The argument checks of the kit: each names the parameter.
internal static class Arguments
{
    public static T NotNull<T>(T value, string name) => value is null ? throw new ArgumentNullException(name) : value;

    // A point or direction: not null, not empty, finite, and of the expected length if one is given.
    public static double[] Vector(double[] x, string name, int? length = null)
    {
        ArgumentNullException.ThrowIfNull(x, name);
        if (x.Length == 0)
            throw new ArgumentException("The vector is empty; it needs at least one entry.", name);
        if (length is int needed && x.Length != needed)
            throw new ArgumentException($"The vector has length {x.Length} but {needed} is needed.", name);
        for (int i = 0; i < x.Length; i++)
            if (!double.IsFinite(x[i]))
                throw new ArgumentException($"Entry {i} is {x[i]}; a point and a direction must be finite.", name);
        return x;
    }

    public static double Finite(double x, string name) =>
        double.IsFinite(x) ? x : throw new ArgumentException($"The point is {x}; it must be finite.", name);
}
