using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Autodiff;

/// <summary>
/// Moving numbers between the levels of a nested differentiation, for polymorphic function values:
/// <see cref="Lift{TOuter, TInner}"/> brings a value captured from an enclosing differentiation into the number type
/// an inner one runs on, as a constant of the inner level; <see cref="StopGradient{T}"/> cuts every derivative path.
/// </summary>
/// <remarks>
/// An inner transform evaluates its function on a type built over the outer one (<c>Dual&lt;TOuter&gt;</c>,
/// <c>Tracked&lt;TOuter&gt;</c>, <c>Tracked&lt;Dual&lt;TOuter&gt;&gt;</c> …), so lifting a captured outer value is
/// always an embedding as a constant of the new levels, never a value of the inner perturbation: that is why a
/// function written with transforms cannot confuse perturbations (Siskind &amp; Pearlmutter). A lift into a type that
/// is not built over the outer one throws.
/// </remarks>
public static class Nesting
{
    /// <summary>
    /// x: TOuter as a number of TInner, a type built over TOuter by the library's number types, carrying x's
    /// derivative parts at the outer levels and zero at the inner ones.
    /// </summary>
    /// <exception cref="InvalidOperationException">TInner is not TOuter nor built over it.</exception>
    public static TInner Lift<TOuter, TInner>(TOuter x)
        where TOuter : IFloatingPointIeee754<TOuter>
        where TInner : IFloatingPointIeee754<TInner> =>
        Embedding<TOuter, TInner>.Apply(x);

    /// <summary>
    /// x with every derivative part at every level set to zero: a constant that still has x's value (JAX's
    /// <c>stop_gradient</c>, PyTorch's <c>detach</c>). On a plain type it is x itself.
    /// </summary>
    public static T StopGradient<T>(T x) where T : IFloatingPointIeee754<T> => Stopping<T>.Apply(x);

    // The autodiff interface a number type implements, with the type of its value (null for a plain type).
    private static Type? ValueType(Type number) =>
        number.GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAutodiffNumber<,>))
            ?.GetGenericArguments()[1];

    private static Func<TArg, TResult> Build<TArg, TResult>(string method, params Type[] arguments) =>
        typeof(Nesting).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(arguments).CreateDelegate<Func<TArg, TResult>>();

    // One delegate per pair of types, built once by reflection over the type's nesting, then called directly.
    private static class Embedding<TOuter, TInner>
        where TOuter : IFloatingPointIeee754<TOuter>
        where TInner : IFloatingPointIeee754<TInner>
    {
        public static readonly Func<TOuter, TInner> Apply = Create();

        private static Func<TOuter, TInner> Create()
        {
            if (typeof(TOuter) == typeof(TInner))
                return x => Unsafe.As<TOuter, TInner>(ref x);
            return ValueType(typeof(TInner)) is { } value
                ? Build<TOuter, TInner>(nameof(ConstantOf), typeof(TOuter), typeof(TInner), value)
                : _ => throw new InvalidOperationException(
                    $"A value of type {typeof(TOuter).Name} cannot be lifted into {typeof(TInner).Name}: that type is not " +
                    "built over it. Lift a captured value only into the number type of a differentiation nested inside its own.");
        }
    }

    private static TInner ConstantOf<TOuter, TInner, TValue>(TOuter x)
        where TOuter : IFloatingPointIeee754<TOuter>
        where TInner : struct, IAutodiffNumber<TInner, TValue>
        where TValue : IFloatingPointIeee754<TValue> =>
        TInner.Constant(Embedding<TOuter, TValue>.Apply(x));

    private static class Stopping<T> where T : IFloatingPointIeee754<T>
    {
        public static readonly Func<T, T> Apply = ValueType(typeof(T)) is { } value
            ? Build<T, T>(nameof(Detached), typeof(T), value)
            : x => x;
    }

    private static TNumber Detached<TNumber, TValue>(TNumber x)
        where TNumber : struct, IAutodiffNumber<TNumber, TValue>
        where TValue : IFloatingPointIeee754<TValue> =>
        TNumber.Constant(Stopping<TValue>.Apply(x.Value));
}
