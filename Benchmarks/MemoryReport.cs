using System.Diagnostics;

namespace Autodiff.Benchmarks;

/// <summary>
/// The reverse tape's memory, measured directly rather than timed: bytes allocated per recorded binary operation
/// (a 10⁶-operation recording on a fresh thread, so pooled chunks are allocated once) and the process's peak working
/// set around the gradient of a 10⁷-operation chain, and the heap a live pullback of a small function keeps.
/// </summary>
public static class MemoryReport
{
    /// <summary>Prints both figures.</summary>
    public static void Run()
    {
        long start = GC.GetTotalMemory(forceFullCollection: true);
        const int operations = 1_000_000;
        double bytesPerOperation = 0;
        var thread = new Thread(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Reverse.Vjp<double>(x =>
            {
                Tracked<double> y = x[0];
                for (int i = 0; i < operations; i++)
                    y = y * x[1];
                return y;
            }, [1.0, 1.0]);
            bytesPerOperation = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / operations;
        });
        thread.Start();
        thread.Join();
        Console.WriteLine($"bytes allocated per recorded binary operation: {bytesPerOperation:F1} (target ≤ 40)");

        // 200 live pullbacks of a small function: what each one keeps.
        var live = new List<Pullback<double>>();
        long heap = GC.GetTotalMemory(forceFullCollection: true);
        for (int i = 0; i < 200; i++)
            live.Add(Reverse.Vjp<double>(x => Tracked<double>.Sin(x[0] * x[1]) + x[0] * x[0] - x[1], [1.0 + i, 2.0]).Pullback);
        double retained = (GC.GetTotalMemory(forceFullCollection: true) - heap) / 200.0;
        int records = live[0].OperationCount;
        Console.WriteLine($"a live pullback of {records} records retains {retained:F0} bytes (target ≤ 2·24·k + 1 KB = {2 * 24 * records + 1024})");
        GC.KeepAlive(live);

        long baseline = PeakWorkingSet();
        const int steps = 10_000_000 / 3;
        double gradient = Reverse.Grad<double>(x =>
        {
            Tracked<double> y = x[0];
            for (int i = 0; i < steps; i++)
                y = Tracked<double>.Sin(y) * 0.5 + x[0];
            return y;
        }, [0.4])[0];
        Console.WriteLine(
            $"10⁷-operation chain: gradient {gradient:F6}, peak working set {PeakWorkingSet() / 1048576.0:F0} MiB " +
            $"(before: {baseline / 1048576.0:F0} MiB)");

        Loop();
        Console.WriteLine(
            $"heap kept after all of the above (the pools): {(GC.GetTotalMemory(forceFullCollection: true) - start) / 1048576.0:F1} MiB (target < 64 MiB)");
    }

    // A 1.25·10⁷-step loop (four records a step: 5·10⁷ records unchecked) through CheckpointedLoop, then unchecked —
    // in that order, since the peak working set only grows.
    private static void Loop()
    {
        const int loopSteps = 12_500_000;
        static Tracked<double>[] Step(ReadOnlySpan<Tracked<double>> s) => [Tracked<double>.Tanh(s[1] * s[0]) + s[0] * 0.5, s[1]];
        long before = PeakWorkingSet();
        double checkpointed = Reverse.Grad<double>(x => Reverse.CheckpointedLoop(x, loopSteps, Step)[0], [0.3, 0.9])[1];
        long checkpointedPeak = PeakWorkingSet() - before;
        double unchecked_ = Reverse.Grad<double>(x =>
        {
            Tracked<double>[] s = [x[0], x[1]];
            for (int i = 0; i < loopSteps; i++)
                s = Step(s);
            return s[0];
        }, [0.3, 0.9])[1];
        long uncheckedPeak = PeakWorkingSet() - before;
        Console.WriteLine(
            $"1.25·10⁷-step loop: ∂/∂w {checkpointed:F9} (checkpointed) vs {unchecked_:F9} (unchecked); peak working set " +
            $"+{checkpointedPeak / 1048576.0:F0} MiB checkpointed vs +{uncheckedPeak / 1048576.0:F0} MiB unchecked (target ≤ 1/10)");
    }

    private static long PeakWorkingSet()
    {
        using Process process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
