namespace Autodiff.Benchmarks;

/// <summary>
/// The floor of any tape-based reverse mode on extended Rosenbrock, as a measuring stick for the library: the same
/// records <see cref="Reverse"/> makes (value-side partials, two parent indices, 24 bytes each, eight per pair of
/// coordinates), written straight into one preallocated array by hand-inlined code — no operator overloading, no
/// tape object, no checks — and swept back by the same loop. Whatever <see cref="Reverse.Grad{T}"/> costs above this
/// is the library's; what this costs above the plain function is the price of recording at all.
/// </summary>
public sealed class TapeFloor(int n)
{
    private readonly record struct Node(int A, int B, double Da, double Db);

    private readonly Node[] _nodes = new Node[n + 8 * (n / 2) + 1];
    private readonly double[] _adjoint = new double[n + 8 * (n / 2) + 1];

    /// <summary>∇f(x) into <paramref name="gradient"/> by recording f's operations and sweeping them back.</summary>
    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Node[] nodes = _nodes;
        int count = x.Length, sum = -1;
        double sumValue = 0;
        for (int i = 0; i + 1 < x.Length; i += 2)
        {
            double x0 = x[i], x1 = x[i + 1];
            double square = x0 * x0, a = x1 - square, b = 1 - x0, scaled = 100 * a, left = scaled * a, right = b * b;
            nodes[count] = new(i, i, x0, x0);                      // x0²
            nodes[count + 1] = new(i + 1, count, 1, -1);           // a = x1 − x0²
            nodes[count + 2] = new(i, -1, -1, 0);                  // b = 1 − x0
            nodes[count + 3] = new(count + 1, -1, 100, 0);         // 100 a
            nodes[count + 4] = new(count + 3, count + 1, a, scaled); // 100 a · a
            nodes[count + 5] = new(count + 2, count + 2, b, b);    // b · b
            nodes[count + 6] = new(count + 4, count + 5, 1, 1);    // 100a² + b²
            nodes[count + 7] = new(sum, count + 6, 1, 1);          // sum += …
            sum = count + 7;
            sumValue += left + right;
            count += 8;
        }
        double[] adjoint = _adjoint;
        Array.Clear(adjoint, 0, count);
        adjoint[sum] = 1;
        for (int k = count - 1; k >= x.Length; k--)
        {
            double u = adjoint[k];
            if (u == 0)
                continue;
            Node node = nodes[k];
            if (node.A >= 0)
                adjoint[node.A] += u * node.Da;
            if (node.B >= 0)
                adjoint[node.B] += u * node.Db;
        }
        adjoint.AsSpan(0, x.Length).CopyTo(gradient);
        GC.KeepAlive(sumValue);
    }
}
