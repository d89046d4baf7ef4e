using System.Numerics;
using System.Numerics.Tensors;
using static Autodiff.Examples.Report;

namespace Autodiff.Examples.Porting;

using Forward = Autodiff.Forward;
using Reverse = Autodiff.Reverse;

/// <summary>
/// Numerical code ported from NumPy or Julia, differentiated as written (docs/porting.md): several arguments,
/// in-place outputs, reductions along an axis, curves, and linear algebra on the number types — each beside its
/// closed form.
/// </summary>
internal static class Porting
{
    // NumPy: def qform(A, x): return x @ A @ x — two arguments, A row-major.
    private static T QuadraticForm<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
            for (int j = 0; j < x.Length; j++)
                sum += x[i] * a[i * x.Length + j] * x[j];
        return sum;
    }

    // Julia: function lorenz!(du, u) … end — the Lorenz system in place, σ = 10, ρ = 28, β = 8/3.
    private static void Lorenz<T>(ReadOnlySpan<T> u, Span<T> du) where T : IFloatingPointIeee754<T>
    {
        T sigma = T.CreateChecked(10), rho = T.CreateChecked(28), beta = T.CreateChecked(8.0 / 3);
        du[0] = sigma * (u[1] - u[0]);
        du[1] = u[0] * (rho - u[2]) - u[1];
        du[2] = u[0] * u[1] - beta * u[2];
    }

    public static IReadOnlyList<Comparison> Run()
    {
        var log = new ComparisonLog();
        Heading("Porting numerical code: several arguments, in place, along an axis",
            "Each function is written the way NumPy or Julia code is, and differentiated without reshaping by hand.");
        var table = new Table(1, "port", "AD", "closed form", "rel. diff");

        // Several arguments: ∂(xᵀAx)/∂A = x xᵀ and ∂/∂x = (A + Aᵀ)x, one sweep.
        double[] a = [1, 2, 0, -1, 3, 1, 2, 0, 4], x = [0.5, -1, 2];
        (double[] gradA, double[] gradX) = Reverse.Grad<double>(QuadraticForm, a, x);
        table.Row(["∂(xᵀAx)/∂A₁₂ = x₁x₂", .. log.Compare(gradA[1], x[0] * x[1])]);
        table.Row(["∂(xᵀAx)/∂x₃ = ((A + Aᵀ)x)₃", .. log.Compare(gradX[2], (a[6] + a[2]) * x[0] + (a[7] + a[5]) * x[1] + 2 * a[8] * x[2])]);

        // In place: the Lorenz Jacobian into a preallocated buffer, no allocation per call.
        double[] u = [1, 2, 3], du = new double[3], jacobian = new double[9];
        Forward.Jacobian<double>(Lorenz, u, du, jacobian);
        double[] lorenzJacobian = [-10, 10, 0, 28 - u[2], -1, -u[0], u[1], u[0], -8.0 / 3];
        for (int k = 0; k < 9; k += 4)
            table.Row([$"lorenz! Jacobian J{Subscript(k / 3)}{Subscript(k % 3)}", .. log.Compare(jacobian[k], lorenzJacobian[k])]);

        // A curve ℝ → ℝ³: the helix (cos t, sin t, t)′ = (−sin t, cos t, 1).
        double[] velocity = Forward.Derivative<double>(t => [Dual<double>.Cos(t), Dual<double>.Sin(t), t], 0.7);
        table.Row(["helix′(0.7)₁ = −sin 0.7", .. log.Compare(velocity[0], -Math.Sin(0.7))]);

        // Linear algebra on the number types: ∂ det X/∂X = det(X) X⁻ᵀ through Matrix.Determinant's elimination.
        double[] xEntries = [2, 1, 0, 1, 3, 1, 0, 2, 4];
        double[] gradDet = Reverse.Grad<double>(v => Matrix.Determinant(Square(v, 3)), xEntries);
        double[,] inverse = Matrix.Inverse(Square<double>(xEntries, 3));
        double det = Matrix.Determinant(Square<double>(xEntries, 3));
        table.Row(["∂ det X/∂X₁₂ = det X · (X⁻¹)₂₁", .. log.Compare(gradDet[1], det * inverse[1, 0])]);

        // Along an axis: softmax regression L(W, b) = mean_i [logsumexp_j Z_ij − Σ_j Y_ij Z_ij], Z = XW + b.
        double[,] features = { { 1, 0.5 }, { -1, 2 }, { 0.3, -0.7 } }, labels = { { 1, 0 }, { 0, 1 }, { 1, 0 } };
        double[,] w = { { 0.2, -0.1 }, { 0.4, 0.3 } };
        Tensor<double> weights = Tensors.Matrix(w), bias = Tensors.Vector(0.1, -0.2);
        Tensor<double>[] gradients = Tensors.Grad(p =>
        {
            TensorVar<double> z = TensorVar<double>.Matrix(features).MatMul(p[0]) + p[1];
            return (z.LogSumExp(axis: 1) - (z * TensorVar<double>.Matrix(labels)).Sum(axis: 1)).Mean();
        }, weights, bias);
        // Closed form: ∂L/∂W = Xᵀ(S − Y)/N, ∂L/∂b = Σ_i (S − Y)_i/N, S the row-wise softmax of Z.
        double[,] residual = new double[3, 2];
        for (int i = 0; i < 3; i++)
        {
            double z0 = features[i, 0] * w[0, 0] + features[i, 1] * w[1, 0] + 0.1, z1 = features[i, 0] * w[0, 1] + features[i, 1] * w[1, 1] - 0.2;
            double s0 = 1 / (1 + Math.Exp(z1 - z0));
            residual[i, 0] = s0 - labels[i, 0];
            residual[i, 1] = 1 - s0 - labels[i, 1];
        }
        double dW10 = (features[0, 1] * residual[0, 0] + features[1, 1] * residual[1, 0] + features[2, 1] * residual[2, 0]) / 3;
        double db1 = (residual[0, 1] + residual[1, 1] + residual[2, 1]) / 3;
        table.Row(["softmax regression ∂L/∂W₂₁ = (Xᵀ(S − Y))₂₁/N", .. log.Compare(gradients[0][1, 0], dW10)]);
        table.Row(["softmax regression ∂L/∂b₂ = Σᵢ(S − Y)ᵢ₂/N", .. log.Compare(gradients[1][1], db1)]);
        table.Print();
        return log.Comparisons;
    }

    // A row-major span as an n×n matrix of the same number type.
    private static T[,] Square<T>(ReadOnlySpan<T> entries, int n)
    {
        var m = new T[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                m[i, j] = entries[i * n + j];
        return m;
    }
}
