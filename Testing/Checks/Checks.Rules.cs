using Autodiff.Rules;

namespace Autodiff.Testing;

public static partial class Checks
{
    /// <summary>
    /// A user's scalar rule (<see cref="IUnaryRule"/>) at x: its D1 and the <see cref="Dual{T}"/> derivative through it
    /// equal the differences of its F, and the <see cref="HyperDual{T}"/> second derivative (D1 differentiated once
    /// more) equals the differences of t ↦ D1(t, F(t)). Draw x inside the rule's domain
    /// (<see cref="Cases.In(double, double)"/>), away from kinks and singularities.
    /// </summary>
    /// <exception cref="ArgumentException">x is not finite.</exception>
    public static GradCheckReport UnaryRule<TRule>(TRule rule, double x, Tolerances? tolerances = null) where TRule : struct, IUnaryRule
    {
        Arguments.Finite(x, nameof(x));
        double reference = Richardson.Derivative(t => rule.F(t), x).Estimate;
        double secondReference = Richardson.Derivative(t => rule.D1(t, rule.F(t)), x).Estimate;
        var comparisons = new Comparisons(tolerances);
        comparisons.Add("D1 vs differences of F", "", rule.D1(x, rule.F(x)), reference);
        comparisons.Add("Dual f′ vs differences of F", "", Forward.Derivative(d => Dual<double>.Lift(d, rule), x), reference);
        comparisons.Add("HyperDual f″ vs differences of D1", "",
            Forward.SecondDerivative(h => HyperDual<double>.Lift(h, rule), x), secondReference);
        return comparisons.Report($"the rule {typeof(TRule).Name} at x = {x:R}");
    }

    /// <summary>
    /// A user's reverse primitive (<see cref="Reverse.Primitive{T}"/>: forward function y = f(x) and VJP rule
    /// (ū, x, y) ↦ ūᵀ J_f(x)) at x: the VJP recorded on the tape equals ūᵀ J by differences of the forward function.
    /// </summary>
    /// <exception cref="ArgumentException">forward, vjp, x or u is null, x or u is empty or not finite, forward returns
    /// null, or u's length is not the number of outputs.</exception>
    public static GradCheckReport VjpRule(Func<double[], double[]> forward, VjpRule<double> vjp, double[] x, double[] u,
        Tolerances? tolerances = null)
    {
        ArgumentNullException.ThrowIfNull(forward);
        // Stryker disable once Statement : Reverse.Primitive refuses it too, by the same name; this check only fails before any work.
        ArgumentNullException.ThrowIfNull(vjp);
        // Stryker disable once Statement : Richardson.Jacobian refuses it too, by the same name; this check only fails before any work.
        Arguments.Vector(x, nameof(x));
        // Stryker disable once Statement : the length check after the differences refuses it too, by the same name; this check only fails before any work.
        Arguments.Vector(u, nameof(u));
        double[,] j = Richardson.Jacobian(forward, x);
        Arguments.Vector(u, nameof(u), j.GetLength(0));
        double[] viaRule = Reverse.Vjp<double>(p => Reverse.Primitive(p, forward, vjp), x).Pullback.Invoke(u);
        double[] reference = [.. Enumerable.Range(0, x.Length).Select(k => Enumerable.Range(0, u.Length).Sum(i => u[i] * j[i, k]))];
        var comparisons = new Comparisons(tolerances);
        comparisons.Add("VJP rule vs ūᵀ J by differences", viaRule, reference);
        return comparisons.Report($"the VJP rule at x = {Printer.Vector(x)}, ū = {Printer.Vector(u)}");
    }
}
