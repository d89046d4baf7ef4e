using LanguageExt;
using LanguageExt.Common;

namespace Autodiff;

/// <summary>
/// The common path through a <see cref="Fin{A}"/> result (a Newton step, a linear solve, a factorisation): take the
/// value, or stop with an exception carrying the failure's message — without <c>Match</c>.
/// </summary>
public static class FinResults
{
    /// <summary>The success value of <paramref name="result"/>.</summary>
    /// <example><c>Arr&lt;double&gt; step = Newton.Step(f, x).ValueOrThrow();</c></example>
    /// <exception cref="InvalidOperationException">The result is a failure; the message is the failure's (for
    /// instance "matrix is singular: pivot … in column …").</exception>
    public static A ValueOrThrow<A>(this Fin<A> result) =>
        result.IsSucc ? (A)result : throw Failed((Error)result);

    private static InvalidOperationException Failed(Error error) => new(error.Message, error.ToException());
}
