using System.Numerics;
using static System.FormattableString;

namespace Autodiff;

/// <summary>Finiteness checks of the optimisers: a non-finite point is bad input, a non-finite derivative an outcome.</summary>
internal static class Finite
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming x when an entry is NaN or infinite.</summary>
    public static void Require<T>(ReadOnlySpan<T> x, string name) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
            if (!T.IsFinite(x[i]))
                throw new ArgumentException(Invariant($"{name}[{i}] is {x[i]}; every entry must be finite."), name);
    }

    /// <summary>True when every entry of the vector and of the matrix is finite.</summary>
    public static bool All<T>(T[] v, T[,] m) where T : IFloatingPointIeee754<T>
    {
        foreach (T e in v)
            if (!T.IsFinite(e))
                return false;
        foreach (T e in m)
            if (!T.IsFinite(e))
                return false;
        return true;
    }
}
