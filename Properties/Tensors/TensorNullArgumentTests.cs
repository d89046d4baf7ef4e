using System.Numerics.Tensors;
using Autodiff.Rules;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// A null argument is an <see cref="ArgumentException"/> naming it at every public tensor entry point (never a
/// <see cref="NullReferenceException"/> from inside): the combinators, the primitives, the perceptron, and a null
/// tensor inside an optimiser's state.
/// </summary>
public sealed class TensorNullArgumentTests
{
    private static readonly Tensor<double> Pair = Differentiate.Vector(1.0, 2.0);

    private static void Names(string parameter, Action act) =>
        Assert.Equal(parameter, Assert.ThrowsAny<ArgumentException>(act).ParamName);

    [Fact]
    public void Null_arguments_are_named_by_the_tensor_combinators()
    {
        Names("entries", () => Differentiate.Vector<double>(null!));
        Names("entries", () => Differentiate.Matrix<double>(null!));
        Names("matrix", () => Differentiate.ToArray<double>(null!));
        Names("x", () => Differentiate.Vjp(v => v, (Tensor<double>)null!));
        Names("x", () => Differentiate.Vjp(v => v[0], Pair, null!));
        Names("x", () => Differentiate.Grad(v => v.Sum(), (Tensor<double>)null!));
        Names("x", () => Differentiate.Jvp(v => v, null!, Pair));
        Names("v", () => Differentiate.Jvp(v => v, Pair, null!));
        Names("v", () => Differentiate.Jvp(v => v[0], [Pair], [null!]));
        Names("x", () => Differentiate.Jacobian<double>(v => v, null!));
        Names("f", () => Differentiate.Jacobian<double>(null!, Pair));
        Names("cotangent", () => Differentiate.Vjp(v => v, Pair).Pullback.Invoke(null!));
    }

    [Fact]
    public void Null_arguments_are_named_by_the_tensor_primitives()
    {
        Var x = Pair;
        Names("f", () => x.Map<IUnaryFunction>(null!));
        Names("x", () => _ = -(Var)null!);
        Names("value", () => Var.Constant(null!));
        Names("entries", () => Var.Matrix(null!));
    }

    [Fact]
    public void A_null_parameter_tensor_in_an_optimiser_state_is_refused_by_name()
    {
        Tensor<double>[] gradient = [Pair];
        var adam = new Adam();
        AdamState<double> adamState = adam.Start(Pair);
        Names("state", () => adam.Step(adamState with { Parameters = [null!] }, gradient));
        Names("state", () => adam.Step(adamState with { FirstMoment = [null!] }, gradient));
        Names("gradient", () => adam.Step(adamState, [null!]));
        var momentum = new MomentumDescent(0.1);
        MomentumState<double> momentumState = momentum.Start(Pair);
        Names("state", () => momentum.Step(momentumState with { Parameters = [null!] }, gradient));
        Names("state", () => momentum.Step(momentumState with { Velocity = [null!] }, gradient));
        Names("parameters", () => momentum.Start(Pair, null!));
    }

    [Fact]
    public void Null_arguments_are_named_by_the_perceptron()
    {
        var network = new Perceptron([2, 1], ActivationFunction.Tanh, ActivationFunction.Identity);
        Tensor<double>[] theta = network.Initialize<double>(0);
        Var[] parameters = Array.ConvertAll(theta, Var.Constant);
        Var inputs = Differentiate.Matrix(new double[,] { { 1, 2 } }), targets = Differentiate.Matrix(new double[,] { { 1 } });
        Names("sizes", () => new Perceptron(null!, ActivationFunction.Tanh, ActivationFunction.Identity));
        Names("parameters", () => network.Predict<double>([theta[0], null!], Pair));
        Names("inputs", () => network.Predict<double>(theta, null!));
        Names("targets", () => network.SquaredLoss<double>(theta, Pair, null!));
        Names("parameters", () => network.Forward<double>([parameters[0], null!], inputs));
        Names("inputs", () => network.Forward<double>(parameters, null!));
        Names("targets", () => network.CrossEntropyLoss<double>(parameters, inputs, null!));
        Names("parameters", () => network.Flatten<double>([theta[0], null!]));
    }
}
