using System.Runtime.CompilerServices;
using Interval = Autodiff.Rules.Interval;

namespace Autodiff.Testing;

/// <summary>
/// When a program at a point is a fair test: every function is applied inside its table domain, away from the
/// edges, and every node is finite, moderate, moderately sloped and smooth at the scale of a difference step. Then
/// every mode must answer, and a five-point difference is accurate, so a disagreement is a bug rather than a NaN or
/// a truncation error. The generator builds only such programs and the shrinker keeps only such candidates. Every
/// test here evaluates the program in double precision only: none uses a mode of the library under test.
/// </summary>
public static class WellPosed
{
    /// <summary>
    /// Arguments keep 5 % of their domain's width from either edge. The table's domains already stop short of every
    /// singularity and kink (log at 0.1, abs at ±0.1, tan at ±1.3); the margin keeps constants off the edges too.
    /// </summary>
    public const double Margin = 0.05;

    /// <summary>
    /// An argument cannot leave its domain unless an input moves by at least 0.1: its distance to the nearer edge is
    /// at least 0.1 times the sum of its slopes. Near an edge a function may approach a singularity (tanpi's pole
    /// lies 0.1 beyond its domain); this keeps the singularity at least 0.1 away in input space, 30 difference
    /// steps (at most 3·10⁻³), and with it the stencil, which must not straddle abs's kink.
    /// </summary>
    public const double Reach = 0.1;

    /// <summary>No node exceeds 10³ in magnitude: far from overflow, and rounding stays ≈ 10⁻¹³ absolute.</summary>
    public const double MaxValue = 1e3;

    /// <summary>
    /// No node's slopes sum to more than 10 (the 1-norm of its gradient, so a direction with entries in [−1, 1]
    /// sees at most 10 too): a composition's higher derivatives grow like powers of its slopes.
    /// </summary>
    public const double MaxSlope = 10;

    /// <summary>
    /// Every node's five-point differences converge: their estimated truncation error is at most 10⁻¹⁰ of the slope
    /// (at least 1), 10⁻⁴ of the 10⁻⁶ a five-point difference is usually held to. The estimate compares steps h and 2h
    /// (errors C h⁴ and 16 C h⁴, so the difference is 15 C h⁴). It catches what domains and slopes miss:
    /// singularities off the real axis, such as those of atan2(y, s) at s = ±i y, whose distance ρ sets the error
    /// ≈ (h/ρ)⁴; differences of second and third derivatives err by a small multiple of the same (h/ρ)⁴. Measured
    /// over 10⁵ programs, the differences the properties take then err by at most 5·10⁻⁸, a twentieth of their
    /// tolerance; with 10⁻⁹ the worst was 1.3·10⁻⁷, and with no such test (and slopes up to 20) 6·10⁻⁵, a failure.
    /// </summary>
    public const double Smoothness = 1e-10;

    /// <summary>True when a lies in the domain shrunk by the <see cref="Margin"/> at both ends.</summary>
    public static bool Inside(Interval domain, double a)
    {
        double margin = Margin * (domain.Max - domain.Min);
        return a >= domain.Min + margin && a <= domain.Max - margin;
    }

    /// <summary>The argument's value lies <see cref="Inside"/> the domain, beyond the <see cref="Reach"/> of its edges.</summary>
    public static bool Fits(Interval domain, Expr argument, double[] x, double[] v)
    {
        Check(argument, x, v, nameof(argument));
        Profile a = ProfileOf(argument, x, v);
        double room = Math.Min(a.Value - domain.Min, domain.Max - a.Value);
        return Inside(domain, a.Value) && room >= Reach * a.Slopes;
    }

    /// <summary>
    /// The node is finite and at most <see cref="MaxValue"/>, its slopes sum to at most <see cref="MaxSlope"/>,
    /// and its differences along every input and along the direction v converge to <see cref="Smoothness"/>.
    /// </summary>
    public static bool Tame(Expr e, double[] x, double[] v)
    {
        Check(e, x, v, nameof(e));
        return ProfileOf(e, x, v).Tame;
    }

    // The expression and the vectors are not null.
    private static void Check(Expr e, double[] x, double[] v, string name)
    {
        ArgumentNullException.ThrowIfNull(e, name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(v);
    }

    // What the conditions need to know of one node at one point and direction: its value, the sum of its slopes
    // (NaN where a difference did not converge), and whether it is tame.
    private sealed record Profile(double[] X, double[] V, double Value, double Slopes, bool Tame);

    // Nodes are immutable and the vectors are never written, so a node's profile at the same arrays is computed once:
    // the candidates of a shrink step share all but one path of nodes with the case they come from.
    private static readonly ConditionalWeakTable<Expr, Profile> Profiles = [];

    private static Profile ProfileOf(Expr e, double[] x, double[] v)
    {
        if (Profiles.TryGetValue(e, out Profile? known) && ReferenceEquals(known.X, x) && ReferenceEquals(known.V, v))
            return known;
        Profile profile = Measure(e, x, v);
        // Stryker disable once Statement : the profiles are a cache; without it each is measured again.
        Profiles.AddOrUpdate(e, profile);
        return profile;
    }

    private static Profile Measure(Expr e, double[] x, double[] v)
    {
        double value = e.At(x), slopes = 0;
        for (int i = 0; i < x.Length && !double.IsNaN(slopes); i++)
        {
            int input = i;
            slopes += Converges(t => e.At(FiniteDifference.With(x, input, t)), x[i]);
        }
        bool tame = double.IsFinite(value) && Math.Abs(value) <= MaxValue && slopes <= MaxSlope
            && !double.IsNaN(Converges(t => e.At(Vectors.Line(x, v, t)), 0));
        return new(x, v, value, slopes, tame);
    }

    // |f′(t)| by a five-point difference if it agrees with the one of twice the step, else NaN.
    private static double Converges(Func<double, double> f, double t)
    {
        double slope = FiniteDifference.First(f, t);
        double coarse = FiniteDifference.First(s => f(2 * s - t), t) / 2;
        return double.IsFinite(slope) && Close(slope, coarse, 15 * Smoothness) ? Math.Abs(slope) : double.NaN;
    }

    // a and b agree to rtol relative to the larger magnitude, or to 1 where both are smaller; an infinity only with
    // itself (relative to ∞, every finite number would be close).
    private static bool Close(double a, double b, double rtol) =>
        a.Equals(b) || double.IsFinite(a) && double.IsFinite(b) && Math.Abs(a - b) <= rtol * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    /// <summary>
    /// The node itself is well posed, its subtrees aside: its arguments <see cref="Fits"/> their domains and it is
    /// <see cref="Tame"/> (leaves are).
    /// </summary>
    public static bool Sound(Expr node, double[] x, double[] v) => node switch
    {
        _ when node is null || x is null || v is null => throw new ArgumentNullException(node is null ? nameof(node) : x is null ? nameof(x) : nameof(v)),
        Expr.Unary u => Fits(u.Entry.Domain, u.Argument, x, v) && Tame(node, x, v),
        Expr.Binary b => Fits(b.Entry.XDomain, b.Left, x, v) && Fits(b.Entry.YDomain, b.Right, x, v) && Tame(node, x, v),
        _ => true,
    };

    /// <summary>Every node of the program reads an existing input and is <see cref="Sound"/>.</summary>
    public static bool Holds(Expr program, double[] x, double[] v) =>
        program is null || x is null || v is null
            ? throw new ArgumentNullException(program is null ? nameof(program) : x is null ? nameof(x) : nameof(v))
            : program.Nodes().OfType<Expr.Var>().All(node => node.Index < x.Length)
        && program.Nodes().All(node => Sound(node, x, v));

    /// <summary>Every output is well posed at the case's point and direction, and the vectors' lengths match.</summary>
    public static bool Holds(ProgramCase c) =>
        c is null ? throw new ArgumentNullException(nameof(c)) : c.Outputs.Length > 0 && c.Direction.Length == c.Point.Length
        && (!c.IsVector || c.Cotangent.Length == c.Outputs.Length)
        && c.Outputs.All(o => Holds(o, c.Point, c.Direction));
}
