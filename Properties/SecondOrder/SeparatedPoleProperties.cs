using System.Numerics;
using Autodiff.Properties.Composition;
using Autodiff.Properties.Support;
using Autodiff.Properties.Tensors;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.SecondOrder;

/// <summary>
/// A singular point in one variable leaves every other second derivative exact, by every route to the Hessian:
/// for f(x) = g(x₀) + h(x₁, …, xₙ) with g singular at x₀ (ln, 1/x, √, x^{3/2} at 0, atanh at 1), ∂²f/∂x₀∂xⱼ = 0 and
/// ∂²f/∂xᵢ∂xⱼ = ∂²h/∂xᵢ∂xⱼ for i, j ≥ 1, the latter compared with the hyper-dual Hessian of h alone (no singular point).
/// </summary>
/// <remarks>
/// The entries that do not involve x₀ meet g only through zero tangents: a direction eⱼ (j ≥ 1) seeds x₀ with 0, and
/// the nested numbers then evaluate g′ on the constant x₀ + 0ε, whose quotient rule divides a zero tangent by x₀ = 0
/// (ln: g′ = 1/x). The convention that a zero tangent contributes nothing (<see cref="ChainRule.Over{T}"/>, as
/// <see cref="ChainRule.Times{T}"/>) makes that 0; IEEE arithmetic alone gives (0 − ∞·0)/0 = NaN, which would poison
/// the whole row. ∂²f/∂x₀² = g″(x₀) itself is infinite or undefined there and is not compared, nor are the cross
/// entries of the Taylor route: <see cref="DerivativeTensor"/> polarises, ∂²f/∂x₀∂xⱼ = (D²f[(e₀ + eⱼ)²] −
/// D²f[(e₀ − eⱼ)²])/4, and both terms carry g″(x₀) = ±∞ (∞ − ∞ = NaN: a limit of that route, not a zero tangent).
/// </remarks>
public sealed class SeparatedPoleProperties
{
    // Each g by name, with its singular point.
    private static readonly Dictionary<string, double> SingularAt = new()
    {
        ["ln x at 0"] = 0.0,
        ["1/x at 0"] = 0.0,
        ["√x at 0"] = 0.0,
        ["x^(3/2) at 0"] = 0.0,
        ["atanh x at 1"] = 1.0,
    };

    /// <summary>g(x₀) + h(x₁, …): g singular at the named point, h the smooth <see cref="Coupled"/>.</summary>
    private readonly record struct PoleInFirst(string G) : IScalarFunction
    {
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => Pole(x[0]) + new Coupled().F(x[1..]);

        private T Pole<T>(T x) where T : IFloatingPointIeee754<T> => G switch
        {
            "ln x at 0" => T.Log(x),
            "1/x at 0" => T.One / x,
            "√x at 0" => T.Sqrt(x),
            "x^(3/2) at 0" => T.Pow(x, T.CreateChecked(1.5)),
            _ => T.Atanh(x),
        };
    }

    // Every route to the Hessian, flattened row-major; Polarised: entries from directional derivatives along eᵢ ± eⱼ.
    private static readonly (string Name, Func<PoleInFirst, double[], double[]> Hessian, bool Polarised)[] Routes =
    [
        ("hyper-dual (Forward.Hessian)", (f, x) => Plain.Flat(Autodiff.Forward.Hessian<double>(f.F, x)), false),
        ("forward-over-reverse (Hessian.Dense)", (f, x) => Plain.Flat(Hessian.Dense<double>(f.F, x)), false),
        ("reverse-over-forward (HvpReverseOverForward)", (f, x) => ByColumns(x.Length, e => Hessian.HvpReverseOverForward<double>(f.F, x, e)), false),
        ("reverse-over-reverse (Vhp)", (f, x) => ByColumns(x.Length, e => Hessian.Vhp<double>(f.F, x, e)), false),
        ("nested duals (Jacfwd ∘ Jacfwd)", (f, x) => f.Jacfwd().Jacfwd().F(x), false),
        ("Jacrev ∘ Grad", (f, x) => f.Grad().Jacrev().F(x), false),
        ("Hessian transform", (f, x) => f.Hessian().F(x), false),
        ("Taylor (DerivativeTensor.Of, k = 2)", (f, x) => DerivativeTensor.Of<double>(f.F, x, 2), true),
    ];

    public static TheoryData<string, int> FunctionsAndRoutes()
    {
        var data = new TheoryData<string, int>();
        foreach (string g in SingularAt.Keys)
            for (int route = 0; route < Routes.Length; route++)
                data.Add(g, route);
        return data;
    }

    [Theory]
    [MemberData(nameof(FunctionsAndRoutes))]
    public void Second_derivatives_away_from_a_singular_variable_are_exact(string g, int route) =>
        Verify.ForAll(Cases.Vectors(3, -1.5, 1.5), rest =>
        {
            (string name, var hessianOf, bool polarised) = Routes[route];
            double[] x = [SingularAt[g], .. rest];
            int n = x.Length;
            double[] h = hessianOf(new PoleInFirst(g), x);
            double[,] smooth = Autodiff.Forward.Hessian<double>(new Coupled().F, rest);
            for (int j = 1; j < n; j++)
            {
                Assert.True(polarised || h[j] == 0 && h[j * n] == 0, $"{name}, g = {g}: ∂²f/∂x₀∂x{j} = {h[j]}, ∂²f/∂x{j}∂x₀ = {h[j * n]}, expected 0");
                for (int i = 1; i < n; i++)
                    AssertClose(smooth[i - 1, j - 1], h[i * n + j], ExactSecond, $"{name}, g = {g}: ∂²f/∂x{i}∂x{j}");
            }
        });

    private static double[] ByColumns(int n, Func<double[], double[]> hvp)
    {
        var flat = new double[n * n];
        for (int j = 0; j < n; j++)
        {
            var e = new double[n];
            e[j] = 1;
            double[] column = hvp(e);
            for (int i = 0; i < n; i++)
                flat[i * n + j] = column[i];
        }
        return flat;
    }
}
