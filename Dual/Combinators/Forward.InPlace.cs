using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Autodiff;

/// <summary>Forward mode for in-place functions f!(y, x): results go into the caller's spans, nothing is allocated.</summary>
public static partial class Forward
{
    /// <summary>
    /// The Jacobian-vector product of an in-place f: ℝⁿ → ℝᵐ at x along v, in one evaluation: f(x) into
    /// <paramref name="value"/> and J v into <paramref name="tangent"/> (both of length m, which fixes m).
    /// </summary>
    /// <exception cref="ArgumentException">x or value is empty, v's length differs from x's, or tangent's from value's.</exception>
    public static void Jvp<T>(InPlaceFunction<Dual<T>> f, ReadOnlySpan<T> x, ReadOnlySpan<T> v, Span<T> value, Span<T> tangent)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Require.NotEmpty(x, nameof(x));
        Require.SameLength(x, v, nameof(x), nameof(v));
        Require.OutputDestination(value, nameof(value));
        Require.Length(tangent, value.Length, nameof(tangent), "one entry per output");
        using var buffers = new InPlaceBuffers<T>(x, value.Length);
        for (int k = 0; k < x.Length; k++)
            buffers.Input[k] = new(x[k], v[k], buffers.Tag);
        buffers.Run(f);
        for (int i = 0; i < value.Length; i++)
        {
            value[i] = buffers.Output[i].Value;
            tangent[i] = buffers.Output[i].TangentFor(buffers.Tag);
        }
    }

    /// <summary>
    /// The m×n Jacobian J_ij = ∂f_i/∂x_j of an in-place f: ℝⁿ → ℝᵐ, from n JVPs: f(x) into
    /// <paramref name="value"/> (length m, which fixes m) and J into <paramref name="jacobian"/>, row-major (m·n).
    /// </summary>
    /// <exception cref="ArgumentException">x or value is empty, or jacobian does not have m·n entries.</exception>
    public static void Jacobian<T>(InPlaceFunction<Dual<T>> f, ReadOnlySpan<T> x, Span<T> value, Span<T> jacobian)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Require.NotEmpty(x, nameof(x));
        Require.OutputDestination(value, nameof(value));
        int n = x.Length, m = value.Length;
        Require.JacobianDestination(jacobian, m, n, nameof(jacobian));
        using var buffers = new InPlaceBuffers<T>(x, m);
        for (int k = 0; k < n; k++)
            buffers.Input[k] = new(x[k], T.Zero, buffers.Tag);
        for (int j = 0; j < n; j++)
        {
            buffers.Input[j] = new(x[j], T.One, buffers.Tag);
            buffers.Run(f);
            buffers.Input[j] = new(x[j], T.Zero, buffers.Tag);
            for (int i = 0; i < m; i++)
                jacobian[i * n + j] = buffers.Output[i].TangentFor(buffers.Tag);
        }
        for (int i = 0; i < m; i++)
            value[i] = buffers.Output[i].Value;
    }

    /// <summary>The m×n Jacobian of an in-place f: ℝⁿ → ℝᵐ with m = <paramref name="outputs"/>, as a new matrix.</summary>
    /// <exception cref="ArgumentException">x is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">outputs is not positive.</exception>
    public static T[,] Jacobian<T>(InPlaceFunction<Dual<T>> f, ReadOnlySpan<T> x, int outputs) where T : IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        var jacobian = new T[outputs * x.Length];
        Jacobian(f, x, new T[outputs], jacobian);
        return jacobian.ToMatrix(x.Length);
    }

    /// <summary>The dual inputs and outputs of one in-place differentiation, in pooled memory, and its tag.</summary>
    private readonly ref struct InPlaceBuffers<T> where T : IFloatingPointIeee754<T>
    {
        private readonly Dual<T>[] _input, _output;
        private readonly int _n, _m;

        public InPlaceBuffers(ReadOnlySpan<T> x, int m)
        {
            (_n, _m) = (x.Length, m);
            _input = ArrayPool<Dual<T>>.Shared.Rent(_n);
            _output = ArrayPool<Dual<T>>.Shared.Rent(m);
            Tag = Perturbation.Fresh();
        }

        public long Tag { get; }

        public Span<Dual<T>> Input => _input.AsSpan(0, _n);

        public ReadOnlySpan<Dual<T>> Output => _output.AsSpan(0, _m);

        // f on the current inputs; outputs it leaves unwritten are the constant 0.
        public void Run(InPlaceFunction<Dual<T>> f)
        {
            _output.AsSpan(0, _m).Clear();
            f(Input, _output.AsSpan(0, _m));
        }

        public void Dispose()
        {
            // Stryker disable Statement : returning memory to the pool is invisible to results.
            ArrayPool<Dual<T>>.Shared.Return(_input, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            ArrayPool<Dual<T>>.Shared.Return(_output, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            // Stryker restore Statement
        }
    }
}
