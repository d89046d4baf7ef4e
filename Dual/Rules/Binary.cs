using System.Numerics;

namespace Autodiff.Rules;

/// <summary>
/// xʸ with variable base and exponent; ∂/∂x = y xʸ⁻¹, ∂/∂y = xʸ ln x.
/// With a constant exponent the ∂/∂y term is skipped (zero tangent), so x² at x &lt; 0 stays finite.
/// </summary>
public readonly struct Pow : IBinaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Pow(x, y);
    /// <inheritdoc/>
    public T Dx<T>(T x, T y, T fxy) where T : IFloatingPointIeee754<T> => y * T.Pow(x, y - T.One);
    /// <inheritdoc/>
    public T Dy<T>(T x, T y, T fxy) where T : IFloatingPointIeee754<T> => fxy * T.Log(x);
}

/// <summary>atan2(y, x), the angle of the point (x, y); ∂/∂y = x/(x² + y²), ∂/∂x = −y/(x² + y²).</summary>
/// <remarks>
/// The arguments follow .NET's order: the first is y, the second is x (so <see cref="Dx{T}"/>, the partial in the
/// first argument, is ∂/∂y). Convention at the origin, where the angle is undefined and 0/0 would give NaN: the
/// gradient is (0, 0), and so is every higher derivative (the partials are the constant 0 there). It agrees with
/// the derivative along any ray from the origin, on which the angle is constant.
/// </remarks>
public readonly struct Atan2 : IBinaryRule
{
    /// <inheritdoc/>
    public T F<T>(T y, T x) where T : IFloatingPointIeee754<T> => T.Atan2(y, x);
    /// <inheritdoc/>
    public T Dx<T>(T y, T x, T fxy) where T : IFloatingPointIeee754<T> => AtOrigin(y, x) ? T.Zero : x / (x * x + y * y);
    /// <inheritdoc/>
    public T Dy<T>(T y, T x, T fxy) where T : IFloatingPointIeee754<T> => AtOrigin(y, x) ? T.Zero : -y / (x * x + y * y);

    // Compares values (as every branch does), so all modes take the same branch at the same point.
    private static bool AtOrigin<T>(T y, T x) where T : IFloatingPointIeee754<T> => x == T.Zero && y == T.Zero;
}

/// <summary>√(x² + y²) without overflow; ∂/∂x = x/h, ∂/∂y = y/h.</summary>
/// <remarks>
/// Convention at the origin, the kink of the cone, where 0/0 would give NaN: the gradient is (0, 0), the
/// minimum-norm subgradient as for |x|, and so is every higher derivative (the partials are the constant 0 there).
/// </remarks>
public readonly struct Hypot : IBinaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Hypot(x, y);
    /// <inheritdoc/>
    public T Dx<T>(T x, T y, T fxy) where T : IFloatingPointIeee754<T> => fxy == T.Zero ? T.Zero : x / fxy;
    /// <inheritdoc/>
    public T Dy<T>(T x, T y, T fxy) where T : IFloatingPointIeee754<T> => fxy == T.Zero ? T.Zero : y / fxy;
}
