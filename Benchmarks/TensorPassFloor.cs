using System.Numerics.Tensors;

namespace Autodiff.Benchmarks;

/// <summary>
/// The floor of computing extended Rosenbrock's gradient one tensor primitive per pass, as a measuring stick for
/// the tensor path (issue 15): the passes <see cref="TestFunctions.RosenbrockTensor{T}"/> makes the library run —
/// two column gathers, x ⊙ x, a difference, two squared norms with their gradients 2a and 2b, 1 − x, and backward the
/// same primitives' VJP rules and the scatters into x̄ — each one <see cref="TensorPrimitives"/> call or loop into
/// arrays made once, with no tape, no records, no checks, no zeroing beyond the adjoints. What the library costs
/// above this is its own; what this costs above the plain loop is the price of one primitive per pass.
/// </summary>
public sealed class TensorPassFloor(int n)
{
    private readonly double[] _even = new double[n / 2], _odd = new double[n / 2], _square = new double[n / 2];
    private readonly double[] _a = new double[n / 2], _twiceA = new double[n / 2], _b = new double[n / 2], _twiceB = new double[n / 2];
    private readonly double[] _evenBar = new double[n / 2], _oddBar = new double[n / 2], _squareBar = new double[n / 2];
    private readonly double[] _aBar = new double[n / 2], _bBar = new double[n / 2];

    /// <summary>f(x), with ∇f(x) written into <paramref name="gradient"/>, pass by pass.</summary>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        int h = x.Length / 2;
        for (int i = 0; i < h; i++)
        {
            _even[i] = x[2 * i];
            _odd[i] = x[2 * i + 1];
        }
        TensorPrimitives.Multiply(_even, _even, _square);
        TensorPrimitives.Subtract(_odd, _square, _a);
        TensorPrimitives.Add(_a, _a, _twiceA);
        double first = TensorPrimitives.SumOfSquares(_a);
        TensorPrimitives.Subtract(1.0, _even, _b);
        TensorPrimitives.Add(_b, _b, _twiceB);
        double second = TensorPrimitives.SumOfSquares(_b);

        foreach (double[] adjoint in (double[][])[_evenBar, _oddBar, _squareBar, _aBar, _bBar])
            Array.Clear(adjoint);
        gradient.Clear();
        TensorPrimitives.MultiplyAdd(_twiceA, 100.0, _aBar, _aBar);        // ā += 100 · 2a
        TensorPrimitives.Add(_bBar, _twiceB, _bBar);                         // b̄ += 2b
        TensorPrimitives.Add(_oddBar, _aBar, _oddBar);                       // (o − s): ō += ā
        TensorPrimitives.Subtract(_squareBar, _aBar, _squareBar);            //          s̄ −= ā
        TensorPrimitives.MultiplyAdd(_squareBar, _even, _evenBar, _evenBar); // (e ⊙ e): ē += e ⊙ s̄, once per operand
        TensorPrimitives.MultiplyAdd(_squareBar, _even, _evenBar, _evenBar);
        TensorPrimitives.Subtract(_evenBar, _bBar, _evenBar);                // (1 − e): ē −= b̄
        for (int i = 0; i < h; i++)
        {
            gradient[2 * i] += _evenBar[i];
            gradient[2 * i + 1] += _oddBar[i];
        }
        return 100 * first + second;
    }
}
