using System.Numerics;

namespace Autodiff.Rules;

/// <summary>
/// Functions users call that are not rules of their own: operators and compositions of rules (the activation
/// functions and .NET's default implementations), listed in <see cref="RuleTable"/> so every one is tested.
/// </summary>
public static class Composed
{
#pragma warning disable CS1591 // Each struct is named for the function it calls.
    public readonly struct Sigmoid : IUnaryFunction { public T F<T>(T x) where T : IFloatingPointIeee754<T> => Activation.Sigmoid(x); }
    public readonly struct Softplus : IUnaryFunction { public T F<T>(T x) where T : IFloatingPointIeee754<T> => Activation.Softplus(x); }
    public readonly struct Relu : IUnaryFunction { public T F<T>(T x) where T : IFloatingPointIeee754<T> => Activation.Relu(x); }
    public readonly struct LogBase3 : IUnaryFunction { public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Log(x, T.CreateChecked(3)); }
    public readonly struct Exp2M1 : IUnaryFunction { public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp2M1(x); }
    public readonly struct Exp10M1 : IUnaryFunction { public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp10M1(x); }
    public readonly struct Log2P1 : IUnaryFunction { public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Log2P1(x); }
    public readonly struct Log10P1 : IUnaryFunction { public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Log10P1(x); }
    public readonly struct Reciprocal : IUnaryFunction { public T F<T>(T x) where T : IFloatingPointIeee754<T> => T.One / x; }
    public readonly struct Add : IBinaryFunction { public T F<T>(T x, T y) where T : IFloatingPointIeee754<T> => x + y; }
    public readonly struct Subtract : IBinaryFunction { public T F<T>(T x, T y) where T : IFloatingPointIeee754<T> => x - y; }
    public readonly struct Multiply : IBinaryFunction { public T F<T>(T x, T y) where T : IFloatingPointIeee754<T> => x * y; }
    public readonly struct Divide : IBinaryFunction { public T F<T>(T x, T y) where T : IFloatingPointIeee754<T> => x / y; }
    public readonly struct Atan2Pi : IBinaryFunction { public T F<T>(T y, T x) where T : IFloatingPointIeee754<T> => T.Atan2Pi(y, x); }
#pragma warning restore CS1591
}
