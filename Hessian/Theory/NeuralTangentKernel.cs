using System.Numerics;

namespace Autodiff;

/// <summary>
/// The neural tangent kernel (the seeds' PhD 7): K_ij = ⟨∇θ f(xᵢ), ∇θ f(xⱼ)⟩ at θ₀, the linearized model
/// f_lin(θ, x) = f(θ₀, x) + ∇θ f(θ₀, x)(θ − θ₀), and the function-space dynamics of training under it
/// (<see cref="KernelDynamics{T}"/>).
/// </summary>
public static class NeuralTangentKernel
{
    /// <summary>
    /// K = J Jᵀ ∈ ℝ^{(N·m)×(N·m)} at θ₀, J the stacked per-example Jacobian (<see cref="PerExample.Jacobians{TM, T}"/>):
    /// K[i·m + r, j·m + s] = ⟨∇θ f_r(θ₀, xᵢ), ∇θ f_s(θ₀, xⱼ)⟩. For a scalar model (m = 1) it is the seeds' N×N K_ij.
    /// </summary>
    /// <param name="model">f(θ, x).</param>
    /// <param name="parameters">θ₀ ∈ ℝᴾ.</param>
    /// <param name="inputs">X ∈ ℝ^{N×d}, one example per row.</param>
    /// <exception cref="ArgumentException">As <see cref="PerExample.Jacobians{TM, T}"/>.</exception>
    public static T[,] Kernel<TM, T>(TM model, ReadOnlySpan<T> parameters, T[,] inputs)
        where TM : IModel where T : IFloatingPointIeee754<T>
    {
        T[,] j = PerExample.Jacobians(model, parameters, inputs);
        int rows = j.GetLength(0), p = j.GetLength(1);
        var k = new T[rows, rows];
        for (int a = 0; a < rows; a++)
            for (int b = 0; b <= a; b++)
            {
                T sum = T.Zero;
                for (int c = 0; c < p; c++)
                    sum += j[a, c] * j[b, c];
                k[a, b] = k[b, a] = sum;
            }
        return k;
    }

    /// <summary>
    /// The linearized model f_lin(θ, x) = f(θ₀, x) + ∇θ f(θ₀, x)(θ − θ₀) as a model of its own, evaluated by one JVP
    /// of f at θ₀ along θ − θ₀ (never a stored Jacobian), so it differentiates like any model: its kernel is f's
    /// kernel at θ₀, for every θ.
    /// </summary>
    /// <param name="model">f(θ, x).</param>
    /// <param name="expansionPoint">θ₀.</param>
    /// <exception cref="ArgumentException">model or expansionPoint is null, or θ₀ is empty.</exception>
    public static LinearizedModel<TM> Linearized<TM>(TM model, double[] expansionPoint) where TM : IModel =>
        new(model, expansionPoint);

    /// <summary>
    /// The dynamics of gradient descent with learning rate η on L(θ) = ½ Σᵢ ‖f(θ, xᵢ) − yᵢ‖² in function space, for
    /// the kernel K of the training inputs: see <see cref="KernelDynamics{T}"/>.
    /// </summary>
    /// <param name="kernel">K (symmetric, (N·m)×(N·m)).</param>
    /// <param name="learningRate">η (positive, finite).</param>
    /// <param name="targets">y, the N·m stacked targets.</param>
    /// <param name="initialPredictions">ŷ(0) = f(θ₀, X), stacked as y.</param>
    /// <exception cref="ArgumentException">K is not symmetric or finite, η is not positive and finite, or y or ŷ(0)
    /// does not have one entry per row of K.</exception>
    public static KernelDynamics<T> Dynamics<T>(T[,] kernel, T learningRate, T[] targets, T[] initialPredictions)
        where T : IFloatingPointIeee754<T> =>
        new(kernel, learningRate, targets, initialPredictions);
}
