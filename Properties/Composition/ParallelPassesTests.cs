using System.Numerics;

namespace Autodiff.Properties.Composition;

/// <summary>
/// A Jacobian's columns over the cores, on a function whose first column on a helper thread is slow: the caller runs
/// out of work while the helper is still in it. The call must wait for it (every column written, bit for bit the
/// serial Jacobian), and when the caller's column fails first, its exception is the one rethrown, not the helper's
/// later one.
/// </summary>
/// <remarks>
/// On one core the columns run serially (the caller waits 2 s once for a helper that never comes) and both tests hold
/// trivially. If the thread pool starts no helper within 2 s, nothing is left to race and the tests hold too: timing
/// can weaken them, never fail right code.
/// </remarks>
public sealed class ParallelPassesTests
{
    private static readonly double[] X = [.. Enumerable.Range(0, 40).Select(k => 0.1 * k - 1.5)];

    // Ring (FunctionValues.cs), where the caller's columns after column 0 wait (up to 2 s, once) for a helper to start
    // one, so that a helper surely holds a run; the helper's first column then takes 100 ms. When failing, the
    // caller's column fails at once and the helper's after its 100 ms.
    private sealed class SlowHelper(bool failing) : IVectorFunction
    {
        private readonly int _caller = Environment.CurrentManagedThreadId;
        private readonly ManualResetEventSlim _helperStarted = new();
        private int _callerEvaluations, _helperEvaluations;
        private bool _waited;

        public T[] F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            if (Environment.CurrentManagedThreadId != _caller)
            {
                if (Interlocked.Increment(ref _helperEvaluations) == 1)
                {
                    _helperStarted.Set();
                    Thread.Sleep(100);
                    if (failing)
                        throw new ArgumentException("a helper's column: the later failure");
                }
            }
            else if (++_callerEvaluations > 1)
            {
                if (!_waited)
                {
                    _helperStarted.Wait(TimeSpan.FromSeconds(2));
                    _waited = true;
                }
                if (failing)
                    throw new InvalidOperationException("the caller's column: the first failure");
            }
            return new Ring().F(x);
        }
    }

    [Fact]
    public void The_call_waits_for_every_column_a_helper_is_still_computing() =>
        Assert.Equal(new Ring().Jacfwd(parallel: false).F<double>(X), new SlowHelper(failing: false).Jacfwd(parallel: true).F<double>(X));

    [Fact]
    public void Of_two_failing_columns_the_first_failure_is_rethrown() =>
        Assert.Throws<InvalidOperationException>(() => new SlowHelper(failing: true).Jacfwd(parallel: true).F<double>(X));
}
