using System.Numerics;

namespace Autodiff;

/// <summary>
/// Per-example derivatives of a model f(θ, x) over a batch x₁, …, x_N: the Jacobian ∂f(θ, xᵢ)/∂θ ∈ ℝ^{m×P} of each
/// example, stacked into the (N·m)×P Jacobian J of the batch's outputs — the building block of the neural tangent
/// kernel (K = J Jᵀ), the Gauss–Newton matrix (JᵀJ) and the empirical Fisher.
/// </summary>
/// <remarks>
/// One reverse-mode record per example, read by m backward sweeps; the examples run over the cores when there are
/// at least 8 of them. Each example writes only its own rows, in the same order of operations on whichever thread,
/// so the result is bit-identical to the serial one.
/// </remarks>
public static class PerExample
{
    private const int ParallelThreshold = 8;

    /// <summary>
    /// J ∈ ℝ^{(N·m)×P} with row i·m + r = ∇θ f_r(θ, xᵢ): the per-example Jacobians, stacked.
    /// </summary>
    /// <param name="model">f(θ, x).</param>
    /// <param name="parameters">θ ∈ ℝᴾ.</param>
    /// <param name="inputs">X ∈ ℝ^{N×d}, one example per row.</param>
    /// <param name="parallel">Spread the examples over the cores (the result is the same).</param>
    /// <exception cref="ArgumentException">model or inputs is null, θ or X is empty, or the model returns no
    /// outputs or a number of outputs that changes from one example to another.</exception>
    public static T[,] Jacobians<TM, T>(TM model, ReadOnlySpan<T> parameters, T[,] inputs, bool parallel = true)
        where TM : IModel where T : IFloatingPointIeee754<T>
    {
        (T[] theta, int examples) = Check(model, parameters, inputs);
        var rows = new T[examples][,];
        void Example(int i)
        {
            T[] x = Row(inputs, i);
            rows[i] = Reverse.Jacobian<T>(p => model.F(p, Lifted<T, Tracked<T>>(x)), theta);
        }
        // Stryker disable once Equality,Logical : serial and parallel runs give bit-identical rows (each example writes only its own, in the same order).
        bool spread = parallel && examples >= ParallelThreshold;
        if (spread)
            Parallel.For(0, examples, Example);
        else
            for (int i = 0; i < examples; i++)
                Example(i);

        int m = rows[0].GetLength(0), count = theta.Length;
        var jacobian = new T[examples * m, count];
        for (int i = 0; i < examples; i++)
        {
            if (rows[i].GetLength(0) != m)
                throw new ArgumentException(
                    $"The model returned {rows[i].GetLength(0)} outputs for example {i} but {m} for example 0; its number of outputs must not change.",
                    nameof(model));
            for (int r = 0; r < m; r++)
                for (int j = 0; j < count; j++)
                    jacobian[i * m + r, j] = rows[i][r, j];
        }
        return jacobian;
    }

    /// <summary>
    /// G ∈ ℝ^{N×P} with row i = ∇θ f(θ, xᵢ) for a model with one output (a per-example loss ℓ(θ; xᵢ) whose input row
    /// holds the example and its target, or a scalar network output): the per-example gradients.
    /// </summary>
    /// <param name="model">f(θ, x) with m = 1.</param>
    /// <param name="parameters">θ ∈ ℝᴾ.</param>
    /// <param name="inputs">X ∈ ℝ^{N×d}, one example per row.</param>
    /// <param name="parallel">Spread the examples over the cores (the result is the same).</param>
    /// <exception cref="ArgumentException">As <see cref="Jacobians{TM, T}"/>, or the model has more than one output.</exception>
    public static T[,] Gradients<TM, T>(TM model, ReadOnlySpan<T> parameters, T[,] inputs, bool parallel = true)
        where TM : IModel where T : IFloatingPointIeee754<T>
    {
        T[,] jacobian = Jacobians(model, parameters, inputs, parallel);
        if (jacobian.GetLength(0) != inputs.GetLength(0))
            throw new ArgumentException(
                $"The model returns {jacobian.GetLength(0) / inputs.GetLength(0)} outputs; per-example gradients need a scalar model (m = 1).",
                nameof(model));
        return jacobian;
    }

    /// <summary>Row i of a matrix, as an array.</summary>
    internal static T[] Row<T>(T[,] matrix, int i)
    {
        var row = new T[matrix.GetLength(1)];
        for (int j = 0; j < row.Length; j++)
            row[j] = matrix[i, j];
        return row;
    }

    /// <summary>x: T as constants of TN, a type built over T.</summary>
    internal static TN[] Lifted<T, TN>(T[] x) where T : IFloatingPointIeee754<T> where TN : IFloatingPointIeee754<TN>
    {
        var lifted = new TN[x.Length];
        for (int j = 0; j < x.Length; j++)
            lifted[j] = Nesting.Lift<T, TN>(x[j]);
        return lifted;
    }

    /// <summary>The checks every batch combinator makes: θ as an array and N, or an error naming the argument.</summary>
    internal static (T[] Theta, int Examples) Check<TM, T>(
        TM model, ReadOnlySpan<T> parameters, T[,] inputs, string modelName = "model", string inputsName = "inputs")
        where TM : IModel
    {
        if (model is null)
            throw new ArgumentNullException(modelName);
        ArgumentNullException.ThrowIfNull(inputs, inputsName);
        Require.NotEmpty(parameters, nameof(parameters), "the model needs at least one parameter");
        if (inputs.Length == 0)
            throw new ArgumentException($"{inputsName} has no examples; a batch needs at least one row of at least one entry.", inputsName);
        return (parameters.ToArray(), inputs.GetLength(0));
    }
}
