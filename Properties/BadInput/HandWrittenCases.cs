using System.Numerics;
using System.Numerics.Tensors;
using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.TestFunctions;

namespace Autodiff.Properties.BadInput;

using Forward = Autodiff.Forward;
using Reverse = Autodiff.Reverse;

/// <summary>
/// Bad input to every public method that takes spans (which reflection cannot call): empty, mismatched, NaN/±∞,
/// negative and overflowing counts, and functions that change their output length. Each must throw an
/// <see cref="ArgumentException"/> (or a subclass) naming the parameter; a function that throws has its own exception
/// passed through unchanged, never wrapped or replaced.
/// </summary>
public static class HandWrittenCases
{
    // A function whose number of outputs grows with every call.
    private static VectorFunction<T> Growing<T>()
    {
        int m = 1;
        return x => new T[m++];
    }

    private static readonly double[] Two = [1.0, 2.0], One = [1.0], Empty = [];
    private static readonly PerceptronModel Model = new Perceptron([1, 1], ActivationFunction.Tanh, ActivationFunction.Identity).AsModel();
    private static readonly double[,] Spd = { { 2, 1 }, { 1, 3 } };

    /// <summary>(method, the parameter the error must name, the call).</summary>
    public static readonly (string Method, string Parameter, Action Call)[] Cases =
    [
        ("Forward.EvaluateTaylor", "coefficients", () => Forward.EvaluateTaylor(ReadOnlySpan<double>.Empty, 0.5)),
        ("Taylor..ctor", "coefficients", () => _ = new Taylor<double>(ReadOnlySpan<double>.Empty)),
        ("Forward.Jvp", "x", () => Forward.Jvp(Identity, Empty, Empty)),
        ("Forward.Jvp", "v", () => Forward.Jvp(Identity, Two, One)),
        ("Forward.Jvp", "f", () => Forward.Jvp<double>(_ => [], Two, Two)),
        ("Forward.DirectionalDerivative", "v", () => Forward.DirectionalDerivative(SumOfSquares, Two, One)),
        ("Forward.Gradient", "x", () => Forward.Gradient(SumOfSquares, Empty)),
        ("Forward.Jacobian", "f", () => Forward.Jacobian(Growing<Dual<double>>(), Two)),
        ("Forward.Jacobian", "x", () => Forward.Jacobian(Identity, Empty)),
        ("Forward.Hessian", "x", () => Forward.Hessian(SumOfSquares, Empty)),
        ("Forward.GradientChunked", "x", () => Forward.GradientChunked(SumOfSquares, Empty)),
        ("Forward.JacobianChunked", "f", () => Forward.JacobianChunked(Growing<MultiDual<double>>(), [1.0, 2.0, 3.0, 4.0, 5.0])),
        ("MultiDual..ctor", "tangent", () => _ = new MultiDual<double>(1.0, [1.0, 2.0, 3.0, 4.0, 5.0])),
        ("Reverse.Vjp", "x", () => Reverse.Vjp(Identity, Empty)),
        ("Reverse.Vjp", "f", () => Reverse.Vjp<double>(_ => null!, Two)),
        ("Reverse.Grad", "x", () => Reverse.Grad(SumOfSquares, Empty)),
        ("Reverse.ValueAndGrad", "x", () => Reverse.ValueAndGrad(SumOfSquares, Empty)),
        ("Reverse.Grad", "x", () => Reverse.Grad<double>(Compiled.CompiledFunctions.Rosenbrock, Empty)),
        ("Compiled.Grad", "x", () => Autodiff.Compiled.Grad<double>(Compiled.CompiledFunctions.Rosenbrock, Empty)),
        ("Compiled.Grad", "f", () => Autodiff.Compiled.Grad<double>(SumOfSquares, Two)),
        ("Compiled.ValueAndGrad", "x", () => Autodiff.Compiled.ValueAndGrad<double>(Compiled.CompiledFunctions.Rosenbrock, Empty)),
        ("Compiled.ValueAndGrad", "f", () => Autodiff.Compiled.ValueAndGrad<double>(x => x[0], Two)),
        ("Reverse.Jacobian", "f", () => Reverse.Jacobian<double>(_ => [], Two)),
        ("Reverse.Primitive", "forward", () => Reverse.Grad<double>(x => Reverse.Primitive(x, null!, (u, _, _) => u.ToArray())[0], Two)),
        ("Reverse.Checkpoint", "segment", () => Reverse.Grad<double>(x => Reverse.Checkpoint(null!, x)[0], Two)),
        ("Reverse.Checkpoint", "segment", () => Reverse.Grad<double>(x => Reverse.Checkpoint<double>(_ => [], x)[0], Two)),
        ("Reverse.CheckpointedLoop", "body", () => Reverse.Grad<double>(x => Reverse.CheckpointedLoop(x, 3, null!)[0], Two)),
        ("Reverse.CheckpointedLoop", "body", () => Reverse.Grad<double>(x => Reverse.CheckpointedLoop<double>(x, 3, s => [s[0]])[0], Two)),
        ("Reverse.CheckpointedLoop", "steps", () => Reverse.Grad<double>(x => Reverse.CheckpointedLoop<double>(x, -1, s => [.. s])[0], Two)),
        ("Hessian.Hvp", "v", () => Hessian.Hvp(SumOfSquares, Two, One)),
        ("Hessian.HvpReverseOverForward", "v", () => Hessian.HvpReverseOverForward(SumOfSquares, Two, One)),
        ("Hessian.Vhp", "v", () => Hessian.Vhp(SumOfSquares, Two, One)),
        ("Hessian.Dense", "x", () => Hessian.Dense(SumOfSquares, Empty)),
        ("Hessian.OfVectorFunction", "f", () => Hessian.OfVectorFunction(Growing<Tracked<Dual<double>>>(), Two)),
        ("PerExample.Jacobians", "parameters", () => PerExample.Jacobians(Model, Empty, new double[1, 1])),
        ("PerExample.Gradients", "inputs", () => PerExample.Gradients(Model, Two, new double[0, 1])),
        ("NeuralTangentKernel.Kernel", "parameters", () => NeuralTangentKernel.Kernel(Model, Empty, new double[1, 1])),
        ("Fisher.Empirical", "negativeLogLikelihood", () => Fisher.Empirical((IModel)null!, Two, new double[1, 1])),
        ("Fisher.GaussNewtonProduct", "v", () => Fisher.GaussNewtonProduct(Model, Two, new double[1, 1], One)),
        ("Curvature.TopEigenpairs", "x", () => Curvature.TopEigenpairs(SumOfSquares, Empty, 1)),
        ("Invariance.LieDerivative", "x", () => Invariance.LieDerivative(SumOfSquares, Empty, new double[0, 0])),
        ("Adversarial.Sensitivity", "x", () => Adversarial.Sensitivity(SumOfSquares, Empty)),
        ("Adversarial.JacobianNormSquared", "input", () => Adversarial.JacobianNormSquared(Model, One, Empty)),
        ("Adversarial.JacobianPenalty", "parameters", () => Adversarial.JacobianPenalty(Model, Empty, One)),
        ("Adversarial.JacobianPenalty", "probes", () => Adversarial.JacobianPenalty(Model, Two, One, 0)),
        ("InputSensitivity.Change", "delta", () => Adversarial.Sensitivity(SumOfSquares, Two).Change(One)),
        ("GradientFlow.Integrate", "start", () => GradientFlow.Integrate(SumOfSquares, Empty, 1.0, 1e-6)),
        ("Representation.Spectrum", "parameters", () => Representation.Spectrum(Model, Empty, One)),
        ("Representation.Spectrum", "input", () => Representation.Spectrum(Model, Two, Empty)),
        ("GradientFlow.Integrate", "endTime", () => GradientFlow.Integrate(SumOfSquares, Two, double.PositiveInfinity, 1e-6)),
        ("Hessian.DirectionalDerivative", "k", () => Hessian.DirectionalDerivative(SumOfSquares, Two, Two, -1)),
        ("DerivativeTensor.Of", "x", () => DerivativeTensor.Of(SumOfSquares, Empty, 2)),
        ("DerivativeTensor.Of", "k", () => DerivativeTensor.Of(SumOfSquares, Two, 5)),
        ("DerivativeTensor.Contract", "tensor", () => DerivativeTensor.Contract(Two, Two, 2)),
        ("DerivativeTensor.Contract", "delta", () => DerivativeTensor.Contract(One, Empty, 0)),
        ("DerivativeTensor.TaylorModel", "order", () => DerivativeTensor.TaylorModel(SumOfSquares, Two, -1)),
        ("TaylorModel.Evaluate", "delta", () => DerivativeTensor.TaylorModel(SumOfSquares, Two, 1).Evaluate(One)),
        ("Hessian.DirectionalDerivative", "delta", () => Hessian.DirectionalDerivative(SumOfSquares, Two, One, 2)),
        ("Solve.Linear", "b", () => Solve.Linear(Spd, One)),
        ("Matrix.Solve", "b", () => Matrix.Solve(Spd, One)),
        ("Matrix.Solve", "a", () => Matrix.Solve(new double[,] { { 1, 2 }, { 2, 4 } }, Two)),
        ("Forward.Jacobian", "jacobian", () => Forward.Jacobian<double>((x, y) => y[0] = x[0], Two, new double[1], new double[3])),
        ("Forward.Jvp", "tangent", () => Forward.Jvp<double>((x, y) => y[0] = x[0], Two, Two, new double[1], new double[2])),
        ("Reverse.Jacobian", "value", () => Reverse.Jacobian<double>((x, y) => y[0] = x[0], Two, new double[0], new double[2])),
        ("Reverse.Vjp", "value", () => Reverse.Vjp<double>((x, y) => y[0] = x[0], Two, new double[0])),
        ("Reverse.ValueAndGrad", "gradient", () => Reverse.ValueAndGrad(SumOfSquares, Two, new double[3])),
        ("Reverse.ValueAndGrad", "x", () => Reverse.ValueAndGrad(SumOfSquares, Empty, new double[0])),
        ("Reverse.ValueAndGrad", "gradient", () => Reverse.ValueAndGrad<double>(Compiled.CompiledFunctions.Rosenbrock, Two, new double[1])),
        ("Reverse.ValueAndGrad", "wrt", () => Reverse.ValueAndGrad<double>((a, b) => a[0] * b[0], One, One, Wrt.Third)),
        // A null function is named before any other bad argument (here an empty x), and on every form.
        ("Reverse.ValueAndGrad", "f", () => Reverse.ValueAndGrad<double>((ScalarFunction<Tracked<double>>)null!, Empty, new double[0])),
        ("Reverse.ValueAndGrad", "f", () => Reverse.ValueAndGrad<double>((ScalarFunction2<Tracked<double>>)null!, One, One)),
        ("Reverse.Jacobian", "f", () => Reverse.Jacobian<double>((InPlaceFunction<Tracked<double>>)null!, Two, new double[1], new double[2])),
        ("Reverse.Vjp", "f", () => Reverse.Vjp<double>((InPlaceFunction<Tracked<double>>)null!, Two, new double[1])),
        ("Solve.Linear", "a", () => Solve.Linear(null!, Two)),
        ("Solve.Cholesky", "b", () => Solve.Cholesky(Spd, One)),
        ("Curvature.Sharpness", "maxIterations", () => Curvature.Sharpness(SumOfSquares, Two, maxIterations: 0)),
        ("Curvature.Sharpness", "x", () => Curvature.Sharpness(SumOfSquares, Empty)),
        ("Curvature.HutchinsonTrace", "samples", () => Curvature.HutchinsonTrace(SumOfSquares, Two, 0)),
        ("GradientDescent.Run", "learningRate", () => GradientDescent.Run(SumOfSquares, Two, double.NaN, 0.0, 10)),
        ("GradientDescent.Run", "learningRate", () => GradientDescent.Run(SumOfSquares, Two, double.PositiveInfinity, 0.0, 10)),
        ("GradientDescent.Run", "iterations", () => GradientDescent.Run(SumOfSquares, Two, 0.1, 0.0, -1)),
        ("Newton.Step", "x", () => Newton.Step(SumOfSquares, Empty)),
        ("Newton.GaussNewtonStep", "theta", () => Newton.GaussNewtonStep(Identity, Empty)),
        ("Newton.GaussNewtonStep", "residual", () => Newton.GaussNewtonStep<double>(null!, Two)),
        ("Newton.GradientAndHessian", "x", () => Newton.GradientAndHessian(SumOfSquares, Empty)),
        ("StationaryPoint.Classify", "tolerance", () => StationaryPoint.Classify(SumOfSquares, Two, double.NaN)),
        ("StationaryPoint.Classify", "tolerance", () => StationaryPoint.Classify(SumOfSquares, Two, -1.0)),
        ("Shape.Of", "lengths", () => Shape.Of([unchecked((nint)4294967297L)], "lengths")),
        ("Shape.Of", "lengths", () => Shape.Of([65536, 65536], "lengths")),
        ("TensorVar.Vector", "entries", () => TensorVar<double>.Vector(ReadOnlySpan<double>.Empty)),
        ("TensorVar.FromTracked", "scalars", () => Reverse.Grad<double>(x => TensorVar<double>.FromTracked(x, Shape.Matrix(3, 3)).Sum().ToTracked(0), Two)),
        ("Expr.Evaluate", "e", () => Expr.Evaluate<double>((Expr)null!, Two)),
        ("Expr.Evaluate", "x", () => Expr.Evaluate<double>(new Expr.Var(2), Two)),
        ("Expr.Evaluate", "x", () => Expr.Evaluate<double>(new Expr.Var(-1), Two)),
        ("Expr.Evaluate", "outputs", () => Expr.Evaluate<double>((IReadOnlyList<Expr>)null!, Two)),
        ("Expr.Evaluate", "x", () => Expr.Evaluate<double>([new Expr.Var(0), new Expr.Var(1)], One)),
    ];

    /// <summary>The span-taking methods the cases above cover, as "Type.Method".</summary>
    public static readonly HashSet<string> Covered = [.. Cases.Select(c => c.Method)];
}

/// <summary>Runs <see cref="HandWrittenCases"/>, and checks that a function's own exception passes through unchanged.</summary>
public sealed class HandWrittenBadInputTests
{
    public static TheoryData<int> Indices() => [.. Enumerable.Range(0, HandWrittenCases.Cases.Length)];

    [Theory]
    [MemberData(nameof(Indices))]
    public void Bad_input_is_an_ArgumentException_naming_the_parameter(int index)
    {
        (string method, string parameter, Action call) = HandWrittenCases.Cases[index];
        var e = Assert.ThrowsAny<ArgumentException>(call);
        Assert.True(parameter == e.ParamName, $"{method}: expected the error to name '{parameter}', it named '{e.ParamName}': {e.Message}");
    }

    private sealed class UsersOwnException : Exception;

    private static T Throwing<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => throw new UsersOwnException();

    [Fact]
    public void A_function_that_throws_has_its_exception_passed_through()
    {
        double[] x = [1.0, 2.0];
        Assert.Throws<UsersOwnException>(() => Forward.Gradient(Throwing, x));
        Assert.Throws<UsersOwnException>(() => Reverse.Grad(Throwing, x));
        Assert.Throws<UsersOwnException>(() => Hessian.Hvp(Throwing, x, x));
        Assert.Throws<UsersOwnException>(() => Forward.Hessian(Throwing, x));
        Assert.Throws<UsersOwnException>(() => new ThrowingValue().Hessian().F(new double[20]));
        Assert.Throws<UsersOwnException>(() => new ThrowingValue().Grad().Jacrev().F(new double[20]));
    }

    private readonly struct ThrowingValue : IScalarFunction
    {
        public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => throw new UsersOwnException();
    }

    [Fact]
    public void Transforms_reject_bad_shapes_and_orders()
    {
        Assert.Equal("order", Assert.ThrowsAny<ArgumentException>(() => new Autodiff.Rules.Sin().Derivative(-1)).ParamName);
        Assert.Equal("rowMajor", Assert.ThrowsAny<ArgumentException>(() => new double[5].ToMatrix(2)).ParamName);
        Assert.Equal("columns", Assert.ThrowsAny<ArgumentException>(() => new double[4].ToMatrix(0)).ParamName);
        Assert.Equal("n", Assert.ThrowsAny<ArgumentException>(() => new double[8].ToCube(-2)).ParamName);
        Refusals.Refused("rowMajor", () => new double[5].ToMatrix(2), "length 5 is not a matrix of 2 columns");
        foreach (int length in new[] { 0, 6, 9 })
            Refusals.Refused("rowMajor", () => new double[length].ToCube(2), $"length {length} is not an m×2×2 array");
        Assert.Equal(new double[2, 2, 2], new double[8].ToCube(2));
        Assert.Equal("v", Assert.ThrowsAny<ArgumentException>(() => new ThrowingValue().Hvp().Along<double>(null!)).ParamName);
        (double[] _, LinearMap<double> map) = new Identityish().Linearize().F([1.0, 2.0]);
        var e = Assert.ThrowsAny<ArgumentException>(() => map.Invoke([1.0]));
        Assert.Equal("v", e.ParamName);
        Assert.Contains("length 1 but the function has 2 inputs", e.Message);
    }

    private readonly struct Identityish : IVectorFunction
    {
        public T[] F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => [x[0] * x[1], x[0]];
    }
}
