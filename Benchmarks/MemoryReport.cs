using System.Diagnostics;

namespace Autodiff.Benchmarks;

/// <summary>
/// The reverse tape's memory, measured directly rather than timed: bytes allocated per recorded binary operation
/// (a 10⁶-operation recording on a fresh thread, so pooled chunks are allocated once) and the process's peak working
/// set around the gradient of a 10⁷-operation chain.
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
