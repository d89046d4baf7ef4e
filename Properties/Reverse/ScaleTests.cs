using System.Numerics;
using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Reverse;

/// <summary>
/// Reverse mode at 10⁷ operations: no stack overflow, and a checkpointed loop whose record stays the size of its
/// boundary. In mutation runs (<see cref="Verify.Scale"/>) the loop runs 10⁵ steps; its √n schedule is held exactly
/// by <see cref="CheckpointedLoopTests"/>.
/// </summary>
[Slow("10⁷ recorded operations and a 10⁷-step loop run twice: 20 s")]
public sealed class ScaleTests
{
    [Fact]
    public void Ten_million_operations_differentiate_without_stack_overflow()
    {
        // y ← sin(y)·½ + x repeated: 3 records per step, 10⁷ records in all, on the test thread's default stack.
        const int steps = 10_000_000 / 3;
        static T Chain<T>(T x) where T : IFloatingPointIeee754<T>
        {
            T y = x, half = T.CreateChecked(0.5);
            for (int i = 0; i < steps; i++)
                y = T.Sin(y) * half + x;
            return y;
        }
        (_, Pullback<double> pullback) = Autodiff.Reverse.Vjp<double>(v => Chain(v[0]), [0.4]);
        Assert.True(pullback.OperationCount >= 10_000_000);
        AssertClose(Autodiff.Forward.Derivative(Chain, 0.4), pullback.Invoke([1.0])[0], 1e-12, "d/dx after 10⁷ operations");
    }

    [Fact]
    public void Ten_million_steps_give_the_forward_derivative_from_a_record_of_the_boundary()
    {
        int steps = Verify.Scale(10_000_000, 100_000);
        double[] x = [0.3, 0.9];
        (double value, Pullback<double> pullback) = Autodiff.Reverse.Vjp<double>(v => CheckpointedLoopTests.Checkpointed(v, steps), x);
        double[] forward = Autodiff.Forward.Gradient<double>(v => CheckpointedLoopTests.Unrolled(v[0], v[1], steps), x);
        double[] reverse = pullback.Invoke([1.0]);
        AssertClose(CheckpointedLoopTests.Unrolled(x[0], x[1], steps), value, Exact, "value");
        AssertClose(forward[0], reverse[0], ExactSecond, "∂/∂y₀");
        AssertClose(forward[1], reverse[1], ExactSecond, "∂/∂w");
        // Two inputs, one block of two outputs and the loss: the 3·10⁷ intermediates are recomputed, not kept.
        Assert.True(pullback.OperationCount <= 8, $"record of {pullback.OperationCount} operations");
    }
}
