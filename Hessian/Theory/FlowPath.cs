using System.Numerics;
using LanguageExt;

namespace Autodiff;

/// <summary>
/// The path of gradient flow dθ/dt = −∇L(θ)ᵀ as an adaptive integrator left it: the accepted times t₀ = 0 &lt; t₁ &lt; … ,
/// the points θ(tₖ) and the loss L(θ(tₖ)) at each (<see cref="GradientFlow"/>).
/// </summary>
/// <param name="Times">tₖ, from 0 to the end time (or wherever the step budget ran out).</param>
/// <param name="Points">θ(tₖ).</param>
/// <param name="Losses">L(θ(tₖ)).</param>
/// <param name="Rejected">Steps whose error estimate exceeded the tolerance and were retried with a smaller h.</param>
public sealed record FlowPath<T>(Arr<T> Times, Arr<T[]> Points, Arr<T> Losses, int Rejected)
{
    /// <summary>θ at the last accepted time.</summary>
    public T[] Final => Points[^1];

    /// <summary>The accepted steps.</summary>
    public int Steps => Times.Count - 1;
}
