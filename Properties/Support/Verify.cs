using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Autodiff.Properties.Support;

/// <summary>
/// Runs FsCheck properties with one configuration for the whole suite: <c>DUAL_MAXTEST</c> cases per property
/// (default 100) and, when <c>DUAL_REPLAY</c> is set to a seed, a fixed random stream so that mutation runs
/// see the same cases every time. A failure throws with the shrunk counterexample.
/// </summary>
public static class Verify
{
    /// <summary>Cases per property.</summary>
    public static int MaxTest { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("DUAL_MAXTEST"), out int n) && n > 0 ? n : 100;

    /// <summary>
    /// The size of the suite's scale tests: <paramref name="full"/> normally, <paramref name="mutation"/> when
    /// <c>DUAL_MUTATION=1</c> (set by <c>scripts/mutation.sh</c>). A scale test proves that a size is reached (no
    /// stack overflow, a bounded record); what it proves of the calculus holds at the small size too, and every
    /// mutant that survives or times out in the code it covers would otherwise run it at full size.
    /// </summary>
    public static int Scale(int full, int mutation) =>
        Environment.GetEnvironmentVariable("DUAL_MUTATION") == "1" ? mutation : full;

    private static readonly Config Configuration = CreateConfiguration();

    private static Config CreateConfiguration()
    {
        Config config = Config.QuickThrowOnFailure.WithMaxTest(MaxTest).WithQuietOnSuccess(true);
        return ulong.TryParse(Environment.GetEnvironmentVariable("DUAL_REPLAY"), out ulong seed)
            ? config.WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)))
            : config;
    }

    /// <summary>Checks that <paramref name="property"/> holds for every generated case.</summary>
    public static void ForAll<T>(Arbitrary<T> cases, Func<T, bool> property) =>
        Prop.ForAll(cases, property).Check(Configuration);

    /// <summary>Checks that <paramref name="property"/> holds for every generated case (assertions throw).</summary>
    public static void ForAll<T>(Arbitrary<T> cases, Action<T> property) =>
        Prop.ForAll(cases, property).Check(Configuration);
}
