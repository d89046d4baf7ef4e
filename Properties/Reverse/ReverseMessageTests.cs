using static Autodiff.Properties.Support.Refusals;

namespace Autodiff.Properties.Reverse;

/// <summary>
/// Refusals of reverse mode's into-buffer and multi-argument forms, read whole: the parameter and every number of the
/// message (a check that lost its text, or was left to a later check under another name, would still throw).
/// </summary>
public sealed class ReverseMessageTests
{
    private static Tracked<double> Product(ReadOnlySpan<Tracked<double>> x) => x[0] * x[1];

    [Fact]
    public void Into_buffer_gradients_and_pullbacks_name_the_buffer_and_its_lengths()
    {
        Refused("gradient", () => Autodiff.Reverse.ValueAndGrad<double>(Product, [1.0, 2.0], new double[3]),
            "gradient has length 3 but the gradient of a function of x.Length inputs needs 2 entries.");
        (_, Pullback<double> pullback) = Autodiff.Reverse.Vjp<double>(x => [x[0] * x[1], x[0] + x[1], x[1]], [1.0, 2.0]);
        Refused("inputAdjoint", () => pullback.Invoke([1.0, 0.0, 0.0], new double[3]),
            "inputAdjoint has length 3 but one entry per input needs 2 entries.");
        Refused("cotangent", () => pullback.Invoke([1.0], new double[2]),
            "The cotangent has length 1 but the function has 3 outputs; it needs one entry per output.");
    }

    [Fact]
    public void Multi_argument_gradients_refuse_a_selection_of_no_argument_naming_the_arguments()
    {
        Refused<ArgumentOutOfRangeException>("wrt", () => Autodiff.Reverse.ValueAndGrad<double>((a, b, c) => a[0] * b[0] * c[0], [1.0], [2.0], [3.0], 0),
            "wrt must select at least one of the function's arguments (First, Second, Third) and no other.");
        Refused<ArgumentOutOfRangeException>("wrt", () => Autodiff.Reverse.ValueAndGrad<double>((a, b) => a[0] * b[0], [1.0], [2.0], Wrt.Third),
            "wrt must select at least one of the function's arguments (First, Second) and no other.");
    }
}
