using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Autodiff;

/// <summary>
/// The reified continuation of one differentiation. In the continuation-passing reverse mode of Wang et al.
/// ("Demystifying Differentiable Programming: Shift/Reset the Penultimate Backpropagator", ICFP 2019) each primitive
/// runs forward, calls the rest of the program, and on return pushes its adjoint to its inputs: the pending
/// "on return" work forms a stack of frames, one per operation. Defunctionalised, a frame is just the data that work
/// needs — the indices of the operation's inputs and its local partials — and the stack is this append-only record.
/// Returning through the frames is the backward sweep: a loop from the last record to the first, so 10⁷ operations
/// need no stack depth, and each record is visited once (linear on DAGs).
/// </summary>
/// <remarks>
/// A record costs one <see cref="Node"/>: two indices and two partials (24 bytes for <c>double</c>), stored in
/// chunks rented from the shared pool (<see cref="Scratch"/>), so recording never copies and allocates no object per
/// operation. Chunks grow geometrically (2⁸, 2⁸, 2⁹, … records up to 2¹⁶, then 2¹⁶ each): a small computation holds
/// a small tape, a large one a few large chunks; a pullback handed out keeps its last chunk cut to the records used
/// (<see cref="Trim"/>), so it retains what its sweep reads and little more. The tape is written by one
/// forward pass on one thread and frozen before any pullback reads it; from then on it is immutable, so pullbacks are
/// pure and may run concurrently.
/// </remarks>
internal sealed partial class Tape<T> where T : IFloatingPointIeee754<T>
{
    // Chunk c holds records [Start(c), Start(c) + Size(c)): 2^FirstBits records for c = 0, then doubling up to
    // 2^LargeBits, then 2^LargeBits each; both start and chunk of a record follow from its index in O(1).
    private const int FirstBits = 8;
    private const int LargeBits = 16;
    private const int GrowingChunks = LargeBits - FirstBits;

    /// <summary>Marks a node with no parent in that slot.</summary>
    internal const int None = -1;

    /// <summary>Marks an output of a block (a custom or tensor primitive); its B slot holds the block's number.</summary>
    internal const int BlockOutput = -2;

    // Chunks 0 … _chunkCount − 1 (an array, not a list: a short-lived tape is one object fewer).
    private Node[][] _chunks = [];
    private int _chunkCount;
    // Created on the first block: most tapes have none.
    private List<TapeBlock<T>>? _blocks;

    // The chunk being written and how many of its records are used. A frozen tape has no current chunk, so the
    // one comparison a record needs (is there room?) also sends writes to a frozen tape to the slow path.
    private Node[] _current = [];
    private int _used;
    private int _currentStart;
    private bool _frozen;
    private bool _released;
    // Pooled arrays holding values recorded on this tape (a tensor primitive's entries and the partials it keeps),
    // given back by Release. Created on the first: a scalar tape has none.
    private List<T[]>? _storage;

    /// <summary>One frame of the continuation: adjoint(A) += adjoint · Da, adjoint(B) += adjoint · Db.</summary>
    internal readonly record struct Node(int A, int B, T Da, T Db);

    /// <summary>The number of recorded operations (inputs included).</summary>
    public int Count => _currentStart + _used;

    /// <summary>The number of inputs: records 0 … InputCount − 1, recorded by <see cref="Variables"/>.</summary>
    public int InputCount { get; private set; }

    /// <summary>Records z = f(x) with ∂z/∂x = dx.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Tracked<T> Push(T value, int x, T dx) => Push(value, new(x, None, dx, T.Zero));

    /// <summary>Records z = f(x, y) with partials dx and dy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Tracked<T> Push(T value, int x, T dx, int y, T dy) => Push(value, new(x, y, dx, dy));

    /// <summary>
    /// Records the outputs of a block — a primitive with many outputs and its own pullback — as consecutive records,
    /// and returns the index of the first. The sweep calls <see cref="TapeBlock{T}.Pull"/> when it reaches the last
    /// output, after every later use of any output has added to its adjoint, and then jumps to the record before
    /// the first: only the last output's record is ever read, so only it is written (a tensor of m entries costs
    /// m adjoint slots but one 24-byte write).
    /// </summary>
    public int PushBlock(int outputCount, TapeBlock<T> block)
    {
        int first = Reserve(outputCount - 1);
        block.Bind(first, outputCount);
        _blocks ??= [];
        Push(T.Zero, new Node(BlockOutput, _blocks.Count, T.Zero, T.Zero));
        _blocks.Add(block);
        return first;
    }

    /// <summary>
    /// Records <paramref name="count"/> independent variables (the inputs, which come before every other record)
    /// and returns the first index. Inputs have no parents and the sweep stops above them, so their records are
    /// reserved but never written or read.
    /// </summary>
    public int Variables(int count)
    {
        // Stryker disable once all : an internal invariant (the combinators record inputs first); no public call breaks it.
        if (Count != InputCount)
            throw new InvalidOperationException("The inputs of a differentiation must be recorded before any operation.");
        InputCount += count;
        return Reserve(count);
    }

    // Makes room for count records that the sweep never reads, chunk by chunk, and returns the first index. A chunk
    // the reservation covers whole is never read at all (the sweep jumps over a block's outputs and stops above the
    // inputs), so none is rented for it: a tensor of 10⁶ entries costs its adjoint slots, not 24 MB of records.
    private int Reserve(int count)
    {
        int first = Count;
        while (count > 0)
        {
            if (_used == _current.Length)
            {
                int size = NextChunkSize();
                // Stryker disable once Equality : at count = size, a skipped chunk and a full rented one reserve the same records.
                if (count >= size)
                {
                    SkipChunk(size);
                    count -= size;
                    // Stryker disable once Statement : falling through only rents the next chunk one step early.
                    continue;
                }
                NextChunk();
            }
            int run = Math.Min(count, _current.Length - _used);
            _used += run;
            count -= run;
        }
        return first;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Tracked<T> Push(T value, Node node)
    {
        Node[] chunk = _current;
        int used = _used;
        if ((uint)used >= (uint)chunk.Length)
            return PushInNextChunk(value, node);
        chunk[used] = node;
        _used = used + 1;
        return new Tracked<T>(value, this, _currentStart + used);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Tracked<T> PushInNextChunk(T value, Node node)
    {
        NextChunk();
        return Push(value, node);
    }

    // Starts the next chunk at record Count (every earlier chunk is full): as large as all records before it, within
    // [2^FirstBits, 2^LargeBits] — the layout ChunkOf reads back.
    private void NextChunk()
    {
        if (_frozen)
            ThrowFinished();
        int size = NextChunkSize();
        Node[] chunk = Scratch.Rent<Node>(size);
        // Stryker disable once all : the shared pool hands out exact powers of two; this guards any other pool.
        if (chunk.Length != size)
            chunk = new Node[size];
        if (_chunkCount == _chunks.Length)
            Array.Resize(ref _chunks, Math.Max(4, 2 * _chunkCount));
        _chunks[_chunkCount++] = chunk;
        _currentStart = Count;
        _current = chunk;
        _used = 0;
    }

    private int NextChunkSize() => Math.Clamp(Count, 1 << FirstBits, 1 << LargeBits);

    // Passes over the next chunk, every record of which is reserved: an empty array stands for it (never read, and
    // the next record written finds no room in it, so it starts a real chunk).
    private void SkipChunk(int size)
    {
        if (_frozen)
            ThrowFinished();
        if (_chunkCount == _chunks.Length)
            Array.Resize(ref _chunks, Math.Max(4, 2 * _chunkCount));
        _chunks[_chunkCount++] = [];
        _currentStart = Count + size;
        _current = [];
        _used = 0;
    }

    // The chunk holding record i, and the index of that chunk's first record.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ChunkOf(int i, out int start)
    {
        if (i < 1 << FirstBits)
        {
            start = 0;
            return 0;
        }
        // Stryker disable once Equality : at i = 2¹⁶ both branches give chunk GrowingChunks + 1 starting at 2¹⁶.
        if (i < 1 << LargeBits)
        {
            int log = BitOperations.Log2((uint)i);
            start = 1 << log;
            return log - FirstBits + 1;
        }
        // Stryker disable once Bitwise : i ≥ 0, so >> and >>> agree.
        int large = i >> LargeBits;
        start = large << LargeBits;
        return GrowingChunks + large;
    }

    /// <summary>
    /// An array of at least <paramref name="length"/> entries (contents undefined) from the shared pool, for a value
    /// recorded on this tape and read by its sweep: it goes back to the pool when the tape is released
    /// (<see cref="Release"/>), and stays with a tape handed out in a pullback until both are collected.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tape is frozen: its differentiation has finished.</exception>
    public T[] RentStorage(int length)
    {
        // Stryker disable once Statement : a frozen tape refuses the record that follows a rent (NextChunk, SkipChunk); this refuses first.
        if (_frozen)
            ThrowFinished();
        T[] array = Scratch.Rent<T>(length);
        // Stryker disable once Assignment : an array left out of the list is only not returned to the pool by Release.
        (_storage ??= []).Add(array);
        return array;
    }

    /// <summary>True once <see cref="Release"/> has given the tape's memory back: values recorded on it may be reused.</summary>
    public bool IsReleased => _released;

    /// <summary>Refuses to read a value recorded on a released tape (its memory may belong to another differentiation).</summary>
    /// <exception cref="InvalidOperationException">The tape is released.</exception>
    public void ThrowIfReleased()
    {
        if (_released)
            ThrowFinished();
    }

    /// <summary>
    /// Cuts the last chunk of a frozen tape to the records it holds and returns the rest to the pool: for a pullback
    /// handed to the caller, which may live long (the gradient combinators release their tapes instead). Earlier
    /// chunks are full, so the tape then retains its records and at most the chunk list besides.
    /// </summary>
    public void Trim()
    {
        // A frozen tape has at least one record (its inputs), so its last chunk holds record Count − 1.
        Node[] last = _chunks[_chunkCount - 1];
        ChunkOf(Count - 1, out int start);
        int used = Count - start;
        // Stryker disable once Statement : cutting a full chunk to its own length copies it; the result is the same.
        // A skipped chunk (the last records are inputs) holds nothing to cut.
        if (used == last.Length || last.Length == 0)
            return;
        _chunks[_chunkCount - 1] = last[..used];
        // Stryker disable once Statement : returning memory to the pool is invisible to results.
        Scratch.Return(last);
    }

    /// <summary>
    /// Returns the chunks to the shared pool, for a tape no pullback can reach any more (the gradient combinators
    /// know this; a pullback handed to the caller keeps its chunks until it is collected). Reusing warm memory is
    /// what makes recording cheap: first-touch page faults cost more than the recording itself.
    /// </summary>
    public void Release()
    {
        Freeze();
        // Stryker disable Statement : returning memory to the pool is invisible to results (the pool is a cache).
        for (int c = 0; c < _chunkCount; c++)
            Scratch.Return(_chunks[c]);
        _chunks = [];
        _chunkCount = 0;
        // Stryker restore Statement
        _currentStart = 0;
        // Values read after this would read memory another differentiation may be writing: they refuse (ThrowIfReleased).
        _released = true;
        // Stryker disable once Block,Statement : returning memory to the pool is invisible to results.
        if (_storage is not null)
        {
            // Stryker disable once Statement : returning memory to the pool is invisible to results.
            foreach (T[] array in _storage)
                Scratch.Return(array, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            _storage = null;
        }
    }

    [DoesNotReturn]
    private static void ThrowFinished() => throw new InvalidOperationException(
        "This value belongs to a differentiation that has already finished; compute with it inside the function being differentiated.");

    /// <summary>Ends recording: from now on the tape is read-only.</summary>
    public void Freeze()
    {
        _frozen = true;
        _currentStart = Count;
        _current = [];
        _used = 0;
    }

    /// <summary>
    /// x̄ = ūᵀJ: the adjoints of the inputs after one sweep seeded with ū on the given output records (−1: a
    /// constant output, which passes nothing). The adjoint buffer is scratch memory, returned before this returns.
    /// </summary>
    public T[] Pull(ReadOnlySpan<int> outputs, ReadOnlySpan<T> cotangent)
    {
        var inputAdjoint = new T[InputCount];
        Pull(outputs, cotangent, inputAdjoint);
        return inputAdjoint;
    }

    /// <summary>As <see cref="Pull(ReadOnlySpan{int}, ReadOnlySpan{T})"/>, into the inputs' adjoints x̄ (length <see cref="InputCount"/>).</summary>
    public void Pull(ReadOnlySpan<int> outputs, ReadOnlySpan<T> cotangent, Span<T> inputAdjoint) =>
        Pull(outputs, cotangent, inputAdjoint, static (adjoint, destination) => adjoint.CopyTo(destination));

    /// <summary>
    /// As <see cref="Pull(ReadOnlySpan{int}, ReadOnlySpan{T}, Span{T})"/>, with x̄ handed to <paramref name="read"/> in
    /// the sweep's own memory (valid during the call only): for a caller that splits x̄ into parts, no copy between.
    /// </summary>
    public void Pull<TState>(ReadOnlySpan<int> outputs, ReadOnlySpan<T> cotangent, TState state, ReadOnlySpanAction<T, TState> read)
        where TState : allows ref struct
    {
        T[] adjoint = Swept(outputs, cotangent);
        try
        {
            read(adjoint.AsSpan(0, InputCount), state);
        }
        // Stryker disable once Block,Statement : returning memory to the pool is invisible to results.
        finally
        {
            // Stryker disable once Statement : returning memory to the pool is invisible to results.
            Scratch.Return(adjoint, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }

    // The adjoints of every record for the cotangent ū on the outputs, in pooled memory the caller returns.
    private T[] Swept(ReadOnlySpan<int> outputs, ReadOnlySpan<T> cotangent)
    {
        T[] adjoint = Scratch.Rent<T>(Count);
        try
        {
            adjoint.AsSpan(0, Count).Fill(T.Zero);
            for (int k = 0; k < outputs.Length; k++)
                if (outputs[k] >= 0)
                    adjoint[outputs[k]] += cotangent[k];
            Sweep(adjoint);
            return adjoint;
        }
        // Stryker disable once Block,Statement : returning memory to the pool is invisible to results.
        catch
        {
            // Stryker disable once Statement : returning memory to the pool is invisible to results.
            Scratch.Return(adjoint, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            throw;
        }
    }

    /// <summary>
    /// The backward sweep: given adjoints seeded on some nodes, accumulates ∂output/∂node into every node, from
    /// the last record down to the first after the inputs (which have no parents). Each step multiplies by
    /// <see cref="ChainRule.Times{T}"/>: a zero adjoint propagates nothing, even through an infinite partial, and a
    /// zero partial passes nothing on, even from an infinite adjoint.
    /// </summary>
    /// <remarks>
    /// A block is pulled when the sweep meets its last output: every use of any of its outputs was recorded after
    /// it, so all their adjoints are complete; the sweep then jumps past the block's other outputs, so a tensor
    /// primitive costs one step, not one per entry.
    /// </remarks>
    public void Sweep(T[] adjoint)
    {
        Walk(new AdjointStep(adjoint));
    }

    // The records from the last down to the first after the inputs, in the sweep's order: a block once, at its last
    // output (every use of any of its outputs was recorded after it), then on past its first. The step is taken by
    // value: the JIT then compiles Walk<AdjointStep> to the same code as the loop it replaced (JitDisasm compared).
    private void Walk<TStep>(TStep step) where TStep : struct, ISweepStep
    {
        int stop = InputCount;
        int index = Count - 1;
        while (index >= stop)
        {
            ReadOnlySpan<Node> chunk = _chunks[ChunkOf(index, out int first)];
            int k = index - first, end = Math.Max(stop - first, 0);
            index = first - 1;
            for (; k >= end; k--)
            {
                ref readonly Node node = ref chunk[k];
                if (node.A == BlockOutput)
                {
                    TapeBlock<T> block = _blocks![node.B];
                    step.Block(block);
                    index = block.FirstOutput - 1;
                    break;
                }
                step.Record(first + k, in node);
            }
        }
    }

    // What the sweep does at a block and at a scalar record.
    private interface ISweepStep
    {
        void Block(TapeBlock<T> block);

        void Record(int index, in Node node);
    }

    // The backward sweep's step: adjoint(A) += adjoint · Da, adjoint(B) += adjoint · Db.
    private readonly struct AdjointStep(T[] adjoint) : ISweepStep
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Block(TapeBlock<T> block) => block.Pull(adjoint);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Record(int index, in Node node)
        {
            T a = adjoint[index];
            // Stryker disable once Statement : skipping a zero adjoint saves two products; Times(0, d) is 0 for every d.
            if (T.IsZero(a))
                return;
            // A zero partial wins over an infinite adjoint (√(x·x) at 0: ∞ · 0 = 0, not NaN).
            if (node.A >= 0)
                adjoint[node.A] += ChainRule.Times(a, node.Da);
            if (node.B >= 0)
                adjoint[node.B] += ChainRule.Times(a, node.Db);
        }
    }
}
