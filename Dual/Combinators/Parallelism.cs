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

    /// <summary>The most consecutive passes a worker claims at once (16 columns of doubles: two cache lines a row).</summary>
    private const int MaximumRun = 16;

    /// <summary>Runs body(k, scratch) for k in [from, to), over the cores when asked and worth it.</summary>
    /// <remarks>Each worker gets its own scratch from <paramref name="scratch"/>; a failing pass rethrows its own
    /// exception (the first one), not an <see cref="AggregateException"/>.</remarks>
    public static void For<TScratch>(int from, int to, bool parallel, Func<TScratch> scratch, Action<int, TScratch> body)
    {
        // Stryker disable once all : serial or over the cores is a matter of speed, the result is bit-identical.
        bool serial = !parallel || Environment.ProcessorCount == 1 || to - from < MinimumPasses;
        if (serial)
        {
            TScratch local = scratch();
            for (int k = from; k < to; k++)
                body(k, local);
            return;
        }
        // The calling thread and one task per further core claim runs of consecutive passes from a shared counter.
        // Runs rather than single passes, so that workers writing the results of neighbouring passes (the columns of a
        // row-major Jacobian) share cache lines only where their runs meet. The runs shrink as the work runs out
        // (OpenMP's "guided" schedule: the passes left over twice the workers, at most 16), so the last ones are single
        // passes: with fixed runs of 16, a 200×200 Hessian (22 µs a column) left one core idle for the last 150 µs.
        // The caller works rather than waits: with a task per core and the caller blocked, a 200×200 Jacobian ran at
        // 0.8–1.0× serial on this 2-core VM (each call paid two thread wake-ups), with the caller working at 1.5–1.8×
        // (Stopwatch harness, machine shared).
        // Stryker disable all : how many workers share the passes changes only the speed (bit-identical results).
        int count = to - from;
        int workers = Math.Min(Environment.ProcessorCount, count);
        int next = from;
        var helpers = new Task[workers - 1];
        // Stryker restore all
        for (int w = 0; w < helpers.Length; w++)
            helpers[w] = Task.Run(Work);
        ExceptionDispatchInfo? failure = null;
        try
        {
            // Stryker disable once Statement : a caller that only waits leaves the passes to the helpers, slower.
            Work();
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }
        try
        {
            // Every helper has stopped before the call returns or throws: none is left writing a result.
            Task.WaitAll(helpers);
        }
        catch (AggregateException e)
        {
            failure ??= ExceptionDispatchInfo.Capture(e.InnerExceptions[0]);
        }
        failure?.Throw();

        void Work()
        {
            TScratch local = scratch();
            try
            {
                for (var run = Claim(); run.Start < to; run = Claim())
                    for (int k = run.Start; k < run.End; k++)
                        body(k, local);
            }
            catch
            {
                // A failed pass stops the others: there is no result to finish.
                // Stryker disable once Statement : the others would finish their passes for nothing, then the same throw.
                Volatile.Write(ref next, to);
                throw;
            }
        }

        // The next run [Start, End); Start ≥ to once every pass is taken.
        (int Start, int End) Claim()
        {
            while (true)
            {
                int start = Volatile.Read(ref next);
                // Stryker disable once Equality : start = to claims the empty run [to, to + 1), which its caller's Start < to refuses.
                if (start >= to)
                    return (start, start);
                int end = start + GuidedRun(to - start, workers);
                if (Interlocked.CompareExchange(ref next, end, start) == start)
                    return (start, end);
            }
        }
    }

    /// <summary>
    /// The length of the next run when <paramref name="remaining"/> passes are left: remaining / (2·workers), at least
    /// 1 and at most <see cref="MaximumRun"/>.
    /// </summary>
    // Stryker disable once all : the length of a run only balances the cores; the result is bit-identical whatever it is.
    internal static int GuidedRun(int remaining, int workers) => Math.Clamp(remaining / (2 * workers), 1, MaximumRun);
}
