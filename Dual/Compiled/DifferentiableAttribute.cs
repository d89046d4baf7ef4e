namespace Autodiff;

/// <summary>
/// Marks a static generic method <c>T F&lt;T&gt;(…) where T : IFloatingPointIeee754&lt;T&gt;</c> whose adjoint the
/// Dual source generator writes at compile time: plain C# on <c>T</c> that computes the value and the gradient
/// without a tape (see docs/compiled-adjoints.md). The containing types must be <c>partial</c>.
/// </summary>
/// <remarks>
/// For <c>T F&lt;T&gt;(ReadOnlySpan&lt;T&gt; x)</c> the generator writes <c>F_Grad(x, gradient)</c>, which returns
/// f(x) and writes ∇f(x) into <c>gradient</c>, and registers it so that <see cref="Compiled.ValueAndGrad{T}"/> and
/// <c>Reverse.Grad(F, x)</c> run it instead of recording a tape. Every marked method also gets
/// <c>F_Adjoint</c>, which adds the adjoints of its differentiated parameters (each <c>T</c> and
/// <c>ReadOnlySpan&lt;T&gt;</c> parameter) to caller-provided accumulators, so marked methods may call each other.
/// A construct the generator does not support is a compile-time error (DUAL001…), never wrong code.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DifferentiableAttribute : Attribute
{
}
