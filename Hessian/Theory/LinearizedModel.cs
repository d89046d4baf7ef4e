using System.Numerics;

namespace Autodiff;

/// <summary>
/// f_lin(θ, x) = f(θ₀, x) + ∇θ f(θ₀, x)(θ − θ₀): the first-order model of f in θ around θ₀ (the seeds' PhD 7), a
/// model of its own. Each evaluation is one JVP of f at θ₀ along θ − θ₀ on dual numbers built over the caller's
/// number type, so f_lin differentiates like any model and no Jacobian is stored.
/// </summary>
/// <typeparam name="TM">The model's type.</typeparam>
public readonly struct LinearizedModel<TM> : IModel where TM : IModel
{
    private readonly TM _model;
    private readonly double[] _theta0;

    internal LinearizedModel(TM model, double[] expansionPoint)
    {
        if (model is null)
            throw new ArgumentNullException(nameof(model));
        ArgumentNullException.ThrowIfNull(expansionPoint);
        Require.NotEmpty<double>(expansionPoint, nameof(expansionPoint), "the model needs at least one parameter");
        _model = model;
        _theta0 = (double[])expansionPoint.Clone();
    }

    /// <summary>θ₀, the expansion point (a copy).</summary>
    public double[] ExpansionPoint => (double[])_theta0.Clone();

    /// <summary>f(θ₀, x) + ∇θ f(θ₀, x)(θ − θ₀).</summary>
    /// <exception cref="ArgumentException">θ does not have as many entries as θ₀.</exception>
    public T[] F<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> input) where T : IFloatingPointIeee754<T>
    {
        if (parameters.Length != _theta0.Length)
            throw new ArgumentException(
                $"parameters has {parameters.Length} entries but the expansion point θ₀ has {_theta0.Length}.", nameof(parameters));
        var theta0 = new T[_theta0.Length];
        var direction = new T[_theta0.Length];
        for (int j = 0; j < theta0.Length; j++)
        {
            theta0[j] = T.CreateChecked(_theta0[j]);
            direction[j] = parameters[j] - theta0[j];
        }
        TM model = _model;
        Dual<T>[] x = PerExample.Lifted<T, Dual<T>>(input.ToArray());
        (T[] value, T[] tangent) = Forward.Jvp<T>(p => model.F(p, x), theta0, direction);
        for (int i = 0; i < value.Length; i++)
            value[i] += tangent[i];
        return value;
    }
}
