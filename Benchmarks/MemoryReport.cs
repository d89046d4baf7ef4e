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

        long baseline = Process.GetCurrentProcess().PeakWorkingSet64;
        const int steps = 10_000_000 / 3;
        double gradient = Reverse.Grad<double>(x =>
        {
            Tracked<double> y = x[0];
            for (int i = 0; i < steps; i++)
                y = Tracked<double>.Sin(y) * 0.5 + x[0];
            return y;
        }, [0.4])[0];
        Process process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(
            $"10⁷-operation chain: gradient {gradient:F6}, peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB " +
            $"(before: {baseline / 1048576.0:F0} MiB)");
    }
}
