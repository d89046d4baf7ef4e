using System.Numerics;

namespace Autodiff;

/// <summary>
/// The linearization of f: ℝⁿ → ℝᵐ at a point: the linear map v ↦ J v, from one recorded evaluation of f. Its
/// transpose ū ↦ ūᵀJ is the pullback of the same record. Pure and thread-safe: call it as often as you like.
/// </summary>
/// <remarks>
/// The record is a reverse-mode tape, so J is read from it by m backward sweeps (one row each) the first time the
/// map is applied, and each application is then an m×n product; f is never evaluated again. Worth it when the map is
/// applied many times, or m is small; for a single J v, <see cref="Jvp{TF}"/> is one forward evaluation.
/// </remarks>
/// <typeparam name="T">The scalar type.</typeparam>
public sealed class LinearMap<T> where T : IFloatingPointIeee754<T>
{
    private readonly Lazy<T[]> _jacobian;

    internal LinearMap(Pullback<T> transpose)
    {
        Transpose = transpose;
        // Stryker disable once Boolean : the rows are bit-identical over the cores (a property checks it); only the cores differ.
        _jacobian = new(() => Reverse.Rows(transpose, parallel: false), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The transpose ū ↦ ūᵀ J: the pullback of the same record.</summary>
    public Pullback<T> Transpose { get; }

    /// <summary>n, the length of every argument.</summary>
    public int InputLength => Transpose.InputLength;

    /// <summary>m, the length of every result.</summary>
    public int OutputLength => Transpose.OutputLength;

    /// <summary>J v.</summary>
    /// <exception cref="ArgumentException">v does not have n entries.</exception>
    public T[] Invoke(ReadOnlySpan<T> v)
    {
        int n = InputLength, m = OutputLength;
        if (v.Length != n)
            throw new ArgumentException($"The tangent has length {v.Length} but the function has {n} inputs.", nameof(v));
        T[] jacobian = _jacobian.Value;
        var result = new T[m];
        for (int i = 0; i < m; i++)
        {
            T sum = T.Zero;
            for (int j = 0; j < n; j++)
                sum += jacobian[i * n + j] * v[j];
            result[i] = sum;
        }
        return result;
    }

    /// <summary>The map as a function value of its own.</summary>
    public Func<T[], T[]> ToFunc() => v => Invoke(v);

    /// <summary>A linear map is a function.</summary>
    public static implicit operator Func<T[], T[]>(LinearMap<T> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map.ToFunc();
    }
}

/// <summary>x ↦ (f(x), v ↦ J_f(x) v) for a function value f: ℝⁿ → ℝᵐ: evaluate once, apply the linear map often.</summary>
/// <typeparam name="TF">The function value's type.</typeparam>
public readonly struct Linearize<TF>(TF f) where TF : IVectorFunction
{
    private readonly TF _f = FunctionValue.Required(f, nameof(f));

    /// <summary>f(x) and its linearization at x.</summary>
    /// <exception cref="ArgumentException">x is empty or f returns no outputs.</exception>
    public (T[] Value, LinearMap<T> Jvp) F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        (T[] value, Pullback<T> pullback) = Reverse.Vjp<T>(_f.F, x);
        return (value, new LinearMap<T>(pullback));
    }
}
