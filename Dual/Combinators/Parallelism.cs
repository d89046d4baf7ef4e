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
        // One worker per core takes passes one at a time from a shared counter, and the calling thread waits instead
        // of working: a thread woken while its waker keeps its core busy may be queued behind it until the scheduler
        // rebalances (measured: ~2.8 ms median on this 2-core VM, against ~50 µs when the waker blocks), which is the
        // whole budget of a 200-column Jacobian. Passes are small and equal, so the counter balances the load.
        int next = from - 1;
        var workers = new Task[Math.Min(Environment.ProcessorCount, to - from)];
        for (int w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(() =>
            {
                TScratch local = scratch();
                try
                {
                    for (int k = Interlocked.Increment(ref next); k < to; k = Interlocked.Increment(ref next))
                        body(k, local);
                }
                catch
                {
                    // A failed pass stops the others: there is no result to finish.
                    Volatile.Write(ref next, to);
                    throw;
                }
            });
        }
        try
        {
            Task.WaitAll(workers);
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }
}
