using FsCheck;
using FsCheck.Fluent;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// The matrices of one case (a vector is a one-column case, see <see cref="MatrixCase.Vector"/>), named by position
/// and printed in full in a counterexample.
/// </summary>
public sealed record Inputs(IReadOnlyList<MatrixCase> Items)
{
    /// <summary>Input i.</summary>
    public MatrixCase this[int i] => Items[i];

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", Items);

    /// <summary>Cases of random dimensions m, k, n (1 to 5 each): <paramref name="build"/> gives one generator per input.</summary>
    public static Arbitrary<Inputs> Sized(Func<int, int, int, Gen<MatrixCase>[]> build) =>
        MatrixCases.Sized((m, k, n) => Gen.CollectToList(build(m, k, n)).Select(items => new Inputs([.. items])));
}
