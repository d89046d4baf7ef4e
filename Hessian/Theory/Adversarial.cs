using System.Numerics;

namespace Autodiff;

/// <summary>
/// Adversarial sensitivity (the seeds' Theory 4): the first-order change L(x + δ) ≈ L(x) + ∇ₓL(x) δ, its worst cases
/// max_{‖δ‖₂≤ε} ∇ₓL δ = ε‖∇ₓL‖₂ and, under ‖δ‖∞ ≤ ε, the FGSM direction δ* = ε sign(∇ₓL) with change ε‖∇ₓL‖₁
/// (<see cref="InputSensitivity{T}"/>); and the Jacobian-norm regulariser ‖Jₓ‖_F², Jₓ = ∂f(θ, x)/∂x ∈ ℝ^{m×D}, that
/// penalises local sensitivity, with its gradient with respect to θ by double backprop.
/// </summary>
public static class Adversarial
{
    /// <summary>L(x) and ∇ₓL(x) from one reverse sweep, with the first-order model and its worst cases.</summary>
    /// <param name="loss">L(x), the loss as a function of the input (the parameters and the target held fixed).</param>
    /// <param name="x">The input x ∈ ℝᴰ.</param>
    /// <exception cref="ArgumentException">loss is null or x is empty.</exception>
    public static InputSensitivity<T> Sensitivity<T>(ScalarFunction<Tracked<T>> loss, ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(loss);
        (T value, T[] gradient) = Reverse.ValueAndGrad(loss, x);
        return new InputSensitivity<T>(x.ToArray(), value, gradient);
    }

    /// <summary>
    /// ‖Jₓ‖_F² = Σᵢⱼ (∂fᵢ/∂xⱼ)², exactly, from the full input Jacobian Jₓ = ∂f(θ, x)/∂x (D JVPs, one per column).
    /// </summary>
    /// <param name="model">f(θ, x).</param>
    /// <param name="parameters">θ ∈ ℝᴾ.</param>
    /// <param name="input">x ∈ ℝᴰ.</param>
    /// <exception cref="ArgumentException">model is null, θ or x is empty.</exception>
    public static T JacobianNormSquared<TM, T>(TM model, ReadOnlySpan<T> parameters, ReadOnlySpan<T> input)
        where TM : IModel where T : IFloatingPointIeee754<T>
    {
        (T[] theta, T[] x) = Check(model, parameters, input);
        Dual<T>[] lifted = PerExample.Lifted<T, Dual<T>>(theta);
        T[,] jacobian = Forward.Jacobian<T>(xs => model.F<Dual<T>>(lifted, xs), x);
        T sum = T.Zero;
        foreach (T entry in jacobian)
            sum += entry * entry;
        return sum;
    }

    /// <summary>
    /// The Jacobian-norm regulariser R(θ) = ‖Jₓ‖_F² estimated by random projections, R̂(θ) = (1/S) Σₛ ‖Jₓᵀuₛ‖² with
    /// E[uuᵀ] = I (so E R̂ = tr(JₓJₓᵀ) = ‖Jₓ‖_F²), and its gradient ∇θR̂ by double backprop: Jₓᵀu = ∇ₓ⟨u, f(θ, x)⟩ by
    /// an inner reverse sweep on <c>Tracked&lt;Tracked&lt;T&gt;&gt;</c>, differentiated with respect to θ by an outer
    /// one (reverse over reverse). The same seed draws the same probes, so R̂ is a smooth function of θ.
    /// </summary>
    /// <param name="model">f(θ, x) ∈ ℝᵐ.</param>
    /// <param name="parameters">θ ∈ ℝᴾ.</param>
    /// <param name="input">x ∈ ℝᴰ.</param>
    /// <param name="probes">S ≥ 1, the number of probe vectors.</param>
    /// <param name="probe">Their distribution.</param>
    /// <param name="seed">Seeds the generator of the probes.</param>
    /// <exception cref="ArgumentException">model is null, θ or x is empty, S is not positive, or the distribution is
    /// not one of <see cref="JacobianProbe"/>.</exception>
    public static (T Value, T[] Gradient) JacobianPenalty<TM, T>(
        TM model, ReadOnlySpan<T> parameters, ReadOnlySpan<T> input, int probes, JacobianProbe probe = JacobianProbe.Rademacher, int seed = 1)
        where TM : IModel where T : IFloatingPointIeee754<T>
    {
        (T[] theta, T[] x) = Check(model, parameters, input);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(probes);
        if (!Enum.IsDefined(probe))
            throw new ArgumentOutOfRangeException(nameof(probe), probe, "The probe distribution must be Rademacher or Gaussian.");
        int m = model.F<T>(theta, x).Length;
        var random = new Random(seed);
        var directions = new T[probes][];
        for (int s = 0; s < probes; s++)
        {
            directions[s] = new T[m];
            for (int r = 0; r < m; r++)
                directions[s][r] = probe == JacobianProbe.Rademacher ? Rademacher<T>(random) : Normal<T>(random);
        }
        return Penalty(model, theta, x, directions);
    }

    /// <summary>
    /// ‖Jₓ‖_F² exactly, as the projections onto the m basis vectors, Σᵣ ‖Jₓᵀeᵣ‖², and its gradient with respect to θ
    /// by double backprop (m inner reverse sweeps under one outer one).
    /// </summary>
    /// <param name="model">f(θ, x) ∈ ℝᵐ.</param>
    /// <param name="parameters">θ ∈ ℝᴾ.</param>
    /// <param name="input">x ∈ ℝᴰ.</param>
    /// <exception cref="ArgumentException">model is null, θ or x is empty.</exception>
    public static (T Value, T[] Gradient) JacobianPenalty<TM, T>(TM model, ReadOnlySpan<T> parameters, ReadOnlySpan<T> input)
        where TM : IModel where T : IFloatingPointIeee754<T>
    {
        (T[] theta, T[] x) = Check(model, parameters, input);
        int m = model.F<T>(theta, x).Length;
        var basis = new T[m][];
        for (int r = 0; r < m; r++)
        {
            basis[r] = new T[m];
            // Stryker disable once Statement : default(T) is T.Zero for every IEEE type in .NET; the fill keeps any other T right.
            Array.Fill(basis[r], T.Zero);
            basis[r][r] = T.One;
        }
        (T value, T[] gradient) = Penalty(model, theta, x, basis);
        T count = T.CreateChecked(m);
        for (int j = 0; j < gradient.Length; j++)
            gradient[j] *= count;
        return (value * count, gradient);
    }

    // (1/S) Σₛ ‖Jₓᵀuₛ‖² and its θ-gradient: the outer sweep differentiates θ, each inner sweep x.
    private static (T Value, T[] Gradient) Penalty<TM, T>(TM model, T[] theta, T[] x, T[][] directions)
        where TM : IModel where T : IFloatingPointIeee754<T>
    {
        Tracked<T>[] point = PerExample.Lifted<T, Tracked<T>>(x);
        T scale = T.One / T.CreateChecked(directions.Length);
        return Reverse.ValueAndGrad<T>(p =>
        {
            Tracked<Tracked<T>>[] weights = PerExample.Lifted<Tracked<T>, Tracked<Tracked<T>>>(p.ToArray());
            Tracked<T> sum = Tracked<T>.Constant(T.Zero);
            foreach (T[] u in directions)
            {
                Tracked<T>[] projected = Reverse.Grad<Tracked<T>>(xs => Projection(model.F<Tracked<Tracked<T>>>(weights, xs), u), point);
                foreach (Tracked<T> component in projected)
                    sum += component * component;
            }
            return sum * Tracked<T>.Constant(scale);
        }, theta);
    }

    // ⟨u, f⟩.
    private static Tracked<Tracked<T>> Projection<T>(Tracked<Tracked<T>>[] f, T[] u) where T : IFloatingPointIeee754<T>
    {
        if (f.Length != u.Length)
            throw new ArgumentException($"The model returned {f.Length} outputs but {u.Length} before; its number of outputs must not change.", "model");
        Tracked<Tracked<T>> sum = Tracked<Tracked<T>>.Constant(Tracked<T>.Constant(T.Zero));
        for (int r = 0; r < f.Length; r++)
            // Stryker disable once Assignment : −⟨u, f⟩ has the same gradient up to sign, so the same ‖Jₓᵀu‖², bit for bit.
            sum += f[r] * Tracked<Tracked<T>>.Constant(Tracked<T>.Constant(u[r]));
        return sum;
    }

    // ±1 with equal probability.
    private static T Rademacher<T>(Random random) where T : IFloatingPointIeee754<T>
    {
        // Stryker disable once Equality : u and −u give the same ‖Jₓᵀu‖² bit for bit, so which draw is −1 does not matter.
        return random.Next(2) == 0 ? -T.One : T.One;
    }

    // A standard normal draw (Box–Muller).
    private static T Normal<T>(Random random) where T : IFloatingPointIeee754<T>
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return T.CreateChecked(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    private static (T[] Theta, T[] X) Check<TM, T>(TM model, ReadOnlySpan<T> parameters, ReadOnlySpan<T> input)
        where TM : IModel
    {
        if (model is null)
            throw new ArgumentNullException(nameof(model));
        Require.NotEmpty(parameters, nameof(parameters), "the model needs at least one parameter");
        Require.NotEmpty(input, nameof(input), "the model needs at least one input");
        return (parameters.ToArray(), input.ToArray());
    }
}
