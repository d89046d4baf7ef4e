using Autodiff.Properties.Support;
using static Autodiff.Properties.Support.Tolerance;

namespace Autodiff.Properties.Reverse;

/// <summary>
/// The tape's memory: chunks that grow geometrically are read back right across every boundary (and across blocks
/// that straddle one), a pullback handed out keeps about its records and no more, and checkpointed segments
/// recompute into short-lived records with the unchecked gradient. Bytes are measured, never time — with no other
/// test running, since the heap is shared (<see cref="HeapMeasurements"/>).
/// </summary>
[Collection(nameof(HeapMeasurements))]
public sealed class TapeMemoryTests
{
    // y ← sin(y)/2 + x, n times: 3n + 1 records; dy/dx by forward mode as the independent reference.
    private static T Chain<T>(T x, int n) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        T y = x;
        for (int i = 0; i < n; i++)
            y = T.Sin(y) / (T.One + T.One) + x;
        return y;
    }

    // Record counts on both sides of every chunk boundary: 2⁸ (first chunk), 2⁹ … 2¹⁶ (growing), 2·2¹⁶ (large).
    public static TheoryData<int> Lengths() => [0, 84, 85, 86, 170, 171, 21_844, 21_845, 21_846, 43_690, 43_691, 50_000];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void A_chain_across_chunk_boundaries_gives_the_forward_gradient(int n)
    {
        double x = 0.3;
        double reverse = Autodiff.Reverse.Grad<double>(v => Chain(v[0], n), [x])[0];
        double forward = Autodiff.Forward.Derivative<double>(v => Chain(v, n), x);
        AssertClose(forward, reverse, Exact, $"d/dx after {n} steps");
    }

    [Fact]
    public void A_block_straddling_chunks_is_pulled_once_with_every_output_adjoint()
    {
        // 200 records, then a primitive with 1,000 outputs y_k = (k + 1)·x, which spans chunks 0 to 3, then Σ sin(y_k).
        const int outputs = 1_000;
        double x = 0.7;
        int calls = 0;
        double reverse = Autodiff.Reverse.Grad<double>(v =>
        {
            Tracked<double> s = Chain(v[0], 66);
            Tracked<double>[] y = Autodiff.Reverse.Primitive<double>([s],
                a => [.. Enumerable.Range(1, outputs).Select(k => k * a[0])],
                (u, _, _) =>
                {
                    calls++;
                    double total = 0;
                    for (int k = 0; k < outputs; k++)
                        total += (k + 1) * u[k];
                    return [total];
                });
            Tracked<double> sum = 0.0;
            foreach (Tracked<double> yk in y)
                sum += Tracked<double>.Sin(yk);
            return sum;
        }, [x])[0];
        double forward = Autodiff.Forward.Derivative<double>(v =>
        {
            Dual<double> s = Chain(v, 66), sum = 0.0;
            for (int k = 1; k <= outputs; k++)
                sum += Dual<double>.Sin(k * s);
            return sum;
        }, x);
        Assert.Equal(1, calls);
        AssertClose(forward, reverse, Exact, "d/dx through the block");
    }

    [Fact]
    public void A_live_pullback_keeps_about_its_records()
    {
        // A handed-out pullback keeps at most 2 · 24 bytes per record + 1 KB (objects and the chunk list included);
        // a tape that kept its first chunk whole would hold kilobytes to megabytes each.
        const int count = 200;
        var live = new List<Pullback<double>>(count);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        for (int i = 0; i < count; i++)
            live.Add(Autodiff.Reverse.Vjp<double>(v => Tracked<double>.Sin(v[0] * v[1]) + v[0] * v[0] - v[1], [1.0 + i, 2.0]).Pullback);
        double retained = (GC.GetTotalMemory(forceFullCollection: true) - before) / (double)count;
        int records = live[0].OperationCount;
        Assert.True(retained <= 2 * 24 * records + 1024, $"a pullback of {records} records retains {retained:F0} bytes");
        // Still a working pullback after its record was cut to size.
        AssertClose(Math.Cos(2.0) * 2.0 + 2.0, live[0].Invoke([1.0])[0], Exact, "∂f/∂x₀ at (1, 2)");
    }

    [Fact]
    public void A_large_gradient_leaves_at_most_64_MiB_in_the_pools()
    {
        // 3·10⁶ records: 72 MB of tape chunks and a 24 MB adjoint buffer, more than the pools may keep afterwards.
        long before = GC.GetTotalMemory(forceFullCollection: true);
        double gradient = Autodiff.Reverse.Grad<double>(v => Chain(v[0], 1_000_000), [0.3])[0];
        double kept = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1048576.0;
        Assert.True(kept < 64, $"the pools kept {kept:F1} MiB after the gradient");
        AssertClose(Autodiff.Forward.Derivative<double>(v => Chain(v, 1_000_000), 0.3), gradient, Exact, "d/dx");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void A_trimmed_pullback_reads_every_chunk_whatever_the_last_one_holds(int n)
    {
        // Records 3n + 1: the last chunk full (n = 85, 21 845), one short of full (n = 170, 43 690) or nearly empty.
        double x = 0.3;
        (double _, Pullback<double> pullback) = Autodiff.Reverse.Vjp<double>(v => Chain(v[0], n), [x]);
        AssertClose(Autodiff.Forward.Derivative<double>(v => Chain(v, n), x), pullback.Invoke([1.0])[0], Exact, $"d/dx after {n} steps");
    }

    [Fact]
    public void A_value_kept_from_a_recomputed_segment_cannot_write_into_released_memory()
    {
        // The segment's last run is its recomputation in the backward pass, on a tape released right after.
        Tracked<double> kept = default;
        Tracked<double>[] Segment(ReadOnlySpan<Tracked<double>> y)
        {
            kept = Tracked<double>.Sin(y[0]);
            return [kept * 2.0];
        }
        Autodiff.Reverse.Grad<double>(v => Autodiff.Reverse.Checkpoint(Segment, v)[0], [0.5]);
        Assert.False(kept.IsConstant);
        Assert.Throws<InvalidOperationException>(() => kept * 3.0);
    }

    [Fact]
    public void Checkpointed_segments_give_the_unchecked_gradient_and_a_record_of_their_boundaries()
    {
        static Tracked<double>[] Segment(ReadOnlySpan<Tracked<double>> y) => [Tracked<double>.Sin(y[0]) / 2.0 + y[0]];
        static Tracked<double> Run(ReadOnlySpan<Tracked<double>> x, bool checkpointed)
        {
            Tracked<double>[] y = [x[0]];
            for (int i = 0; i < 2_000; i++)
                y = checkpointed ? Autodiff.Reverse.Checkpoint(Segment, y) : Segment(y);
            return y[0];
        }
        Verify.ForAll(Cases.Points(-2, 2), x =>
        {
            (double plainValue, Pullback<double> plain) = Autodiff.Reverse.Vjp<double>(v => Run(v, false), [x]);
            (double value, Pullback<double> checkpointed) = Autodiff.Reverse.Vjp<double>(v => Run(v, true), [x]);
            Assert.Equal(plainValue, value);
            AssertClose(plain.Invoke([1.0])[0], checkpointed.Invoke([1.0])[0], Exact, "d/dx");
            // One record per segment boundary instead of three per segment.
            Assert.True(checkpointed.OperationCount <= 2_001, $"checkpointed record {checkpointed.OperationCount}");
        });
    }
}

/// <summary>Tests that measure the managed heap run alone: another test's allocations would count as theirs.</summary>
[CollectionDefinition(nameof(HeapMeasurements), DisableParallelization = true)]
public sealed class HeapMeasurements;
