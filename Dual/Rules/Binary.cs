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
/// <remarks>The arguments follow .NET's order: the first is y, the second is x.</remarks>
public readonly struct Atan2 : IBinaryRule
{
    /// <inheritdoc/>
    public T F<T>(T y, T x) where T : IFloatingPointIeee754<T> => T.Atan2(y, x);
    /// <inheritdoc/>
    public T Dx<T>(T y, T x, T fxy) where T : IFloatingPointIeee754<T> => x / (x * x + y * y);
    /// <inheritdoc/>
    public T Dy<T>(T y, T x, T fxy) where T : IFloatingPointIeee754<T> => -y / (x * x + y * y);
}

/// <summary>√(x² + y²) without overflow; ∂/∂x = x/h, ∂/∂y = y/h.</summary>
public readonly struct Hypot : IBinaryRule
{
    /// <inheritdoc/>
    public T F<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Hypot(x, y);
    /// <inheritdoc/>
    public T Dx<T>(T x, T y, T fxy) where T : IFloatingPointIeee754<T> => x / fxy;
    /// <inheritdoc/>
    public T Dy<T>(T x, T y, T fxy) where T : IFloatingPointIeee754<T> => y / fxy;
}
