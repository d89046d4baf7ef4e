using Autodiff.Properties.Support;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using LanguageExt.Common;
using Xunit.Sdk;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.SecondOrder;

/// <summary>
/// The dense linear algebra under the second-order tools: LU and Cholesky solves reproduce known solutions of
/// random well-conditioned systems at every scale and report singular and indefinite matrices as failures naming
/// the pivot; Jacobi eigenvalues keep the trace, determinant and Frobenius norm, come with eigenvectors
/// (A v = λ v, VᵀV = I), and match closed forms. Tolerances are relative to the matrix's scale: 10⁻¹⁰ leaves
/// room for cond(A) · n · ε with the condition numbers (≤ ~50) these generators produce.
/// </summary>
public sealed class LinearAlgebraProperties
{
    private const double Rtol = 1e-10;

    /// <summary>A square system A x = b whose solution x is known; prints A and x in a counterexample.</summary>
    public sealed record LinearSystem(double[,] A, double[] X)
    {
        public int N => X.Length;

        public double[] B => Multiply(A, X);

        public override string ToString() => $"A = {Show(A)}, x = [{string.Join(", ", X.Select(v => v.ToString("R")))}]";
    }

    /// <summary>A square matrix; prints its rows.</summary>
    public sealed record Matrix(double[,] A)
    {
        public int N => A.GetLength(0);

        public override string ToString() => Show(A);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Generators. Sizes 1…6, entries uniform in [−1, 1], scaled by 10ᵏ for k ∈ [−100, 100] where the property is
    // scale-free, so a tolerance that is absolute instead of relative to max|a_ij| shows up.

    private static Gen<int> Sizes => Gen.Choose(1, 6);

    private static Gen<double> Scales => Gen.Choose(-100, 100).Select(k => Math.Pow(10, k));

    private static Gen<double[,]> Entries(int n) =>
        Gen.ArrayOf(Cases.In(-1, 1), n * n).Select(e => ToMatrix(n, e));

    private static Gen<double[]> Vector(int n) => Gen.ArrayOf(Cases.In(-1, 1), n);

    // Strictly diagonally dominant by rows (|a_ii| ≥ 1 + Σ_{j≠i} |a_ij|, so ‖A⁻¹‖∞ ≤ 1 and cond∞ ≤ 2n + 1), then
    // with its rows shuffled so that partial pivoting has work to do, then scaled.
    private static Arbitrary<LinearSystem> WellConditioned =>
        Arb.From(
            from n in Sizes
            from m in Entries(n)
            from keys in Vector(n)
            from scale in Scales
            from x in Vector(n)
            select new LinearSystem(Scale(PermuteRows(DiagonallyDominant(m), keys), scale), x));

    // BᵀB + I: symmetric positive definite with eigenvalues in [1, 1 + ‖B‖₂²] ⊂ [1, 37].
    private static Arbitrary<LinearSystem> PositiveDefinite =>
        Arb.From(
            from n in Sizes
            from m in Entries(n)
            from scale in Scales
            from x in Vector(n)
            select new LinearSystem(Scale(GramPlusIdentity(m), scale), x));

    // Exactly symmetric: a_ij = a_ji = m_ij for i ≤ j.
    private static Arbitrary<Matrix> Symmetric => SymmetricIn(Scales);

    // Scales 10⁻⁴⁰ … 10⁴⁰, for properties about det A and its relatives, whose magnitude is ‖A‖ⁿ ≤ (6·10⁴⁰)⁶.
    private static Arbitrary<Matrix> SymmetricForDeterminants => SymmetricIn(Gen.Choose(-40, 40).Select(k => Math.Pow(10, k)));

    private static Arbitrary<Matrix> SymmetricIn(Gen<double> scales) =>
        Arb.From(
            from n in Sizes
            from m in Entries(n)
            from scale in scales
            select new Matrix(Scale(Symmetrise(m), scale)));

    // ---------------------------------------------------------------------------------------------------------
    // Solve.Linear

    [Fact]
    public void Linear_recovers_the_solution_of_well_conditioned_systems() =>
        Verify.ForAll(WellConditioned, s =>
        {
            double[] x = Succeeded(Solve.Linear(s.A, s.B), "Solve.Linear");
            // ‖x̂ − x‖∞ ≤ cond(A) · n · ε · ‖x‖∞ ≲ 10⁻¹³ here; entries of x are in [−1, 1], so a floor of 1.
            for (int i = 0; i < s.N; i++)
                AssertClose(s.X[i], x[i], Rtol, $"x[{i}]");
        });

    [Fact]
    public void Linear_leaves_a_residual_A_x_minus_b_at_rounding_level() =>
        Verify.ForAll(WellConditioned, s =>
        {
            double[] b = s.B, x = Succeeded(Solve.Linear(s.A, b), "Solve.Linear");
            double[] ax = Multiply(s.A, x);
            double scale = MaxAbs(s.A) * x.Max(Math.Abs) * s.N;
            for (int i = 0; i < s.N; i++)
                AssertClose(b[i], ax[i], Rtol, $"(A x)[{i}] = b[{i}]", floor: scale);
        });

    [Fact]
    public void Linear_does_not_modify_its_arguments() =>
        Verify.ForAll(WellConditioned, s =>
        {
            double[,] a = (double[,])s.A.Clone();
            double[] b = s.B, copy = (double[])b.Clone();
            _ = Solve.Linear(a, b);
            Assert.Equal(s.A, a);
            Assert.Equal(copy, b);
        });

    [Fact]
    public void Linear_pivots_so_a_zero_in_the_corner_is_no_obstacle()
    {
        // [[0, 1], [1, 0]] x = [2, 3] has x = [3, 2]; without row exchanges the first pivot would be 0.
        Assert.Equal([3.0, 2.0], Succeeded(Solve.Linear(new double[,] { { 0, 1 }, { 1, 0 } }, [2.0, 3.0]), "swap"));
        // Small first pivot: elimination without pivoting loses x₁ to cancellation (multiplier 10²⁰).
        double[] x = Succeeded(Solve.Linear(new double[,] { { 1e-20, 1 }, { 1, 1 } }, [1.0, 2.0]), "small pivot");
        AssertClose(1.0, x[0], Rtol, "x₁");
        AssertClose(1.0, x[1], Rtol, "x₂");
    }

    [Fact]
    public void Linear_solves_a_1_by_1_system_by_division() =>
        Assert.Equal([-2.5], Succeeded(Solve.Linear(new double[,] { { 4 } }, [-10.0]), "4x = −10"));

    [Fact]
    public void Singularity_is_judged_relative_to_the_scale_of_the_matrix()
    {
        // Tiny and huge but perfectly conditioned: both solve.
        Assert.Equal([2.0, 3.0], Succeeded(Solve.Linear(new double[,] { { 1e-200, 0 }, { 0, 1e-200 } }, [2e-200, 3e-200]), "10⁻²⁰⁰ I"));
        Assert.Equal([2.0, 3.0], Succeeded(Solve.Linear(new double[,] { { 1e200, 0 }, { 0, 1e200 } }, [2e200, 3e200]), "10²⁰⁰ I"));
        // The threshold is n·ε·max|a_ij| = 2 · 2⁻⁵² ≈ 4.4·10⁻¹⁶ for diag(1, d): 10⁻¹³ passes, 10⁻¹⁶ does not.
        Assert.Equal([1.0, 1.0], Succeeded(Solve.Linear(new double[,] { { 1, 0 }, { 0, 1e-13 } }, [1.0, 1e-13]), "diag(1, 10⁻¹³)"));
        Assert.Equal([1.0, 1.0], Succeeded(Solve.Linear(new double[,] { { 1, 0 }, { 0, 5e-16 } }, [1.0, 5e-16]), "diag(1, 5·10⁻¹⁶)"));
        Assert.StartsWith("matrix is singular: pivot 1E-16 in column 1",
            Failed(Solve.Linear(new double[,] { { 1, 0 }, { 0, 1e-16 } }, [1.0, 1.0])));
        Assert.StartsWith("matrix is singular: pivot 4E-16 in column 1",
            Failed(Solve.Linear(new double[,] { { 1, 0 }, { 0, 4e-16 } }, [1.0, 1.0])));
        // A huge matrix with an exactly dependent row is still singular.
        Assert.StartsWith("matrix is singular", Failed(Solve.Linear(new double[,] { { 1e200, 2e200 }, { 2e200, 4e200 } }, [1.0, 1.0])));
    }

    [Fact]
    public void Singular_matrices_fail_with_a_message_naming_pivot_and_column()
    {
        // Rank 2: the third pivot is rounding noise, far below 3 · ε · 9.
        string message = Failed(Solve.Linear(new double[,] { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } }, [1.0, 2.0, 3.0]));
        Assert.StartsWith("matrix is singular: pivot ", message);
        Assert.Contains("in column 2", message);
        Assert.StartsWith("matrix is singular: pivot 0 in column 0", Failed(Solve.Linear(new double[2, 2], [1.0, 1.0])));
        Assert.StartsWith("matrix is singular: pivot 0 in column 1",
            Failed(Solve.Linear(new double[,] { { 1, 0, 0 }, { 0, 0, 0 }, { 0, 0, 1 } }, [1.0, 1.0, 1.0])));
    }

    [Fact]
    public void A_row_that_is_a_power_of_two_times_another_makes_the_solve_fail() =>
        // Scaling a row by 2ᵏ commutes with rounding, so the dependence stays exact through elimination and some
        // pivot is exactly 0, whatever the other rows are.
        Verify.ForAll(
            Arb.From(
                from n in Gen.Choose(2, 6)
                from m in Entries(n)
                from i in Gen.Choose(0, n - 1)
                from offset in Gen.Choose(1, n - 1)
                from k in Gen.Choose(-3, 3)
                from scale in Scales
                select new Matrix(Scale(WithRowCopy(m, i, (i + offset) % n, Math.ScaleB(1.0, k)), scale))),
            s =>
            {
                string message = Failed(Solve.Linear(s.A, new double[s.N]));
                Assert.Matches(@"^matrix is singular: pivot -?0 in column \d", message);
            });

    // ---------------------------------------------------------------------------------------------------------
    // Solve.Cholesky

    [Fact]
    public void Cholesky_agrees_with_LU_on_symmetric_positive_definite_systems() =>
        Verify.ForAll(PositiveDefinite, s =>
        {
            double[] b = s.B;
            double[] cholesky = Succeeded(Solve.Cholesky(s.A, b), "Solve.Cholesky");
            double[] lu = Succeeded(Solve.Linear(s.A, b), "Solve.Linear");
            for (int i = 0; i < s.N; i++)
            {
                AssertClose(lu[i], cholesky[i], Rtol, $"Cholesky x[{i}] vs LU");
                AssertClose(s.X[i], cholesky[i], Rtol, $"Cholesky x[{i}] vs the known solution");
            }
        });

    [Fact]
    public void Cholesky_does_not_modify_its_arguments() =>
        Verify.ForAll(PositiveDefinite, s =>
        {
            double[,] a = (double[,])s.A.Clone();
            double[] b = s.B, copy = (double[])b.Clone();
            _ = Solve.Cholesky(a, b);
            Assert.Equal(s.A, a);
            Assert.Equal(copy, b);
        });

    [Fact]
    public void Cholesky_fails_on_matrices_with_a_direction_of_negative_curvature() =>
        // A = BᵀB + I with a_kk replaced by −c has e_kᵀ A e_k = −c < 0: not positive definite. Its leading k×k block
        // is still positive definite, so the first pivot to fail is d_k = −c − Σ_{j<k} l_kj² < 0, in column k.
        Verify.ForAll(
            Arb.From(
                from n in Sizes
                from m in Entries(n)
                from k in Gen.Choose(0, n - 1)
                from c in Cases.In(1e-3, 2)
                from scale in Scales
                select (Matrix: new Matrix(Scale(WithDiagonal(GramPlusIdentity(m), k, -c), scale)), Column: k)),
            t => Assert.Matches($@"^matrix is not positive definite: pivot -\d[^ ]* in column {t.Column} ",
                Failed(Solve.Cholesky(t.Matrix.A, new double[t.Matrix.N]))));

    [Fact]
    public void Cholesky_fails_on_singular_and_negative_definite_matrices_naming_the_column()
    {
        // Positive semi-definite but singular: the second pivot is 1 − 1 = 0.
        Assert.StartsWith("matrix is not positive definite: pivot 0 in column 1",
            Failed(Solve.Cholesky(new double[,] { { 1, 1 }, { 1, 1 } }, [1.0, 1.0])));
        Assert.StartsWith("matrix is not positive definite: pivot -1 in column 0",
            Failed(Solve.Cholesky(new double[,] { { -1, 0 }, { 0, -1 } }, [1.0, 1.0])));
        Assert.StartsWith("matrix is not positive definite: pivot -3 in column 1",
            Failed(Solve.Cholesky(new double[,] { { 1, 2 }, { 2, 1 } }, [1.0, 1.0])));
        Assert.StartsWith("matrix is not positive definite: pivot 0 in column 0",
            Failed(Solve.Cholesky(new double[3, 3], [1.0, 1.0, 1.0])));
        // Indefinite but nonsingular: LU still solves it.
        Assert.Equal([1.0, 0.0], Succeeded(Solve.Linear(new double[,] { { 1, 2 }, { 2, 1 } }, [1.0, 2.0]), "LU on indefinite"));
        // Positive definite at tiny and huge scales.
        Assert.Equal([1.0, 1.0], Succeeded(Solve.Cholesky(new double[,] { { 4e-200, 0 }, { 0, 9e-200 } }, [4e-200, 9e-200]), "tiny SPD"));
        Assert.Equal([0.5, 2.0], Succeeded(Solve.Cholesky(new double[,] { { 4e200, 0 }, { 0, 1e200 } }, [2e200, 2e200]), "huge SPD"));
    }

    [Fact]
    public void Cholesky_solves_a_known_system()
    {
        // A = [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]]; A [1, −1] = [2, −1].
        double[] x = Succeeded(Solve.Cholesky(new double[,] { { 4, 2 }, { 2, 3 } }, [2.0, -1.0]), "2×2");
        AssertClose(1.0, x[0], Rtol, "x₁");
        AssertClose(-1.0, x[1], Rtol, "x₂");
    }

    // ---------------------------------------------------------------------------------------------------------
    // SymmetricEigen

    [Fact]
    public void Eigenvalues_are_ascending_and_sum_to_the_trace() =>
        Verify.ForAll(Symmetric, s =>
        {
            double[] lambda = SymmetricEigen.Values(s.A);
            Assert.Equal(s.N, lambda.Length);
            for (int k = 1; k < s.N; k++)
                Assert.True(lambda[k - 1] <= lambda[k], $"λ not ascending: λ[{k - 1}] = {lambda[k - 1]:R} > λ[{k}] = {lambda[k]:R}");
            double trace = Enumerable.Range(0, s.N).Sum(i => s.A[i, i]);
            AssertClose(trace, lambda.Sum(), Rtol, "Σλ = tr A", floor: Frobenius(s.A));
        });

    [Fact]
    public void Eigenvalues_multiply_to_the_determinant() =>
        Verify.ForAll(SymmetricForDeterminants, s =>
        {
            double[] lambda = SymmetricEigen.Values(s.A);
            double product = lambda.Aggregate(1.0, (p, l) => p * l);
            // det is a degree-n polynomial in the entries: its rounding error scales like ‖A‖ⁿ.
            AssertClose(Determinant(s.A), product, Rtol, "Πλ = det A", floor: Math.Pow(Frobenius(s.A), s.N));
        });

    [Fact]
    public void Eigenvalues_keep_the_Frobenius_norm() =>
        Verify.ForAll(Symmetric, s =>
        {
            double[] lambda = SymmetricEigen.Values(s.A);
            AssertClose(Frobenius(s.A), Math.Sqrt(lambda.Sum(l => l * l)), Rtol, "‖λ‖₂ = ‖A‖_F", floor: 0);
        });

    [Fact]
    public void Each_eigenvalue_makes_A_minus_lambda_I_singular() =>
        Verify.ForAll(SymmetricForDeterminants, s =>
        {
            // det(A − λ̂I) = Π_j (λ_j − λ̂) = δ · Π_{j≠k} (λ_j − λ_k), δ ~ ε‖A‖: tiny against (2‖A‖)ⁿ.
            double scale = Math.Pow(2 * Frobenius(s.A), s.N);
            foreach (double l in SymmetricEigen.Values(s.A))
                AssertClose(0, Determinant(Shift(s.A, -l)), Rtol, $"det(A − {l:R} I)", floor: scale);
        });

    [Fact]
    public void Eigenvectors_are_orthonormal_and_satisfy_A_v_equals_lambda_v() =>
        Verify.ForAll(Symmetric, s =>
        {
            (double[] lambda, double[,] v) = SymmetricEigen.Decompose(s.A);
            Assert.Equal(SymmetricEigen.Values(s.A), lambda);
            double norm = Frobenius(s.A);
            for (int k = 0; k < s.N; k++)
            {
                double[] vk = Column(v, k), avk = Multiply(s.A, vk);
                for (int i = 0; i < s.N; i++)
                    AssertClose(lambda[k] * vk[i], avk[i], Rtol, $"(A v_{k})[{i}] = λ_{k} v_{k}[{i}]", floor: norm);
                for (int j = 0; j < s.N; j++)
                    AssertClose(j == k ? 1 : 0, Dot(vk, Column(v, j)), Rtol, $"v_{k}·v_{j}");
            }
        });

    [Fact]
    public void Eigenvalues_of_a_diagonal_matrix_are_its_diagonal_sorted() =>
        Verify.ForAll(Arb.From(from n in Sizes from d in Vector(n) from scale in Scales select d.Select(x => x * scale).ToArray()), d =>
        {
            var a = new double[d.Length, d.Length];
            for (int i = 0; i < d.Length; i++)
                a[i, i] = d[i];
            Assert.Equal(d.Order().ToArray(), SymmetricEigen.Values(a));
        });

    [Fact]
    public void Eigenvalues_of_a_2_by_2_matrix_match_the_closed_form() =>
        Verify.ForAll(Cases.Vectors(3, -1, 1), e =>
        {
            // [[a, b], [b, c]]: λ = (a + c)/2 ∓ √(((a − c)/2)² + b²).
            (double a, double b, double c) = (e[0], e[1], e[2]);
            double mean = (a + c) / 2, radius = Math.Sqrt((a - c) / 2 * ((a - c) / 2) + b * b);
            double[] lambda = SymmetricEigen.Values(new[,] { { a, b }, { b, c } });
            AssertClose(mean - radius, lambda[0], Rtol, "λ₁");
            AssertClose(mean + radius, lambda[1], Rtol, "λ₂");
        });

    [Fact]
    public void Repeated_eigenvalues_of_identity_plus_rank_one_are_found() =>
        // c I + u uᵀ has eigenvalue c (n − 1 times, on u⊥) and c + ‖u‖² (on u).
        Verify.ForAll(
            Arb.From(from n in Gen.Choose(2, 6) from u in Vector(n) from c in Cases.In(-2, 2) select (u, c)),
            t =>
            {
                (double[] u, double c) = t;
                int n = u.Length;
                var a = new double[n, n];
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < n; j++)
                        a[i, j] = (i == j ? c : 0) + u[i] * u[j];
                double[] lambda = SymmetricEigen.Values(a);
                for (int k = 0; k < n - 1; k++)
                    AssertClose(c, lambda[k], Rtol, $"λ_{k} = c");
                AssertClose(c + Dot(u, u), lambda[n - 1], Rtol, "λ_max = c + ‖u‖²");
            });

    [Fact]
    public void Eigen_accepts_rounding_level_asymmetry_and_uses_the_symmetric_part()
    {
        // [[2, 1 + δ], [1 − δ, 2]], δ = 10⁻¹³: symmetric part [[2, 1], [1, 2]], eigenvalues 1 and 3.
        double[] lambda = SymmetricEigen.Values(new[,] { { 2, 1 + 1e-13 }, { 1 - 1e-13, 2 } });
        AssertClose(1, lambda[0], Rtol, "λ₁");
        AssertClose(3, lambda[1], Rtol, "λ₂");
        Assert.Equal([0.0, 0.0], SymmetricEigen.Values(new double[2, 2]));
        Assert.Equal([-1e300, 1e300], SymmetricEigen.Values(new[,] { { 0, 1e300 }, { 1e300, 0 } }));
    }

    [Fact]
    public void Linear_algebra_is_generic_in_the_number_type()
    {
        Assert.Equal([3f, 2f], Succeeded(Solve.Linear(new float[,] { { 0, 1 }, { 1, 0 } }, [2f, 3f]), "float"));
        Assert.Equal([1f, 3f], SymmetricEigen.Values(new float[,] { { 2, 1 }, { 1, 2 } }));
        // Through Dual numbers: x(t) = (A + tE)⁻¹ b has x′(0) = −A⁻¹ E x(0).
        double[,] a = { { 4, 1, 0 }, { 1, 3, 1 }, { 0, 1, 2 } }, e = { { 0, 1, 2 }, { -1, 0, 1 }, { 3, 0, 1 } };
        double[] b = [1, 2, 3];
        var at = new Dual<double>[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                at[i, j] = new(a[i, j], e[i, j]);
        Dual<double>[] xt = Succeeded(Solve.Linear(at, b.Select(Dual<double>.Constant).ToArray()), "Dual");
        double[] x = Succeeded(Solve.Linear(a, b), "double");
        double[] expected = Succeeded(Solve.Linear(a, Multiply(e, x)), "A⁻¹ E x");
        for (int i = 0; i < 3; i++)
        {
            AssertClose(x[i], xt[i].Value, Rtol, $"x[{i}]");
            AssertClose(-expected[i], xt[i].Tangent, Rtol, $"x′[{i}]");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Bad input: ArgumentException naming the argument and the shapes, before any work.

    private static void Throws(string parameter, string fragment, Action act)
    {
        var e = Assert.ThrowsAny<ArgumentException>(act);
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void Malformed_matrices_are_rejected_naming_a_and_its_shape()
    {
        var rectangular = new double[2, 3];
        Throws("a", "a", () => Solve.Linear<double>(null!, [1.0]));
        Throws("a", "a is 2×3; it must be square", () => Solve.Linear(rectangular, [1.0, 2.0]));
        Throws("a", "a is 0×0, which is empty", () => Solve.Linear(new double[0, 0], ReadOnlySpan<double>.Empty));
        Throws("a", "a[1, 0] is NaN", () => Solve.Linear(new[,] { { 1, 0 }, { double.NaN, 1 } }, [1.0, 1.0]));
        Throws("a", "a", () => Solve.Cholesky<double>(null!, [1.0]));
        Throws("a", "a is 3×2; it must be square", () => Solve.Cholesky(new double[3, 2], [1.0, 2.0, 3.0]));
        Throws("a", "a is 1×0, which is empty", () => Solve.Cholesky(new double[1, 0], [1.0]));
        Throws("a", "a[0, 1] is Infinity", () => Solve.Cholesky(new[,] { { 1, double.PositiveInfinity }, { 0, 1 } }, [1.0, 1.0]));
        Throws("a", "a", () => SymmetricEigen.Values<double>(null!));
        Throws("a", "a is 2×3; it must be square", () => SymmetricEigen.Values(rectangular));
        Throws("a", "a is 0×0, which is empty", () => SymmetricEigen.Values(new double[0, 0]));
        Throws("a", "a[0, 0] is NaN", () => SymmetricEigen.Decompose(new[,] { { double.NaN } }));
    }

    [Fact]
    public void Right_hand_side_of_the_wrong_length_names_both_shapes()
    {
        Throws("b", "b has length 3 but a is 2×2; b must have length 2", () => Solve.Linear(new double[,] { { 1, 0 }, { 0, 1 } }, [1.0, 2.0, 3.0]));
        Throws("b", "b has length 0 but a is 1×1; b must have length 1", () => Solve.Cholesky(new double[,] { { 1 } }, ReadOnlySpan<double>.Empty));
        Throws("b", "b[1] is NaN", () => Solve.Linear(new double[,] { { 1, 0 }, { 0, 1 } }, [1.0, double.NaN]));
        Throws("b", "b[0] is -Infinity", () => Solve.Cholesky(new double[,] { { 1 } }, [double.NegativeInfinity]));
    }

    [Fact]
    public void Non_symmetric_matrices_are_rejected_where_symmetry_is_required()
    {
        double[,] a = { { 2, 1 }, { 1.001, 2 } };
        Throws("a", "a is not symmetric: a[0, 1] = 1 but a[1, 0] = 1.001", () => Solve.Cholesky(a, [1.0, 1.0]));
        Throws("a", "a is not symmetric", () => SymmetricEigen.Values(a));
        Throws("a", "a is not symmetric", () => SymmetricEigen.Decompose(new[,] { { 1e200, 1e200 }, { 1.0001e200, 1e200 } }));
        // Relative, not absolute: at scale 10⁻²⁰⁰ an asymmetry of 10⁻²⁰³ is still 10⁻³ of the matrix.
        Throws("a", "a is not symmetric", () => SymmetricEigen.Values(new[,] { { 1e-200, 0 }, { 1e-203, 1e-200 } }));
        Assert.True(Solve.Linear(a, [1.0, 1.0]).IsSucc, "LU needs no symmetry");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers: independent of the code under test.

    private static T[] Succeeded<T>(Fin<Arr<T>> result, string what) =>
        result.Match(Succ: x => x.ToArray(), Fail: e => throw new XunitException($"{what} failed: {e.Message}"));

    private static string Failed<T>(Fin<Arr<T>> result) =>
        result.Match(Succ: x => throw new XunitException($"expected a failure, got [{string.Join(", ", x)}]"), Fail: (Error e) => e.Message);

    private static double[,] ToMatrix(int n, double[] entries)
    {
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                a[i, j] = entries[i * n + j];
        return a;
    }

    private static double[,] DiagonallyDominant(double[,] m)
    {
        int n = m.GetLength(0);
        var a = (double[,])m.Clone();
        for (int i = 0; i < n; i++)
        {
            double off = 0;
            for (int j = 0; j < n; j++)
                if (j != i)
                    off += Math.Abs(m[i, j]);
            a[i, i] = (m[i, i] < 0 ? -1 : 1) * (1 + off + Math.Abs(m[i, i]));
        }
        return a;
    }

    // Rows reordered by sorting random keys.
    private static double[,] PermuteRows(double[,] m, double[] keys)
    {
        int n = m.GetLength(0);
        int[] order = Enumerable.Range(0, n).OrderBy(i => keys[i]).ToArray();
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                a[i, j] = m[order[i], j];
        return a;
    }

    private static double[,] GramPlusIdentity(double[,] b)
    {
        int n = b.GetLength(0);
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = i == j ? 1 : 0;
                for (int k = 0; k < n; k++)
                    s += b[k, i] * b[k, j];
                a[i, j] = s;
            }
        return a;
    }

    private static double[,] Symmetrise(double[,] m)
    {
        int n = m.GetLength(0);
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++)
                a[i, j] = a[j, i] = m[i, j];
        return a;
    }

    private static double[,] WithRowCopy(double[,] m, int from, int to, double factor)
    {
        var a = (double[,])m.Clone();
        for (int j = 0; j < a.GetLength(1); j++)
            a[to, j] = factor * a[from, j];
        return a;
    }

    private static double[,] WithDiagonal(double[,] m, int k, double c)
    {
        var a = (double[,])m.Clone();
        a[k, k] = c;
        return a;
    }

    private static double[,] Scale(double[,] m, double s)
    {
        var a = (double[,])m.Clone();
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                a[i, j] *= s;
        return a;
    }

    private static double[,] Shift(double[,] m, double s)
    {
        var a = (double[,])m.Clone();
        for (int i = 0; i < a.GetLength(0); i++)
            a[i, i] += s;
        return a;
    }

    private static double[] Multiply(double[,] a, double[] x)
    {
        var y = new double[a.GetLength(0)];
        for (int i = 0; i < y.Length; i++)
            for (int j = 0; j < x.Length; j++)
                y[i] += a[i, j] * x[j];
        return y;
    }

    private static double[] Column(double[,] a, int k) =>
        Enumerable.Range(0, a.GetLength(0)).Select(i => a[i, k]).ToArray();

    private static double Dot(double[] x, double[] y) => x.Zip(y, (p, q) => p * q).Sum();

    private static double MaxAbs(double[,] a) => a.Cast<double>().Max(Math.Abs);

    private static double Frobenius(double[,] a) => Math.Sqrt(a.Cast<double>().Sum(x => x * x));

    // det A by Gaussian elimination with partial pivoting: the product of the pivots, times −1 per row exchange.
    private static double Determinant(double[,] m)
    {
        var a = (double[,])m.Clone();
        int n = a.GetLength(0);
        double det = 1;
        for (int k = 0; k < n; k++)
        {
            int p = Enumerable.Range(k, n - k).MaxBy(i => Math.Abs(a[i, k]));
            if (a[p, k] == 0)
                return 0;
            if (p != k)
            {
                det = -det;
                for (int j = 0; j < n; j++)
                    (a[k, j], a[p, j]) = (a[p, j], a[k, j]);
            }
            det *= a[k, k];
            for (int i = k + 1; i < n; i++)
            {
                double l = a[i, k] / a[k, k];
                for (int j = k; j < n; j++)
                    a[i, j] -= l * a[k, j];
            }
        }
        return det;
    }

    private static string Show(double[,] a) =>
        "[" + string.Join("; ", Enumerable.Range(0, a.GetLength(0)).Select(i =>
            string.Join(", ", Enumerable.Range(0, a.GetLength(1)).Select(j => a[i, j].ToString("R"))))) + "]";
}
