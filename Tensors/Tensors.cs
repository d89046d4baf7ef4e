using System.Numerics;
using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>
/// Matrix calculus: derivatives of functions of vectors and matrices written with <see cref="TensorVar{T}"/>
/// primitives — VJPs with reusable pullbacks, gradients in the seeds' layout (∂f/∂A has the shape of A), JVPs and
/// Jacobians of matrix functions of matrices as 4-D tensors. Inputs and results are
/// <see cref="Tensor{T}"/>s of System.Numerics.Tensors.
/// </summary>
/// <remarks>
/// Reverse mode records tensor primitives on the same tape as <see cref="Tracked{T}"/> scalars (one block per
/// primitive, holding an adjoint slot per entry), so the properties of <see cref="Reverse"/> carry over: pure pullbacks, no
/// global state, linear cost, no recursion. A result that does not depend on an input has a zero derivative.
/// </remarks>
public static partial class Tensors
{
    /// <summary>A vector as a <see cref="Tensor{T}"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> is null.</exception>
    /// <exception cref="ArgumentException">No entries.</exception>
    public static Tensor<T> Vector<T>(params T[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Require.NotEmpty<T>(entries, nameof(entries), "a vector needs at least one entry");
        return Tensor.Create((T[])entries.Clone(), [entries.Length]);
    }

    /// <summary>A matrix as a <see cref="Tensor{T}"/>, a_ij = <c>entries[i, j]</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> is null.</exception>
    /// <exception cref="ArgumentException">An empty dimension.</exception>
    public static Tensor<T> Matrix<T>(T[,] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        int m = entries.GetLength(0), n = entries.GetLength(1);
        if (m == 0 || n == 0)
            throw new ArgumentException($"entries is {m}×{n}; a matrix needs at least one row and one column.", nameof(entries));
        var values = new T[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                values[i * n + j] = entries[i, j];
        return Tensor.Create(values, [m, n]);
    }

    /// <summary>A rank-2 tensor as a <c>T[m, n]</c>.</summary>
    /// <exception cref="ArgumentException">The tensor is not of rank 2, or has more entries than an array
    /// holds.</exception>
    public static T[,] ToArray<T>(Tensor<T> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Rank != 2)
            throw new ArgumentException($"The tensor has rank {matrix.Rank}; only a matrix (rank 2) converts to T[m, n].", nameof(matrix));
        Shape shape = Shape.Of(matrix, nameof(matrix), nameof(matrix));
        int m = shape.Rows, n = shape.Columns;
        var flat = new T[m * n];
        DenseEntries.CopyTo(matrix, flat);
        var result = new T[m, n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                result[i, j] = flat[i * n + j];
        return result;
    }

    /// <summary>A tensor over <paramref name="values"/> (taken, not copied); a scalar becomes a one-entry vector.</summary>
    internal static Tensor<T> Create<T>(T[] values, Shape shape) =>
        Tensor.Create(values, shape.Rank == 0 ? [1] : shape.Lengths);

    /// <summary>F(X₁, …, X_k) and its pullback Ū ↦ (Ūᵀ ∂F/∂X₁, …), from one forward evaluation.</summary>
    /// <exception cref="ArgumentException">No inputs, an input (named x) that is null, of rank above 2, without entries
    /// or with more than Array.MaxLength, or F returns null.</exception>
    public static (Tensor<T> Value, TensorPullback<T> Pullback) Vjp<T>(Func<TensorVar<T>[], TensorVar<T>> f, params Tensor<T>[] x)
        where T : IFloatingPointIeee754<T>
    {
        (Tensor<T> value, TensorPullback<T> pullback) = Record(f, x);
        return (value, pullback.Trimmed());
    }

    // F(X) and its pullback, for the combinators that use it and release it (a pullback handed out is trimmed).
    // inPlace: the inputs' own arrays are recorded where they can be (DenseEntries.BackingArray), not copies — for the
    // combinators that release the pullback before they return, so no caller code runs while the record reads x.
    private static (Tensor<T> Value, TensorPullback<T> Pullback) Record<T>(Func<TensorVar<T>[], TensorVar<T>> f, Tensor<T>[] x,
        bool inPlace = false) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        Require.NotEmpty<Tensor<T>>(x, nameof(x));
        var tape = new Tape<T>();
        var inputs = new TensorVar<T>[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            (T[] values, Shape shape) = Read(x[i], nameof(x), i, inPlace);
            inputs[i] = new TensorVar<T>(values, shape, tape, tape.Variables(values.Length));
        }
        TensorVar<T> y = Output(f(inputs), tape);
        var outputs = new int[y.Length];
        for (int k = 0; k < outputs.Length; k++)
            outputs[k] = y.Tape is null ? Tape<T>.None : y.First + k;
        var pullback = new TensorPullback<T>(new Pullback<T>(tape, outputs), y.Shape, Array.ConvertAll(inputs, v => v.Shape));
        return (y.ToTensor(), pullback);
    }

    private static void RequireScalar<T>(Tensor<T> value)
    {
        if (value.FlattenedLength != 1)
            throw new ArgumentException(
                $"The function's value has lengths [{string.Join(", ", value.Lengths.ToArray())}]; a gradient needs a scalar. Use Vjp or Jacobian for tensor values.",
                "f");
    }

    /// <summary>F(X) and its pullback Ū ↦ Ūᵀ ∂F/∂X (the single entry of the pullback's result).</summary>
    /// <exception cref="ArgumentException">X (named x) is null, of rank above 2, without entries or with more than
    /// Array.MaxLength, or F returns null.</exception>
    public static (Tensor<T> Value, TensorPullback<T> Pullback) Vjp<T>(Func<TensorVar<T>, TensorVar<T>> f, Tensor<T> x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        return Vjp(inputs => f(inputs[0]), [x]);
    }

    /// <summary>f(X₁, …, X_k) and the gradients ∂f/∂X_i, each shaped as X_i, of a scalar function: one sweep.</summary>
    /// <remarks>The inputs are read where they are, not copied (a dense tensor's own array), while the call runs: f
    /// must not change them.</remarks>
    /// <exception cref="ArgumentException">f's value is not a scalar (or a one-entry tensor), or an input (named x)
    /// that is null, of rank above 2, without entries or with more than Array.MaxLength.</exception>
    public static (T Value, Tensor<T>[] Gradient) ValueAndGrad<T>(Func<TensorVar<T>[], TensorVar<T>> f, params Tensor<T>[] x)
        where T : IFloatingPointIeee754<T>
    {
        (Tensor<T> value, TensorPullback<T> pullback) = Record(f, x, inPlace: true);
        RequireScalar(value);
        Tensor<T>[] gradient = pullback.Invoke([T.One]);
        // Stryker disable once Statement : releasing only recycles memory; the pullback was already frozen.
        pullback.Release();
        return (value[0], gradient);
    }

    /// <summary>
    /// f(X₁, …, X_k), with the gradients ∂f/∂X_i written into <paramref name="gradient"/>[i] (dense tensors of X_i's
    /// lengths, e.g. made once before a training loop): one sweep, and no gradient tensors allocated.
    /// </summary>
    /// <remarks>The inputs are read where they are, not copied (a dense tensor's own array), while the call runs: f
    /// must not change them.</remarks>
    /// <exception cref="ArgumentException">As for <see cref="ValueAndGrad{T}(Func{TensorVar{T}[], TensorVar{T}}, Tensor{T}[])"/>,
    /// or gradient (named) does not hold one dense tensor per input, of its lengths.</exception>
    public static T ValueAndGradInto<T>(Func<TensorVar<T>[], TensorVar<T>> f, Tensor<T>[] x, Tensor<T>[] gradient)
        where T : IFloatingPointIeee754<T>
    {
        (Tensor<T> value, TensorPullback<T> pullback) = Record(f, x, inPlace: true);
        try
        {
            RequireScalar(value);
            pullback.RequireGradientDestination(gradient);
            pullback.InvokeInto([T.One], gradient);
            return value[0];
        }
        finally
        {
            // Stryker disable once Statement : releasing only recycles memory; the pullback was already frozen.
            pullback.Release();
        }
    }

    /// <summary>The gradients ∂f/∂X_i of a scalar function, each shaped as X_i.</summary>
    /// <exception cref="ArgumentException">f's value is not a scalar, or an input (named x) that is null, of rank above
    /// 2, without entries or with more than Array.MaxLength.</exception>
    public static Tensor<T>[] Grad<T>(Func<TensorVar<T>[], TensorVar<T>> f, params Tensor<T>[] x)
        where T : IFloatingPointIeee754<T> => ValueAndGrad(f, x).Gradient;

    /// <summary>f(X) and ∂f/∂X (shaped as X: entry ij is ∂f/∂x_ij) of a scalar function.</summary>
    /// <exception cref="ArgumentException">f's value is not a scalar, or an input (named x) that is null, of rank above
    /// 2, without entries or with more than Array.MaxLength.</exception>
    public static (T Value, Tensor<T> Gradient) ValueAndGrad<T>(Func<TensorVar<T>, TensorVar<T>> f, Tensor<T> x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        (T value, Tensor<T>[] gradient) = ValueAndGrad(inputs => f(inputs[0]), [x]);
        return (value, gradient[0]);
    }

    /// <summary>∂f/∂X, shaped as X, of a scalar function of one tensor.</summary>
    /// <exception cref="ArgumentException">f's value is not a scalar, or an input (named x) that is null, of rank above
    /// 2, without entries or with more than Array.MaxLength.</exception>
    public static Tensor<T> Grad<T>(Func<TensorVar<T>, TensorVar<T>> f, Tensor<T> x) where T : IFloatingPointIeee754<T> =>
        ValueAndGrad(f, x).Gradient;

    /// <summary>
    /// F(X₁, …, X_k) and its directional derivative Σ_i ∂F/∂X_i [V_i] along tangents V_i (shaped as the X_i), by the
    /// primitives' JVP rules in one forward pass.
    /// </summary>
    /// <exception cref="ArgumentException">The numbers of inputs and tangents differ, a tangent's shape differs from
    /// its input's (named v), or an input (named x) that is null, of rank above 2, without entries or with more than
    /// Array.MaxLength (a tangent: named v).</exception>
    public static (Tensor<T> Value, Tensor<T> Tangent) Jvp<T>(Func<TensorVar<T>[], TensorVar<T>> f, Tensor<T>[] x, Tensor<T>[] v)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        TensorVar<T>[] inputs = Seeded(x, v, tape: null);
        TensorVar<T> y = f(inputs) ?? throw new ArgumentException("The function returned null.", nameof(f));
        T[] yDot = y.Tangent is null ? RowMajor.Filled(y.Length, T.Zero) : y.Tangent.AsSpan(0, y.Length).ToArray();
        return (y.ToTensor(), Create(yDot, y.Shape));
    }

    /// <summary>F(X) and ∂F/∂X [V], the derivative of F at X along V.</summary>
    /// <exception cref="ArgumentException">V's shape differs from X's (named v), or X or V is null, of rank above 2,
    /// without entries or with more than Array.MaxLength.</exception>
    public static (Tensor<T> Value, Tensor<T> Tangent) Jvp<T>(Func<TensorVar<T>, TensorVar<T>> f, Tensor<T> x, Tensor<T> v)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        return Jvp(inputs => f(inputs[0]), [x], [v]);
    }

    /// <summary>
    /// The Jacobian dF/dX of F: ℝ^{m×n} → ℝ^{p×q} as a tensor of lengths [p, q, m, n] (the seeds' dA/dB ∈
    /// ℝ^{(p×q)×(m×n)}; vectors contribute one dimension, a scalar value one of length 1): entry [k…, l…] is
    /// ∂F_k/∂X_l. Its entries in row-major order (<c>FlattenTo</c>) form the (pq)×(mn) Jacobian of the flattened
    /// function (the seeds' "approach 2"). One reverse sweep per output entry.
    /// </summary>
    /// <remarks>
    /// Read the flattened Jacobian with <c>FlattenTo</c> rather than <c>Tensor.Reshape</c>: in System.Numerics.Tensors
    /// 10.0.0 a tensor with a dimension of length 1 gets a zero stride there, and <c>Tensor.Reshape</c> then refuses it.
    /// </remarks>
    /// <exception cref="ArgumentException">X has rank above 2, F returns null, or the Jacobian has more entries than an
    /// array holds (<see cref="Array.MaxLength"/>).</exception>
    public static Tensor<T> Jacobian<T>(Func<TensorVar<T>, TensorVar<T>> f, Tensor<T> x) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        (Tensor<T> value, TensorPullback<T> pullback) = Record(inputs => f(inputs[0]), [x]);
        int outputs = (int)value.FlattenedLength, inputs = (int)x.FlattenedLength;
        // Stryker disable once Equality : the boundary, a Jacobian of exactly Array.MaxLength entries, needs 16 GiB to build.
        if ((long)outputs * inputs > Array.MaxLength)
            throw new ArgumentException(
                $"The Jacobian of a value of {outputs} entries by x of {inputs} has {(long)outputs * inputs} entries; a tensor holds at most {Array.MaxLength}.",
                nameof(x));
        var jacobian = new T[outputs * inputs];
        T[] cotangent = RowMajor.Filled(outputs, T.Zero);
        for (int k = 0; k < outputs; k++)
        {
            cotangent[k] = T.One;
            DenseEntries.CopyTo(pullback.Invoke(Tensor.Create(cotangent, value.Lengths))[0], jacobian.AsSpan(k * inputs, inputs));
            cotangent[k] = T.Zero;
        }
        // Stryker disable once Statement : releasing only recycles memory.
        pullback.Release();
        // Both have rank ≥ 1 (a scalar value comes back as a one-entry vector), and neither is refused: both were read.
        nint[] lengths = [.. Shape.Of(value.Lengths, nameof(x)).Lengths, .. Shape.Of(x.Lengths, nameof(x)).Lengths];
        return Tensor.Create(jacobian, lengths);
    }

    // Element i of the argument called name: its entries and shape, or an error naming the argument.
    private static (T[] Values, Shape Shape) Read<T>(Tensor<T> x, string name, int i, bool inPlace = false)
        where T : IFloatingPointIeee754<T>
    {
        if (x is null)
            throw new ArgumentNullException(name, $"{name}[{i}] is null.");
        Shape shape = Shape.Of(x, name, $"{name}[{i}]");
        if (inPlace && DenseEntries.BackingArray(x) is T[] own)
            return (own, shape);
        var values = new T[shape.Length];
        DenseEntries.CopyTo(x, values);
        return (values, shape);
    }

    // The inputs X_i carrying tangents V_i, checked in pairs; on a tape (its first records, X read in place: the
    // caller releases the tape before it returns) or off one.
    private static TensorVar<T>[] Seeded<T>(Tensor<T>[] x, Tensor<T>[] v, Tape<T>? tape) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(v);
        Require.NotEmpty<Tensor<T>>(x, nameof(x));
        if (v.Length != x.Length)
            throw new ArgumentException($"There are {x.Length} inputs but {v.Length} tangents; each input needs one.", nameof(v));
        var inputs = new TensorVar<T>[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            (T[] values, Shape shape) = Read(x[i], nameof(x), i, inPlace: tape is not null);
            (T[] tangent, Shape tangentShape) = Read(v[i], nameof(v), i);
            if (tangentShape != shape)
                throw new ArgumentException($"v[{i}] is {tangentShape} but x[{i}] is {shape}; a tangent has its input's shape.", nameof(v));
            inputs[i] = tape is null
                ? new TensorVar<T>(values, shape, tangent: tangent)
                : new TensorVar<T>(values, shape, tape, tape.Variables(values.Length), tangent);
        }
        return inputs;
    }

    private static TensorVar<T> Output<T>(TensorVar<T>? y, Tape<T> tape) where T : IFloatingPointIeee754<T>
    {
        if (y is null)
            throw new ArgumentException("The function returned null; it must return its value.", "f");
        if (y.Tape is not null && !ReferenceEquals(y.Tape, tape))
            throw new InvalidOperationException("The function returned a value recorded by a different differentiation.");
        return y;
    }
}
