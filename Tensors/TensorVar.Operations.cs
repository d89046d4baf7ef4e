using System.Numerics;
using Autodiff.Rules;

namespace Autodiff;

// The primitives as operators and methods. Each is documented with its derivative; the rules themselves live in
// one class per primitive under Primitives/.
public sealed partial class TensorVar<T>
{
    /// <summary>x + y entrywise, with broadcasting (a scalar, a row vector or an m×1 column stretches).</summary>
    /// <exception cref="ArgumentNullException">An operand is null (named x or y).</exception>
    /// <exception cref="ArgumentException">The shapes do not broadcast, or the result has more entries than a tensor
    /// holds (named y).</exception>
    public static TensorVar<T> operator +(TensorVar<T> x, TensorVar<T> y) => Arithmetic<T>.Apply(x, y, ArithmeticOperation.Add);

    /// <summary>x − y entrywise, with broadcasting.</summary>
    /// <exception cref="ArgumentNullException">An operand is null (named x or y).</exception>
    /// <exception cref="ArgumentException">The shapes do not broadcast, or the result has more entries than a tensor
    /// holds (named y).</exception>
    public static TensorVar<T> operator -(TensorVar<T> x, TensorVar<T> y) => Arithmetic<T>.Apply(x, y, ArithmeticOperation.Subtract);

    /// <summary>x ⊙ y, the entrywise (Hadamard) product, with broadcasting; a scalar factor scales.</summary>
    /// <exception cref="ArgumentNullException">An operand is null (named x or y).</exception>
    /// <exception cref="ArgumentException">The shapes do not broadcast, or the result has more entries than a tensor
    /// holds (named y).</exception>
    public static TensorVar<T> operator *(TensorVar<T> x, TensorVar<T> y) => Arithmetic<T>.Apply(x, y, ArithmeticOperation.Multiply);

    /// <summary>x ⊘ y entrywise, with broadcasting.</summary>
    /// <exception cref="ArgumentNullException">An operand is null (named x or y).</exception>
    /// <exception cref="ArgumentException">The shapes do not broadcast, or the result has more entries than a tensor
    /// holds (named y).</exception>
    public static TensorVar<T> operator /(TensorVar<T> x, TensorVar<T> y) => Arithmetic<T>.Apply(x, y, ArithmeticOperation.Divide);

    /// <summary>−x.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static TensorVar<T> operator -(TensorVar<T> x)
    {
        // Checked here: as the right operand of (−1) * x it would be reported as y.
        ArgumentNullException.ThrowIfNull(x);
        return Scalar(T.NegativeOne) * x;
    }

    /// <summary>x ⊙ x, the entrywise square.</summary>
    public TensorVar<T> Square() => this * this;

    /// <summary>
    /// The matrix product as NumPy's <c>A @ B</c>: matrix·matrix, matrix·vector (A x), vector·matrix (xᵀA) or
    /// vector·vector (xᵀy, a scalar). ∂(AB) = Ȧ B + A Ḃ.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="right"/> is null.</exception>
    /// <exception cref="ArgumentException">A scalar operand, the inner dimensions differ (named <paramref name="right"/>),
    /// or the product has more entries than a tensor holds.</exception>
    public TensorVar<T> MatMul(TensorVar<T> right) => MatrixProduct<T>.Apply(this, right);

    /// <summary>
    /// A Bᵀ for matrices A (m×k, this) and B (n×k), without forming Bᵀ: NumPy's <c>A @ B.T</c>, e.g. the weights times
    /// a batch whose rows are the samples. ∂(A Bᵀ) = Ȧ Bᵀ + A Ḃᵀ.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="right"/> is null.</exception>
    /// <exception cref="ArgumentException">An operand is not a matrix, A's and B's rows differ in length (named
    /// <paramref name="right"/>), or the product has more entries than a tensor holds.</exception>
    public TensorVar<T> MatMulTransposed(TensorVar<T> right) => MatrixProduct<T>.TransposedRight(this, right);

    /// <summary>The outer product x yᵀ of two vectors.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="right"/> is null.</exception>
    /// <exception cref="ArgumentException">An operand is not a vector, or the product has more entries than a tensor holds.</exception>
    public TensorVar<T> Outer(TensorVar<T> right) => MatrixProduct<T>.Outer(this, right);

    /// <summary>Aᵀ (a vector or scalar is its own transpose).</summary>
    public TensorVar<T> Transpose() => Transpose<T>.Apply(this);

    /// <summary>Σ_k x_k, a scalar; gradient 1.</summary>
    public TensorVar<T> Sum() => Reductions.Sum(this);

    /// <summary>The mean of the entries, a scalar; gradient 1/N.</summary>
    public TensorVar<T> Mean() => Reductions.Mean(this);

    /// <summary>‖x‖² = Σ_k x_k² (the squared Frobenius norm of a matrix); gradient 2x.</summary>
    public TensorVar<T> SquaredNorm() => Reductions.SquaredNorm(this);

    /// <summary>⟨x, y⟩ = Σ_k x_k y_k for tensors of equal shape; gradients y and x.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="right"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes differ (named <paramref name="right"/>).</exception>
    public TensorVar<T> Dot(TensorVar<T> right) => Reductions.Dot(this, right);

    /// <summary>log Σ_k e^{x_k} over all entries, without overflow; gradient softmax(x).</summary>
    public TensorVar<T> LogSumExp() => Reductions.LogSumExp(this);

    /// <summary>softmax along the last dimension (each row of a matrix); Jacobian diag(s) − s sᵀ per row.</summary>
    public TensorVar<T> Softmax() => Softmax<T>.Apply(this, log: false);

    /// <summary>
    /// log-softmax along the last dimension, x − logsumexp(x) per row, computed as (x − m) − log Σ e^{x − m} with
    /// m = max x so that it is exact for logits of any size (−ln 2 at [1e308, 1e308]); Jacobian I − 1 sᵀ per row.
    /// </summary>
    public TensorVar<T> LogSoftmax() => Softmax<T>.Apply(this, log: true);

    /// <summary>tr A for square A; gradient I.</summary>
    /// <exception cref="ArgumentException">A is not a square matrix.</exception>
    public TensorVar<T> Trace() => Reductions.Trace(this);

    /// <summary>
    /// Σ along an axis: axis 0 sums down the rows (one sum per column), axis 1 along each row; the reduced axis is
    /// dropped (m×n → a vector) unless <paramref name="keepDims"/> keeps it as length 1 (1×n or m×1). Gradient: 1 on
    /// every entry of the lane.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The tensor has no such axis (a vector has axis 0 only).</exception>
    public TensorVar<T> Sum(int axis, bool keepDims = false) => AxisReduction<T>.Apply(this, axis, keepDims, Reduction.Sum);

    /// <summary>The mean along an axis (see <see cref="Sum(int, bool)"/>); gradient 1/N on every entry of the lane.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The tensor has no such axis.</exception>
    public TensorVar<T> Mean(int axis, bool keepDims = false) => AxisReduction<T>.Apply(this, axis, keepDims, Reduction.Mean);

    /// <summary>
    /// The maximum along an axis (see <see cref="Sum(int, bool)"/>); gradient 1 on the maximal entry — 1/t on each of
    /// t tied ones, the average of the one-sided derivatives.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The tensor has no such axis.</exception>
    public TensorVar<T> Max(int axis, bool keepDims = false) => AxisReduction<T>.Apply(this, axis, keepDims, Reduction.Max);

    /// <summary>
    /// log Σ e^x along an axis (see <see cref="Sum(int, bool)"/>), stable for any logits (m + log Σ e^{x − m});
    /// gradient softmax of the lane.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The tensor has no such axis.</exception>
    public TensorVar<T> LogSumExp(int axis, bool keepDims = false) => AxisReduction<T>.Apply(this, axis, keepDims, Reduction.LogSumExp);

    /// <summary>X = A⁻¹ B, the solution of A X = B (this is A; B a vector or a matrix), by LU with partial pivoting.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException">A is not square, B does not have A's order as rows (named <paramref name="b"/>),
    /// or A is singular.</exception>
    public TensorVar<T> Solve(TensorVar<T> b) => LinearSolve<T>.Apply(this, b);

    /// <summary>A⁻¹ by LU; ∂A⁻¹ = −A⁻¹ Ȧ A⁻¹.</summary>
    /// <exception cref="ArgumentException">A is not square, or is singular.</exception>
    public TensorVar<T> Inverse() => Inverse<T>.Apply(this);

    /// <summary>det A by LU; gradient det(A) A⁻ᵀ.</summary>
    /// <exception cref="ArgumentException">A is not square, or is singular.</exception>
    public TensorVar<T> Determinant() => Determinants.Determinant(this);

    /// <summary>log |det A| by LU, finite where det A overflows; gradient A⁻ᵀ.</summary>
    /// <exception cref="ArgumentException">A is not square, or is singular.</exception>
    public TensorVar<T> LogAbsDeterminant() => Determinants.LogAbsDeterminant(this);

    /// <summary>log det A for symmetric positive definite A, by Cholesky; gradient A⁻¹.</summary>
    /// <exception cref="ArgumentException">A is not square, not symmetric, or not positive definite.</exception>
    public TensorVar<T> LogDeterminantPositiveDefinite() => Determinants.LogDeterminantPositiveDefinite(this);

    /// <summary>f applied to every entry, for any function of the rule table; J = diag(f′(x)).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null (possible when TFunction is a class or an
    /// interface; the rule table's functions are structs).</exception>
    public TensorVar<T> Map<TFunction>(TFunction f) where TFunction : IUnaryFunction =>
        f is null ? throw new ArgumentNullException(nameof(f)) : Elementwise<T>.Apply(this, f);

    /// <summary>
    /// A rule of the rule table entrywise (any <see cref="IUnaryRule"/>, a user's own too); J = diag(f′(x)). Cheaper
    /// than <see cref="Map{TFunction}(TFunction)"/>, which evaluates on dual numbers: the values run on
    /// <see cref="System.Numerics.Tensors.TensorPrimitives"/> where it has the function, and f′ is the rule's
    /// <c>D1(x, f(x))</c> on plain numbers.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null (possible when TRule is a class or an
    /// interface; the rule table's rules are structs).</exception>
    public TensorVar<T> MapRule<TRule>(TRule rule) where TRule : IUnaryRule =>
        rule is null ? throw new ArgumentNullException(nameof(rule)) : RuleElementwise<T, TRule>.Apply(this, rule);

    /// <summary>eˣ entrywise.</summary>
    public TensorVar<T> Exp() => MapRule(new Exp());

    /// <summary>ln x entrywise.</summary>
    public TensorVar<T> Log() => MapRule(new Log());

    /// <summary>√x entrywise.</summary>
    public TensorVar<T> Sqrt() => MapRule(new Sqrt());

    /// <summary>sin x entrywise.</summary>
    public TensorVar<T> Sin() => MapRule(new Sin());

    /// <summary>cos x entrywise.</summary>
    public TensorVar<T> Cos() => MapRule(new Cos());

    /// <summary>|x| entrywise (derivative 0 at 0).</summary>
    public TensorVar<T> Abs() => MapRule(new Abs());

    /// <summary>tanh x entrywise.</summary>
    public TensorVar<T> Tanh() => MapRule(new Tanh());

    /// <summary>The logistic sigmoid σ(x) = 1/(1 + e⁻ˣ) entrywise; J = diag(σ ⊙ (1 − σ)).</summary>
    public TensorVar<T> Sigmoid() => Map(new Composed.Sigmoid());

    /// <summary>softplus ln(1 + eˣ) entrywise.</summary>
    public TensorVar<T> Softplus() => Map(new Composed.Softplus());

    /// <summary>max(x, 0) entrywise (derivative 0 at 0).</summary>
    public TensorVar<T> Relu() => Map(new Composed.Relu());

    /// <summary>The same entries in another shape with as many entries (row-major order).</summary>
    /// <exception cref="ArgumentException"><paramref name="shape"/> is <c>default(Shape)</c>, or the numbers of entries differ.</exception>
    public TensorVar<T> Reshape(Shape shape) => Reshape<T>.Apply(this, shape.WithEntries(nameof(shape)));

    /// <summary>Entry k (row-major position) as a scalar tensor.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k is outside the tensor.</exception>
    public TensorVar<T> Entry(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, Length);
        return Gather<T>.Apply(this, k, 1, Shape.Scalar);
    }

    /// <summary>Entry (i, j) of a matrix as a scalar tensor.</summary>
    /// <exception cref="ArgumentOutOfRangeException">(i, j) is outside the matrix.</exception>
    public TensorVar<T> Entry(int i, int j)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfNegative(j);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, Shape.Rows);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(j, Shape.Columns);
        return Entry(i * Shape.Columns + j);
    }

    /// <summary>Row i of a matrix as a vector.</summary>
    /// <exception cref="ArgumentOutOfRangeException">i is outside the matrix.</exception>
    public TensorVar<T> Row(int i)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, Shape.Rows);
        return Gather<T>.Apply(this, i * Shape.Columns, 1, Shape.Vector(Shape.Columns));
    }

    /// <summary>Column j of a matrix as a vector.</summary>
    /// <exception cref="ArgumentOutOfRangeException">j is outside the matrix.</exception>
    public TensorVar<T> Column(int j)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(j);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(j, Shape.Columns);
        return Gather<T>.Apply(this, j, Shape.Columns, Shape.Vector(Shape.Rows));
    }
}
