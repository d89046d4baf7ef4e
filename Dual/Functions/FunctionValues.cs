using System.Numerics;

namespace Autodiff;

/// <summary>
/// A polymorphic scalar function of a vector, f: ℝⁿ → ℝ, as a value: one generic method that runs on <c>double</c>,
/// <c>float</c>, every number type of this library and every nesting of them. A struct implementing it may carry
/// data (a training set, matrices, hyperparameters) in fields of plain type; the transforms of <c>Transforms</c>
/// (<c>Grad</c>, <c>Hessian</c>, <c>Hvp</c> …) take it and pick the number types themselves.
/// </summary>
/// <example><code>
/// readonly struct Rosenbrock : IScalarFunction
/// {
///     public T F&lt;T&gt;(ReadOnlySpan&lt;T&gt; x) where T : IFloatingPointIeee754&lt;T&gt; => Functions.Rosenbrock(x);
/// }
/// double[,] h = new Rosenbrock().Hessian().Matrix([1.0, 2.0]);   // forward-over-reverse
/// </code></example>
/// <remarks>
/// C# converts a generic method group to a delegate of one closed type only, never to a generic interface, so a
/// function value is a small struct that forwards to the generic method (as above); the rule table's elementary
/// functions (<c>Autodiff.Rules.Sin</c> …) are already such values, of <see cref="Rules.IUnaryFunction"/>.
/// </remarks>
public interface IScalarFunction
{
    /// <summary>f(x) on any IEEE floating-point number type.</summary>
    T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>;
}

/// <summary>
/// A polymorphic vector function, f: ℝⁿ → ℝᵐ, as a value (see <see cref="IScalarFunction"/>): one generic method
/// returning a fresh array of the m outputs. Outputs of higher rank (a Jacobian, a Hessian) are laid out row-major.
/// </summary>
public interface IVectorFunction
{
    /// <summary>f(x) on any IEEE floating-point number type: a fresh array of the outputs.</summary>
    T[] F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>;
}

/// <summary>
/// A polymorphic scalar function with an auxiliary result (JAX's <c>has_aux</c>): the value is differentiated, the
/// auxiliary outputs (a prediction, a per-example loss) are carried along at the value level and not differentiated.
/// </summary>
public interface IScalarFunctionWithAux
{
    /// <summary>f(x) and the auxiliary outputs, on any number type.</summary>
    (T Value, T[] Aux) F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>;
}

/// <summary>
/// A polymorphic vector function f: ℝⁿ → ℝᵐ in the in-place style f!(y, x) (see <see cref="InPlaceFunction{T}"/>) as
/// a value: one generic method writing the m outputs into a span it is given (zero on entry), and the output count
/// m for a given n. Its Jacobians allocate nothing per column, so they scale over the cores.
/// </summary>
public interface IInPlaceVectorFunction
{
    /// <summary>m, the number of outputs for n inputs.</summary>
    int OutputLength(int inputLength);

    /// <summary>f(x) into y (m entries, zero on entry), on any IEEE floating-point number type.</summary>
    void F<T>(ReadOnlySpan<T> x, Span<T> y) where T : IFloatingPointIeee754<T>;
}
