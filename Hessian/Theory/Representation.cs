using System.Numerics;

namespace Autodiff;

/// <summary>
/// The local geometry of a learned representation f(θ, x) ∈ ℝᵈ of an input x ∈ ℝᴰ (the seeds' Theory 5): the
/// spectrum of Jₓ = ∂f/∂x ∈ ℝ^{d×D}, from JVPs and VJPs only.
/// </summary>
public static class Representation
{
    /// <summary>
    /// The singular values of Jₓ as the square roots of the eigenvalues of the smaller Gram matrix: JₓJₓᵀ ∈ ℝ^{d×d}
    /// column by column as Jₓ(Jₓᵀeᵣ) (one reverse record read by d VJPs, then d JVPs) when d ≤ D, else JₓᵀJₓ ∈ ℝ^{D×D}
    /// as Jₓᵀ(Jₓe_c); its eigenvalues by <see cref="SymmetricEigen"/> (negative rounding clamped to 0).
    /// </summary>
    /// <param name="model">f(θ, x).</param>
    /// <param name="parameters">θ ∈ ℝᴾ.</param>
    /// <param name="input">x ∈ ℝᴰ.</param>
    /// <exception cref="ArgumentException">model is null, θ or x is empty, the model has no outputs, or its Jacobian at θ
    /// and x is not finite.</exception>
    public static JacobianSpectrum<T> Spectrum<TM, T>(TM model, ReadOnlySpan<T> parameters, ReadOnlySpan<T> input)
        where TM : IModel where T : IFloatingPointIeee754<T>
    {
        if (model is null)
            throw new ArgumentNullException(nameof(model));
        Require.NotEmpty(parameters, nameof(parameters), "the model needs at least one parameter");
        Require.NotEmpty(input, nameof(input), "the model needs at least one input");
        T[] x = input.ToArray();
        Tracked<T>[] trackedWeights = PerExample.Lifted<T, Tracked<T>>(parameters.ToArray());
        Dual<T>[] dualWeights = PerExample.Lifted<T, Dual<T>>(parameters.ToArray());
        // The model's outputs checked here, so that an empty one is refused naming the model (Reverse would name f).
        (T[] value, Pullback<T> pullback) = Reverse.Vjp<T>(xs =>
        {
            Tracked<T>[] outputs = model.F<Tracked<T>>(trackedWeights, xs);
            return outputs is { Length: 0 }
                ? throw new ArgumentException("The model returned no outputs; a representation needs at least one.", nameof(model))
                : outputs;
        }, x);
        VectorFunction<Dual<T>> forward = xs => model.F<Dual<T>>(dualWeights, xs);
        int d = value.Length, inputs = x.Length;
        int size = Math.Min(d, inputs);
        var gram = new T[size, size];
        var basis = new T[size];
        for (int c = 0; c < size; c++)
        {
            Array.Fill(basis, T.Zero);
            basis[c] = T.One;
            // d ≤ D: JJᵀe_c = J(Jᵀe_c); else JᵀJe_c = Jᵀ(Je_c).
            T[] column = d <= inputs
                ? Forward.Jvp(forward, x, pullback.Invoke(basis)).Tangent
                : pullback.Invoke(Forward.Jvp(forward, x, basis).Tangent);
            for (int r = 0; r < size; r++)
                gram[r, c] = column[r];
        }
        for (int r = 0; r < size; r++)
            for (int c = 0; c < r; c++)
                gram[r, c] = gram[c, r] = (gram[r, c] + gram[c, r]) / T.CreateChecked(2);
        foreach (T entry in gram)
            if (!T.IsFinite(entry))
                throw new ArgumentException(
                    "The Jacobian of the model at θ and x has a NaN or infinite entry; its spectrum is undefined.", T.IsFinite(Vectors.Dot<T>(x, x)) ? nameof(parameters) : nameof(input));
        T[] eigenvalues = SymmetricEigen.Values(gram);
        var sigma = new T[size];
        for (int i = 0; i < size; i++)
            sigma[i] = T.Sqrt(T.Max(T.Zero, eigenvalues[size - 1 - i]));
        return new JacobianSpectrum<T>(sigma);
    }
}
