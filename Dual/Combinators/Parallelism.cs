using System.Runtime.ExceptionServices;

namespace Autodiff;

/// <summary>
/// Independent passes of a combinator (the columns of a forward Jacobian, the rows of a reverse one) spread over the
/// cores. Each pass computes the same operations in the same order whichever thread runs it, so a parallel result is
/// bit-identical to the serial one; function values and pullbacks are pure, so sharing them is safe.
/// </summary>
internal static class Parallelism
{
    /// <summary>Fewer passes than this run serially: a pass must outweigh the cost of handing work to a thread.</summary>
    public const int MinimumPasses = 8;

    /// <summary>Runs body(k, scratch) for k in [from, to), over the cores when asked and worth it.</summary>
    /// <remarks>Each worker gets its own scratch from <paramref name="scratch"/>; a failing pass rethrows its own
    /// exception (the first one), not an <see cref="AggregateException"/>.</remarks>
    public static void For<TScratch>(int from, int to, bool parallel, Func<TScratch> scratch, Action<int, TScratch> body)
    {
        if (!parallel || Environment.ProcessorCount == 1 || to - from < MinimumPasses)
        {
            TScratch local = scratch();
            for (int k = from; k < to; k++)
                body(k, local);
            return;
        }
        try
        {
            Parallel.For(from, to, scratch, (k, _, local) =>
            {
                body(k, local);
                return local;
            }, _ => { });
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }
}
