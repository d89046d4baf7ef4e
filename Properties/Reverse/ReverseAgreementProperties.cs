using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Reverse;

/// <summary>Every rule-table function: the reverse gradient equals the forward derivative and plain values.</summary>
public sealed class ReverseAgreementProperties
{
    [Theory, MemberData(nameof(Table.UnaryNames), MemberType = typeof(Table))]
    public void Reverse_derivative_equals_forward_derivative(string name) =>
        Verify.ForAll(Cases.Of(Table.Unary(name)), c =>
        {
            (double value, double[] gradient) = Autodiff.Reverse.ValueAndGrad<double>(x => c.Entry.Function.F(x[0]), [c.X]);
            Assert.Equal(c.Entry.Function.F(c.X), value);
            AssertClose(Autodiff.Forward.Derivative(c.Entry.Function.F, c.X), gradient[0], Exact, $"{c}: reverse vs forward");
        });

    [Theory, MemberData(nameof(Table.BinaryNames), MemberType = typeof(Table))]
    public void Reverse_gradient_equals_forward_gradient(string name) =>
        Verify.ForAll(Cases.Of(Table.Binary(name)), c =>
        {
            double[] reverse = Autodiff.Reverse.Grad<double>(v => c.Entry.Function.F(v[0], v[1]), [c.X, c.Y]);
            double[] forward = Autodiff.Forward.Gradient<double>(v => c.Entry.Function.F(v[0], v[1]), [c.X, c.Y]);
            AssertClose(forward[0], reverse[0], Exact, $"{c}: ∂f/∂x");
            AssertClose(forward[1], reverse[1], Exact, $"{c}: ∂f/∂y");
        });

    [Theory, MemberData(nameof(Table.BinaryNames), MemberType = typeof(Table))]
    public void Shared_arguments_accumulate_both_partials(string name) =>
        Verify.ForAll(Cases.Of(Table.Binary(name)), c =>
        {
            // f(x, x): the adjoint of x collects ∂f/∂x + ∂f/∂y along the two edges of the DAG.
            double shared = Math.Clamp(c.X, Math.Max(c.Entry.XDomain.Min, c.Entry.YDomain.Min), Math.Min(c.Entry.XDomain.Max, c.Entry.YDomain.Max));
            double reverse = Autodiff.Reverse.Grad<double>(v => c.Entry.Function.F(v[0], v[0]), [shared])[0];
            double forward = Autodiff.Forward.Derivative<double>(v => c.Entry.Function.F(v, v), shared);
            AssertClose(forward, reverse, Exact, $"{c.Entry.Name}(x, x) at {shared:R}");
        });
}
