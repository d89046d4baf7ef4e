using System.Numerics;
using System.Numerics.Tensors;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.MatrixCalculus;

using Forward = Autodiff.Forward;
using Reverse = Autodiff.Reverse;

/// <summary>
/// Section 26: the seeds' remaining worked examples — the chain rule as a 1×2 · 2×2 product, the direction of steepest
/// ascent, ∂(xᵀΣ⁻¹x)/∂x, the second derivative of a vector function as an m×n×n tensor, and df/dA of f = Ax both as
/// the seeds' m×(m×n) tensor and flattened to m×(mn) — each beside its closed form.
/// </summary>
internal static class SeedGaps
{
    // f(x) = exp(x₁x₂²), the seeds' chain-rule function.
    private static T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => T.Exp(x[0] * x[1] * x[1]);

    // x(s, t) = (s cos t, s sin t).
    private static T[] Curve<T>(ReadOnlySpan<T> st) where T : IFloatingPointIeee754<T> => [st[0] * T.Cos(st[1]), st[0] * T.Sin(st[1])];

    // f(x) = [x₁²x₂, sin(x₁x₂)]: a vector function whose Hessians are known.
    private static T[] Pair<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => [x[0] * x[0] * x[1], T.Sin(x[0] * x[1])];

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("26. More of the seeds' worked examples",
            "Chain rule df/d(s, t) = ∂f/∂x · ∂x/∂(s, t) (1×2 · 2×2), steepest ascent ∇fᵀ/‖∇f‖, ∂(xᵀΣ⁻¹x)/∂x, ∇²f ∈ ℝ^{m×n×n},",
            "and df/dA of f = Ax as an m×(m×n) tensor and flattened.");
        var table = new Table(1, "example", "AD", "closed form", "rel. diff");

        // Chain rule: the gradient of f∘x in (s, t) against the product of the two AD factors and the closed form.
        double[] st = [0.8, 0.6];
        double[] direct = Reverse.Grad<double>(v => F(Curve(v)), st);
        double[] x = Curve<double>(st);
        double[] dfdx = Reverse.Grad<double>(F, x);
        double[,] dxdst = Forward.Jacobian<double>(Curve, st);
        double e = Math.Exp(x[0] * x[1] * x[1]);
        double[] closedDfdx = [e * x[1] * x[1], 2 * e * x[0] * x[1]];
        double[,] closedDxdst = { { Math.Cos(st[1]), -st[0] * Math.Sin(st[1]) }, { Math.Sin(st[1]), st[0] * Math.Cos(st[1]) } };
        for (int j = 0; j < 2; j++)
        {
            double product = dfdx[0] * dxdst[0, j] + dfdx[1] * dxdst[1, j];
            double closed = closedDfdx[0] * closedDxdst[0, j] + closedDfdx[1] * closedDxdst[1, j];
            string name = j == 0 ? "s" : "t";
            table.Row([$"∂f/∂{name} through f∘x", .. log.Compare(direct[j], closed)]);
            table.Row([$"∂f/∂{name} as (∂f/∂x)(∂x/∂(s, t))", .. log.Compare(product, closed)]);
        }

        // Steepest ascent: along h = ∇fᵀ/‖∇f‖ the slope is ‖∇f‖, the largest over unit directions.
        double norm = Math.Sqrt(dfdx[0] * dfdx[0] + dfdx[1] * dfdx[1]);
        double[] h = [dfdx[0] / norm, dfdx[1] / norm];
        table.Row(["∇f·h, h = ∇fᵀ/‖∇f‖ (a JVP)", .. log.Compare(Forward.DirectionalDerivative<double>(F, x, h), Math.Sqrt(closedDfdx[0] * closedDfdx[0] + closedDfdx[1] * closedDfdx[1]))]);
        double steepestOther = Enumerable.Range(0, 360).Max(k => Forward.DirectionalDerivative<double>(F, x, [Math.Cos(k * Math.PI / 180), Math.Sin(k * Math.PI / 180)]));
        string steepest = $"  steepest ascent: the largest slope over 360 unit directions is {Num(steepestOther)} ≤ ‖∇f‖ = {Num(norm)}";

        // ∂(xᵀΣ⁻¹x)/∂x = 2xᵀΣ⁻¹ for symmetric Σ, through Matrix.Solve on tracked numbers.
        double[,] sigma = { { 2.0, 0.3, 0.1 }, { 0.3, 1.5, -0.2 }, { 0.1, -0.2, 1.0 } };
        double[] point = [0.4, -1.1, 0.7];
        double[] gradient = Reverse.Grad<double>(v => Dot(v, Matrix.Solve(Constants<Tracked<double>>(sigma), v)), point);
        double[] solved = Matrix.Solve(sigma, point);
        for (int i = 0; i < 3; i++)
            table.Row([$"∂(xᵀΣ⁻¹x)/∂x{Subscript(i)} = 2(Σ⁻¹x){Subscript(i)}", .. log.Compare(gradient[i], 2 * solved[i])]);

        // ∇²f of f(x) = [x₁²x₂, sin(x₁x₂)] ∈ ℝ^{2×2×2}.
        double[] p = [0.7, 1.3];
        double[,,] hessians = Hessian.OfVectorFunction<double>(Pair, p);
        double c = Math.Cos(p[0] * p[1]), s = Math.Sin(p[0] * p[1]);
        double[,,] closedHessians = { { { 2 * p[1], 2 * p[0] }, { 2 * p[0], 0 } }, { { -p[1] * p[1] * s, c - p[0] * p[1] * s }, { c - p[0] * p[1] * s, -p[0] * p[0] * s } } };
        foreach ((int i, int j, int k) in new[] { (0, 0, 0), (0, 0, 1), (1, 0, 1), (1, 1, 1) })
            table.Row([$"∇²f: ∂²f{Subscript(i)}/∂x{Subscript(j)}∂x{Subscript(k)}", .. log.Compare(hessians[i, j, k], closedHessians[i, j, k])]);
        table.Print();
        Console.WriteLine(steepest);

        // df/dA of f = Ax: the seeds' m×(m×n) tensor (∂f_i/∂A_kq = δ_ik x_q), and the same numbers flattened to m×(mn).
        const int m = 2, n = 3;
        double[] xv = [0.5, -1.0, 2.0];
        double[,] a = { { 1, 2, 3 }, { 4, 5, 6 } };
        Tensor<double> collated = Tensors.Jacobian(v => v.MatMul(Tensors.Vector(xv)), Tensors.Matrix(a));
        double[,] flattened = Forward.Jacobian<double>(v => MatVec(v, xv, m), [.. a.Cast<double>()]);
        var closedForm = new double[m, m * n];
        for (int i = 0; i < m; i++)
            for (int q = 0; q < n; q++)
                closedForm[i, i * n + q] = xv[q];
        Console.WriteLine($"  df/dA of f = Ax: Tensors.Jacobian's lengths [{string.Join(", ", collated.Lengths.ToArray())}] = m × (m × n); flattened by");
        Console.WriteLine("  Forward.Jacobian over vec(A), m × (mn), beside ∂f_i/∂A_kq = δ_ik x_q:");
        log.CompareMatrices(flattened, closedForm, "δ_ik x_q");
        var collatedFlat = new double[collated.FlattenedLength];
        collated.FlattenTo(collatedFlat);
        Console.WriteLine($"  the collated tensor's entries in order equal the flattened matrix's: {collatedFlat.SequenceEqual(flattened.Cast<double>())}");
        log.Record(collatedFlat.Zip(flattened.Cast<double>(), (u, w) => Math.Abs(u - w)).Max(), Comparison.Exact);

        // The seeds' two approaches for a matrix-valued F: ℝ³ → ℝ^{4×2}, F_ij = sin(c_ij · x): collate the partials
        // into a 4×2×3 tensor, or flatten F to ℝ⁸ and take the 8×3 Jacobian. Same numbers, same order.
        double[,] cMatrix = new double[8, 3];
        for (int r = 0; r < 8; r++)
            for (int q = 0; q < 3; q++)
                cMatrix[r, q] = Math.Cos(1.7 * r + q);
        double[] x3 = [0.3, -0.8, 0.5];
        Tensor<double> tensor = Tensors.Jacobian(v => TensorVar<double>.Matrix(cMatrix).MatMul(v).Sin().Reshape(Shape.Matrix(4, 2)), Tensors.Vector(x3));
        double[,] matrix = Forward.Jacobian<double>(v => Sines(cMatrix, v), x3);
        var sinesJacobian = new double[8, 3];
        for (int r = 0; r < 8; r++)
            for (int q = 0; q < 3; q++)
                sinesJacobian[r, q] = Math.Cos(cMatrix[r, 0] * x3[0] + cMatrix[r, 1] * x3[1] + cMatrix[r, 2] * x3[2]) * cMatrix[r, q];
        var tensorFlat = new double[tensor.FlattenedLength];
        tensor.FlattenTo(tensorFlat);
        Console.WriteLine($"  Approach 1, collate: Tensors.Jacobian of F: ℝ³ → ℝ^{{4×2}} has lengths [{string.Join(", ", tensor.Lengths.ToArray())}]; approach 2, flatten:");
        Console.WriteLine("  Forward.Jacobian of vec F: ℝ³ → ℝ⁸ is 8×3, beside ∂F_ij/∂x_q = cos(c_ij·x) c_ijq:");
        log.CompareMatrices(matrix, sinesJacobian, "cos(c·x) c");
        double gap = tensorFlat.Zip(matrix.Cast<double>(), (u, w) => Math.Abs(u - w)).Max();
        Console.WriteLine($"  the 4×2×3 tensor's entries in order against the 8×3 matrix's: max difference {Sci(log.Record(gap, Comparison.Exact))}");
        return log.Comparisons;
    }

    // vec F(x) = sin(C x), C ∈ ℝ^{8×3}.
    private static T[] Sines<T>(double[,] c, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        var y = new T[c.GetLength(0)];
        for (int r = 0; r < y.Length; r++)
        {
            T sum = T.Zero;
            for (int q = 0; q < x.Length; q++)
                sum += T.CreateChecked(c[r, q]) * x[q];
            y[r] = T.Sin(sum);
        }
        return y;
    }

    private static T[] MatVec<T>(ReadOnlySpan<T> a, double[] x, int rows) where T : IFloatingPointIeee754<T>
    {
        var y = new T[rows];
        for (int i = 0; i < rows; i++)
            for (int q = 0; q < x.Length; q++)
                y[i] += a[i * x.Length + q] * T.CreateChecked(x[q]);
        return y;
    }

    private static T Dot<T>(ReadOnlySpan<T> u, T[] v) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int i = 0; i < v.Length; i++)
            sum += u[i] * v[i];
        return sum;
    }

    private static T[,] Constants<T>(double[,] a) where T : IFloatingPointIeee754<T>
    {
        var c = new T[a.GetLength(0), a.GetLength(1)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                c[i, j] = T.CreateChecked(a[i, j]);
        return c;
    }
}
