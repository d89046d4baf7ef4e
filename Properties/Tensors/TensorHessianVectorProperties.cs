using System.Numerics;
using System.Numerics.Tensors;
using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;
using static Autodiff.Testing.MatrixCases;
using static Autodiff.Properties.Tensors.Plain;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// Hessian-vector products through the tensor primitives by forward-over-reverse: the reverse gradient of f taken
/// on <see cref="TensorVar{T}"/> of dual numbers, the input seeded x + vε, carries ∇f(x) in its values and H v in
/// its tangents. Every JVP and VJP rule then runs on dual numbers (products, LU and Cholesky factorisations, the
/// rule-table maps), so the tangent is the derivative of each rule along v. Checked against closed forms, and against
/// <see cref="Hessian.Hvp{T}"/> of the same function written on scalars; two exact second-order computations agree to
/// <see cref="ExactSecond"/>.
/// </summary>
public sealed class TensorHessianVectorProperties
{
    private static Tensor<Dual<double>> Seeded(MatrixCase x, MatrixCase v, nint[] lengths) =>
        Tensor.Create(x.Entries.Zip(v.Entries, (a, b) => new Dual<double>(a, b)).ToArray(), lengths);

    private static Tensor<Dual<double>> Constant(MatrixCase a) =>
        Tensor.Create(Array.ConvertAll(a.Entries, e => Dual<double>.Constant(e)), [a.Rows, a.Columns]);

    // (∇f(x), H v) read off the gradient over dual numbers.
    private static (double[] Gradient, double[] Hv) Split(Tensor<Dual<double>> gradient)
    {
        var entries = new Dual<double>[gradient.FlattenedLength];
        gradient.FlattenTo(entries);
        return (Array.ConvertAll(entries, g => g.Value), Array.ConvertAll(entries, g => g.Tangent));
    }

    // f(x) = logsumexp(Ax) + ‖tanh x‖², as tensor primitives and as scalar code.
    private static TensorVar<T> TensorF<T>(TensorVar<T> x, Tensor<T> a) where T : IFloatingPointIeee754<T> =>
        TensorVar<T>.Constant(a).MatMul(x).LogSumExp() + x.Tanh().SquaredNorm();

    private static T ScalarF<T>(ReadOnlySpan<T> x, MatrixCase a) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero, squares = T.Zero;
        for (int i = 0; i < a.Rows; i++)
        {
            T z = T.Zero;
            for (int j = 0; j < a.Columns; j++)
                z += T.CreateChecked(a[i, j]) * x[j];
            sum += T.Exp(z);
        }
        foreach (T xj in x)
            squares += T.Tanh(xj) * T.Tanh(xj);
        return T.Log(sum) + squares;
    }

    [Fact]
    public void Hvp_of_a_quadratic_form_is_B_plus_B_transposed_times_v() =>
        Verify.ForAll(Inputs.Sized((n, _, _) => [Matrix(n, n), Matrix(n, 1), Matrix(n, 1)]), c =>
        {
            double[,] b = c[0].ToArray(), symmetrised = Add(b, Transpose(b));
            Tensor<Dual<double>> constant = Constant(c[0]);
            (double[] gradient, double[] hv) = Split(Differentiate.Grad(x => x.MatMul(constant).MatMul(x), Seeded(c[1], c[2], [c[1].Entries.Length])));
            TensorAssert.Close(Flat(Multiply(Transpose(c[1].ToArray()), symmetrised)), gradient, Exact, "∇(xᵀBx) = xᵀ(B + Bᵀ)");
            TensorAssert.Close(Flat(Multiply(symmetrised, c[2].ToArray())), hv, Exact, "H v = (B + Bᵀ) v");
        });

    [Fact]
    public void Hvp_through_tensor_primitives_equals_Hvp_of_the_scalar_program() =>
        Verify.ForAll(Inputs.Sized((m, _, n) => [Matrix(m, n), Matrix(n, 1), Matrix(n, 1)]), c =>
        {
            (double[] gradient, double[] hv) = Split(Differentiate.Grad(x => TensorF(x, Constant(c[0])), Seeded(c[1], c[2], [c[1].Entries.Length])));
            double[] expected = Hessian.Hvp<double>(x => ScalarF(x, c[0]), c[1].Entries, c[2].Entries);
            TensorAssert.Close(Autodiff.Reverse.Grad<double>(x => ScalarF(x, c[0]), c[1].Entries), gradient, Exact, "∇f");
            TensorAssert.Close(expected, hv, ExactSecond, "H v, tensor vs scalar forward-over-reverse");
        });

    [Fact]
    public void Hvp_of_log_abs_det_is_minus_X_inverse_transposed_V_transposed_X_inverse_transposed() =>
        // ∇ log|det X| = X⁻ᵀ, and d(X⁻ᵀ)[V] = −X⁻ᵀ Vᵀ X⁻ᵀ (the transpose of (5.102)); X well conditioned, so Exact.
        Verify.ForAll(Inputs.Sized((n, _, _) => [WellConditioned(n), Matrix(n, n)]), c =>
        {
            double[,] inverseTransposed = Transpose(Inverse(c[0].ToArray()));
            (double[] gradient, double[] hv) = Split(Differentiate.Grad(x => x.LogAbsDeterminant(), Seeded(c[0], c[1], [c[0].Rows, c[0].Columns])));
            TensorAssert.Close(Flat(inverseTransposed), gradient, Exact, "∇ log|det X| = X⁻ᵀ");
            TensorAssert.Close(Flat(Scale(-1, Multiply(inverseTransposed, Transpose(c[1].ToArray()), inverseTransposed))), hv, Exact, "H[V] = −X⁻ᵀVᵀX⁻ᵀ");
        });

    [Fact]
    public void Hvp_of_log_det_by_Cholesky_is_minus_A_inverse_V_A_inverse_for_symmetric_V() =>
        // A ≻ 0 and V symmetric (Cholesky reads one triangle, so only symmetric directions are meaningful).
        Verify.ForAll(Inputs.Sized((n, _, _) => [PositiveDefinite(n), Matrix(n, n)]), c =>
        {
            double[,] v = Scale(0.5, Add(c[1].ToArray(), Transpose(c[1].ToArray()))), inverse = Inverse(c[0].ToArray());
            var symmetric = new MatrixCase(c[1].Rows, c[1].Columns, Flat(v));
            (_, double[] hv) = Split(Differentiate.Grad(x => x.LogDeterminantPositiveDefinite(), Seeded(c[0], symmetric, [c[0].Rows, c[0].Columns])));
            TensorAssert.Close(Flat(Scale(-1, Multiply(inverse, v, inverse))), hv, Exact, "H[V] = −A⁻¹VA⁻¹");
        });
}
