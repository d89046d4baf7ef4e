using System.Numerics.Tensors;
using static Autodiff.Properties.Support.Refusals;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// Every refusal of the tensor library names its parameter and says what is wrong in words a user can act on: the
/// shapes, lengths, counts and indices involved (a message that lost its numbers would still throw, so each is read).
/// Covers the combinators, the accessors of <see cref="TensorVar{T}"/>, <see cref="Shape"/>, the pullback, the
/// perceptron and the optimisers; a null where an object is needed is an <see cref="ArgumentNullException"/>.
/// </summary>
public sealed class TensorMessageTests
{
    private static readonly Tensor<double> Pair = Differentiate.Vector(1.0, 2.0);
    private static readonly Tensor<double> TwoByThree = Differentiate.Matrix(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });

    [Fact]
    public void The_combinators_say_what_is_wrong_with_their_inputs()
    {
        Refused<ArgumentNullException>("entries", () => Differentiate.Vector<double>(null!));
        Refused("entries", () => Differentiate.Vector<double>(), "a vector needs at least one entry");
        Refused("entries", () => Differentiate.Matrix(new double[0, 3]), "entries is 0×3", "at least one row and one column");
        Refused("matrix", () => Differentiate.ToArray(Pair), "rank 1", "only a matrix (rank 2)");
        Refused<ArgumentNullException>("f", () => Differentiate.Vjp<double>((Func<Var[], Var>)null!, Pair));
        Refused<ArgumentNullException>("x", () => Differentiate.Vjp(v => v[0], Pair, null!), "x[1] is null");
        Refused("x", () => Differentiate.Vjp(v => v[0], Pair, Tensor.Create(new double[6], [1, 2, 3])), "x[1] has lengths [1, 2, 3]");
        Refused("x", () => Differentiate.Jvp<double>(v => v[0], [], []));
        Refused("x", () => Differentiate.Vjp<double>(v => v[0]));
        Refused<ArgumentNullException>("x", () => Differentiate.Vjp<double>(v => v[0], null!));
        Refused<ArgumentNullException>("f", () => Differentiate.Jvp<double>(null!, [Pair], [Pair]));
        Refused<ArgumentNullException>("x", () => Differentiate.Jvp<double>(v => v[0], null!, [Pair]));
        Refused<ArgumentNullException>("v", () => Differentiate.Jvp<double>(v => v[0], [Pair], null!));
        Refused("v", () => Differentiate.Jvp(v => v[0], [Pair, Pair], [Pair]), "There are 2 inputs but 1 tangents");
        Refused("f", () => Differentiate.Jvp((Var _) => null!, Pair, Pair), "returned null");
        Refused("f", () => Differentiate.Vjp((Var _) => null!, Pair), "returned null");
        Refused("f", () => Differentiate.Grad(v => v * 2.0, TwoByThree), "lengths [2, 3]", "needs a scalar");
        Refused("x", () => Differentiate.Jacobian(v => v, Differentiate.Vector(new double[50000])),
            "50000 entries by x of 50000 has 2500000000 entries", $"at most {Array.MaxLength}");
    }

    [Fact]
    public void A_value_recorded_by_another_differentiation_is_refused()
    {
        Var? leaked = null;
        Differentiate.Vjp((Var v) => leaked = v * 2.0, Pair);
        Refused<InvalidOperationException>(null, () => Differentiate.Vjp((Var _) => leaked!, Pair), "recorded by a different differentiation");
        // A constant is no one's: returning one is fine, and its derivative is zero.
        (Tensor<double> value, TensorPullback<double> pullback) = Differentiate.Vjp((Var _) => Var.Constant(TwoByThree), Pair);
        TensorAssert.Close([1.0, 2, 3, 4, 5, 6], value, 0, "the constant");
        TensorAssert.Close([0.0, 0], pullback.Invoke(Differentiate.Matrix(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }))[0], 0, "its pullback");
        TensorAssert.Close([0.0, 0, 0, 0, 0, 0], Differentiate.Jvp((Var _) => Var.Constant(TwoByThree), Pair, Pair).Tangent, 0, "its tangent");
    }

    [Fact]
    public void The_accessors_of_a_tensor_refuse_indices_outside_it()
    {
        Var m = TwoByThree;
        foreach (int bad in new[] { -1, 6 })
        {
            Refused<ArgumentOutOfRangeException>("k", () => m.Entry(bad));
            Refused<ArgumentOutOfRangeException>("k", () => m.ToTracked(bad));
        }
        Refused<ArgumentOutOfRangeException>("i", () => m.Entry(-1, 0));
        Refused<ArgumentOutOfRangeException>("j", () => m.Entry(0, -1));
        Refused<ArgumentOutOfRangeException>("i", () => m.Entry(2, 0));
        Refused<ArgumentOutOfRangeException>("j", () => m.Entry(0, 3));
        Refused<ArgumentOutOfRangeException>("i", () => m.Row(-1));
        Refused<ArgumentOutOfRangeException>("i", () => m.Row(2));
        Refused<ArgumentOutOfRangeException>("j", () => m.Column(-1));
        Refused<ArgumentOutOfRangeException>("j", () => m.Column(3));
        Refused<InvalidOperationException>(null, () => _ = m.ScalarValue, "The tensor is 2×3, not a scalar");
        Refused("entries", () => Var.Vector(), "a vector needs at least one entry");
        Refused("scalars", () => Var.FromTracked([new Tracked<double>(), new Tracked<double>()], Shape.Vector(3)),
            "2 scalars cannot fill a 3-vector tensor of 3 entries");
        Refused<InvalidOperationException>(null, () => Differentiate.Jvp(v => v.ToTracked(0), Pair, Pair), "forward-mode tangent");
        Refused<ArgumentOutOfRangeException>("axis", () => m.Sum(2), "Sum: a tensor of shape 2×3 has axes 0 … 1.");
        Refused<ArgumentOutOfRangeException>("axis", () => ((Var)Pair).Max(1), "Max: a tensor of shape 2-vector has axes 0 … 0.");
        Refused("shape", () => m.Reshape(Shape.Vector(5)), "2×3 (6 entries)", "cannot become 5-vector (5 entries)");
        Refused("value", () => Var.Constant(Tensor<double>.Empty), $"value has rank {Tensor<double>.Empty.Rank} and 0 entries");
    }

    [Fact]
    public void A_tensor_prints_its_shape_and_entries_row_by_row_and_knows_whether_it_is_constant()
    {
        Assert.Equal("2×3 [1, 2, 3; 4, 5, 6]", ((Var)TwoByThree).ToString());
        Assert.Equal("3×1 [1; 2; 3]", ((Var)Differentiate.Matrix(new double[,] { { 1 }, { 2 }, { 3 } })).ToString());
        Assert.Equal("2-vector [1, 2]", ((Var)Pair).ToString());
        Assert.Equal("scalar [2.5]", Var.Scalar(2.5).ToString());
        Assert.True(((Var)Pair).IsConstant);
        bool? recorded = null, tangent = null;
        Differentiate.Vjp((Var v) => { recorded = v.IsConstant; return v; }, Pair);
        Differentiate.Jvp((Var v) => { tangent = v.IsConstant; return v; }, Pair, Pair);
        Assert.False(recorded);
        Assert.False(tangent);
    }

    [Fact]
    public void Shapes_refuse_empty_and_oversized_dimensions_by_name()
    {
        Refused<ArgumentOutOfRangeException>("length", () => Shape.Vector(0));
        Refused<ArgumentOutOfRangeException>("rows", () => Shape.Matrix(0, 3));
        Refused<ArgumentOutOfRangeException>("columns", () => Shape.Matrix(3, 0));
        Refused<ArgumentOutOfRangeException>("columns", () => Shape.Matrix(65536, 65536), "A 65536×65536 matrix has 4294967296 entries");
        Refused("q", () => Shape.Of([0, 3], "q"), "q has lengths [0, 3]");
        Refused("q", () => Shape.Of([3, 0], "q"), "q has lengths [3, 0]");
        Refused("right", () => Var.Constant(Tensor.Create(new double[65536], [65536, 1])).MatMul(Tensor.Create(new double[65536], [1, 65536])),
            "MatMul: the result, 65536×65536, has 4294967296 entries");
        Assert.Equal(Shape.Matrix(2, 3), Shape.Of([2, 3], "q"));
    }

    [Fact]
    public void A_pullback_names_the_cotangent_s_shape_and_the_value_s()
    {
        TensorPullback<double> matrix = Differentiate.Vjp(v => v * 2.0, TwoByThree).Pullback;
        Refused("cotangent", () => matrix.Invoke(Tensor.Create(new double[6], [2, 3, 1])), "[2, 3, 1]", "2×3");
        Refused("cotangent", () => matrix.Invoke(Differentiate.Vector(1.0)), "The cotangent is 1-vector but the function's value is 2×3; Ū");
        Refused("cotangent", () => matrix.Invoke(Tensor.Create(Array.Empty<double>(), [0, 3])), "a tensor of lengths [0, 3]");
        Refused("cotangent", () => matrix.Invoke(Tensor.Create(Array.Empty<double>(), [3, 0])), "a tensor of lengths [3, 0]");
        TensorPullback<double> scalar = Differentiate.Vjp(v => v.Sum(), TwoByThree).Pullback;
        Refused("cotangent", () => scalar.Invoke(Pair), "the function's value is scalar (a one-entry vector); Ū");
    }

    [Fact]
    public void Products_say_which_operand_does_not_fit()
    {
        Var scalar = 2.0, vector = Pair;
        Refused("right", () => vector.MatMul(scalar), "MatMul: the operands are 2-vector and scalar");
        Refused(null!, () => scalar.MatMul(vector), "MatMul: the operands are scalar and 2-vector");
        Refused("right", () => vector.Outer(TwoByThree), "2×3");
        Refused("right", () => ((Var)Tensor.Create(new double[65536], [65536])).Outer(Tensor.Create(new double[65536], [65536])),
            "Outer: the result, 65536×65536, has 4294967296 entries");
        Refused(null!, () => ((Var)TwoByThree).Outer(vector), "2×3");
        Refused("right", () => vector.Dot(TwoByThree), "2-vector", "2×3");
        Refused(null!, () => ((Var)TwoByThree).Trace(), "Trace: the matrix is 2×3; it must be square");
        Refused(null!, () => ((Var)TwoByThree).Inverse(), "Inverse: the matrix is 2×3");
        Refused(null!, () => ((Var)TwoByThree).Solve(Pair), "Solve: the matrix is 2×3");
        Refused(null!, () => ((Var)TwoByThree).Determinant(), "Determinant: the matrix is 2×3");
        Refused(null!, () => ((Var)TwoByThree).LogAbsDeterminant(), "LogAbsDeterminant: the matrix is 2×3");
        Var singular = Differentiate.Matrix(new double[,] { { 1, 2 }, { 2, 4 } });
        Refused(null!, () => singular.Determinant(), "Determinant: A (2×2) cannot be factorised");
        Refused(null!, () => singular.LogAbsDeterminant(), "LogAbsDeterminant: A (2×2) cannot be factorised");
        Refused(null!, () => singular.Inverse(), "Inverse: A (2×2) cannot be factorised");
        Refused(null!, () => singular.Solve(Pair), "Solve: A (2×2) cannot be factorised");
        Refused("A", () => ((Var)Differentiate.Matrix(new double[,] { { 2, 1 }, { 0, 2 } })).LogDeterminantPositiveDefinite(),
            "LogDeterminantPositiveDefinite: ");
        Refused("y", () => _ = (Var)TwoByThree + Differentiate.Matrix(new double[3, 3]),
            "or shapes that broadcast (a dimension of length 1, a scalar, or a vector as long as a matrix's rows).");
    }

    private static readonly Perceptron Network = new([2, 3, 1], ActivationFunction.Tanh, ActivationFunction.Identity);

    [Fact]
    public void The_perceptron_names_the_network_and_the_shapes_it_needs()
    {
        Tensor<double>[] theta = Network.Initialize<double>(1);
        Var[] parameters = Array.ConvertAll(theta, Var.Constant);
        double[] flat = Network.Flatten<double>(theta);
        Assert.Equal("2-3-1 (tanh, identity)", Network.ToString());
        Refused("sizes", () => new Perceptron([3], ActivationFunction.Tanh, ActivationFunction.Identity), "sizes has 1 entries");
        Refused("sizes", () => new Perceptron([3, 0, 1], ActivationFunction.Tanh, ActivationFunction.Identity), "sizes holds 0");
        Refused<ArgumentOutOfRangeException>("hidden", () => new Perceptron([1, 1], (ActivationFunction)7, ActivationFunction.Identity), "Not a defined activation function.");
        Refused<ArgumentOutOfRangeException>("output", () => new Perceptron([1, 1], ActivationFunction.Relu, (ActivationFunction)(-1)));
        Refused<ArgumentOutOfRangeException>("k", () => Network.ActivationOf(0));
        Refused<ArgumentOutOfRangeException>("k", () => Network.ActivationOf(3));
        Assert.Equal((ActivationFunction.Tanh, ActivationFunction.Identity), (Network.ActivationOf(1), Network.ActivationOf(2)));

        Refused("parameters", () => Network.Predict<double>(theta[..2], TwoByThree), "parameters has 2 tensors; the 2-3-1 (tanh, identity) network has 4 (A₀, b₀, …, A_1, b_1).");
        Refused("parameters", () => Network.Flatten<double>([theta[0], theta[0], theta[2], theta[3]]), "parameters[1] (b0) is 3×2; the 2-3-1 (tanh, identity) network needs 3-vector.");
        Refused("parameters", () => Network.Forward<double>([parameters[0], parameters[1], parameters[3], parameters[3]], Pair), "parameters[2] (A1) is 1-vector; the 2-3-1 (tanh, identity) network needs 1×3.");
        Refused<ArgumentNullException>("parameters", () => Network.Flatten<double>([theta[0], null!, theta[2], theta[3]]), "parameters[1] is null");
        Refused("parameters", () => Network.Unflatten<double>(flat[1..]), "parameters has 12 entries; the 2-3-1 (tanh, identity) network has 13 parameters");
        Refused("parameters", () => Network.ScalarForward<double, double>(flat[1..], [1.0, 2.0]), "has 12 entries");
        Refused("parameters", () => Network.AsModel().F<double>(flat[1..], [1.0, 2.0]), "has 12 entries");

        Refused("inputs", () => Network.Predict<double>(theta, TwoByThree), "inputs is 2×3; the 2-3-1 (tanh, identity) network takes N×2 (one sample per row) or a 2-vector.");
        Refused("inputs", () => Network.Forward<double>(parameters, TwoByThree), "inputs is 2×3; the 2-3-1 (tanh, identity) network takes N×2");
        Refused("inputs", () => new Perceptron([1, 1], ActivationFunction.Tanh, ActivationFunction.Identity).Forward<double>([Var.Matrix(new double[,] { { 1 } }), Var.Vector(0.0)], 2.0), "inputs is scalar");
        Refused("inputs", () => Network.ScalarForward<double, double>(flat, [1.0, 2.0, 3.0]), "inputs has 3 entries; a batch is N ≥ 1 rows of 2 inputs, row-major.");
        Refused("inputs", () => Network.ScalarForward<double, double>(flat, []), "inputs has 0 entries");
        Refused("input", () => Network.AsModel().F<double>(flat, [1.0]), "input has 1 entries; a batch is N ≥ 1 rows of 2 inputs");

        Refused("targets", () => Network.SquaredLoss<double>(theta, TwoByThree[.., ..2], Pair), "targets is 2-vector but the 2-3-1 (tanh, identity) network's output F_K is 2×1");
        Refused("targets", () => Network.SquaredLoss<double>(parameters, Differentiate.Matrix(new double[2, 2]), Pair), "targets is 2-vector but the 2-3-1 (tanh, identity) network's output F_K is 2×1");
        Refused("targets", () => Network.CrossEntropyLoss<double>(parameters, Differentiate.Matrix(new double[2, 2]), Pair), "F_K is 2×1");
        Refused("targets", () => Network.ScalarSquaredLoss<double, double>(flat, [1.0, 2.0, 3.0, 4.0], [1.0]), "targets has 1 entries but F_K has 2 (2 samples × 1 outputs)");
        var twoOutputs = new Perceptron([1, 2], ActivationFunction.Tanh, ActivationFunction.Identity);
        Refused("targets", () => twoOutputs.ScalarSquaredLoss<double, double>(new double[4], [1.0, 2.0, 3.0], [1.0]), "targets has 1 entries but F_K has 6 (3 samples × 2 outputs)");
        Refused("targets", () => Network.ScalarCrossEntropyLoss<double, double>(flat, [1.0, 2.0], [1.0, 0.0]), "targets has 2 entries but F_K has 1 (1 samples × 1 outputs)");
        Refused<InvalidOperationException>(null, () => default(PerceptronModel).F<double>(flat, [1.0, 2.0]), "A default PerceptronModel has no network");
    }

    [Fact]
    public void The_perceptron_refuses_too_many_parameters_or_too_large_a_batch_and_accepts_the_most_an_array_holds()
    {
        // Array.MaxLength = 2147483591 = 11 · 195225781: an 10-195225781 network has exactly that many parameters.
        Assert.Equal(11 * 195225781, Array.MaxLength);
        Assert.Equal(Array.MaxLength, new Perceptron([10, 195225781], ActivationFunction.Tanh, ActivationFunction.Identity).ParameterCount);
        Refused("sizes", () => new Perceptron([10, 195225781, 1], ActivationFunction.Tanh, ActivationFunction.Identity),
            "sizes 10-195225781-1 give more than 2147483591 parameters");
        // A 1-2²⁰-1 network on 2048 samples: 2³¹ entries in its hidden layer, refused before any work in every mode.
        var wide = new Perceptron([1, 1 << 20, 1], ActivationFunction.Relu, ActivationFunction.Identity);
        double[] inputs = new double[2048];
        Refused("inputs", () => wide.ScalarForward<double, double>(new double[wide.ParameterCount], inputs),
            "inputs holds 2048 samples; at 1048576 units in the widest layer that is 2147483648 entries");
        Refused("input", () => wide.AsModel().F<double>(new double[wide.ParameterCount], inputs), "input holds 2048 samples");
        Var[] zeros = [.. wide.ParameterShapes.Select(s => Var.Constant(Tensor.Create(new double[s.Length], s.Lengths)))];
        Refused("inputs", () => wide.Forward<double>(zeros, Tensor.Create(inputs, [2048, 1])), "inputs holds 2048 samples");
    }

    [Fact]
    public void The_optimisers_say_what_is_wrong_with_a_hyperparameter_a_state_or_a_gradient()
    {
        Refused<ArgumentOutOfRangeException>("learningRate", () => new Adam(learningRate: 0), "The learning rate η must be positive and finite.");
        Refused<ArgumentOutOfRangeException>("learningRate", () => new MomentumDescent(-1), "The learning rate η must be positive and finite.");
        Refused<ArgumentOutOfRangeException>("epsilon", () => new Adam(epsilon: 0), "ε must be positive and finite.");
        Refused<ArgumentOutOfRangeException>("beta1", () => new Adam(beta1: 1), "The first-moment decay β₁ must lie in [0, 1).");
        Refused<ArgumentOutOfRangeException>("beta2", () => new Adam(beta2: -1), "The second-moment decay β₂ must lie in [0, 1).");
        Refused<ArgumentOutOfRangeException>("momentum", () => new MomentumDescent(0.1, 1), "The momentum μ must lie in [0, 1).");

        var adam = new Adam();
        var descent = new MomentumDescent(0.1);
        AdamState<double> state = adam.Start(TwoByThree, Pair);
        Tensor<double>[] gradient = [TwoByThree, Pair];
        Refused<ArgumentNullException>("parameters", () => adam.Start<double>(null!));
        Refused("parameters", () => adam.Start<double>(), "parameters is empty; an optimiser needs at least one parameter tensor.");
        Refused<ArgumentNullException>("parameters", () => adam.Start(Pair, null!), "parameters[1] is null.");
        Refused("parameters", () => adam.Start(Pair, Tensor.Create(new double[6], [2, 0, 3])), "parameters[1] has lengths [2, 0, 3], 0 entries; a parameter tensor has 1 to 2147483591.");
        Refused<ArgumentNullException>("state", () => adam.Step(null!, gradient));
        Refused<ArgumentNullException>("gradient", () => adam.Step(state, null!));
        Refused("state", () => adam.Step(state with { Parameters = null! }, gradient), "state has no parameters; make the first state with Start.");
        Refused("state", () => adam.Step(state with { Steps = -2 }, gradient), "state has taken -2 steps; a step count is never negative.");
        Refused("state", () => adam.Step(state with { Parameters = [TwoByThree, null!] }, gradient), "state.Parameters[1] is null; make the first state with Start.");
        Refused("state", () => adam.Step(state with { SecondMoment = null! }, gradient), "state.SecondMoment does not have one tensor per parameter");
        Refused("state", () => adam.Step(state with { FirstMoment = [TwoByThree, TwoByThree] }, gradient), "state.FirstMoment does not have one tensor per parameter");
        Refused("gradient", () => adam.Step(state, [Pair]), "gradient has 1 tensors but there are 2 parameters; it needs one per parameter.");
        Refused("gradient", () => adam.Step(state, [TwoByThree, TwoByThree]), "gradient[1] has lengths [2, 3] but parameter 1 has [2]");
        Refused("gradient", () => adam.Step(state, [TwoByThree, null!]), "gradient[1] has lengths [null] but parameter 1 has [2]");
        Refused("state", () => ((IOptimizer)descent).Step(state, gradient), "state is a AdamState`1; momentum descent (η = 0.1, μ = 0.9) steps a MomentumState`1 made by its Start.");
    }

    [Fact]
    public void Initial_weights_are_uniform_within_the_Glorot_or_He_bound_and_biases_are_zero()
    {
        foreach (ActivationFunction sigma in Enum.GetValues<ActivationFunction>())
        {
            var network = new Perceptron([30, 40, 20], sigma, sigma);
            Tensor<double>[] theta = network.Initialize<double>(7);
            for (int k = 0; k < 2; k++)
            {
                int fanIn = network.Sizes[k], fanOut = network.Sizes[k + 1];
                double bound = sigma == ActivationFunction.Relu ? Math.Sqrt(6.0 / fanIn) : Math.Sqrt(6.0 / (fanIn + fanOut));
                double[] weights = TensorAssert.Flat(theta[2 * k]);
                Assert.All(weights, w => Assert.InRange(w, -bound, bound));
                // 800 or 1200 uniform draws reach within 2 % of both ends.
                Assert.True(weights.Max() > 0.98 * bound && weights.Min() < -0.98 * bound, $"{sigma}, layer {k}: weights span [{weights.Min()}, {weights.Max()}] of ±{bound}");
                Assert.All(TensorAssert.Flat(theta[2 * k + 1]), b => Assert.Equal(0.0, b));
            }
            Assert.Equal(TensorAssert.Flat(theta[0]), TensorAssert.Flat(network.Initialize<double>(7)[0]));
        }
    }
}
