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
/// fixed-size chunks rented from <see cref="ArrayPool{T}.Shared"/>, so recording never copies and allocates no
/// object per operation. The tape is written by one
/// forward pass on one thread and frozen before any pullback reads it; from then on it is immutable, so pullbacks are
/// pure and may run concurrently.
/// </remarks>
internal sealed class Tape<T> where T : IFloatingPointIeee754<T>
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;

    /// <summary>Marks a node with no parent in that slot.</summary>
    internal const int None = -1;

    /// <summary>Marks an output of a block (a custom or tensor primitive); its B slot holds the block's number.</summary>
    internal const int BlockOutput = -2;

    private readonly List<Node[]> _chunks = [];
    private readonly List<TapeBlock<T>> _blocks = [];

    // The chunk being written and how many of its records are used. A frozen tape has no current chunk, so the
    // one comparison a record needs (is there room?) also sends writes to a frozen tape to the slow path.
    private Node[] _current = [];
    private int _used;
    private int _currentStart;
    private bool _frozen;

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

    // Makes room for count records that the sweep never reads, chunk by chunk, and returns the first index.
    private int Reserve(int count)
    {
        int first = Count;
        while (count > 0)
        {
            if (_used == _current.Length)
                NextChunk();
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

    // Starts a chunk of exactly ChunkSize records (the sweep finds record i in chunk i >> ChunkBits).
    private void NextChunk()
    {
        if (_frozen)
            ThrowFinished();
        Node[] chunk = ArrayPool<Node>.Shared.Rent(ChunkSize);
        // Stryker disable once all : the shared pool hands out exact powers of two; this guards any other pool.
        if (chunk.Length != ChunkSize)
            chunk = new Node[ChunkSize];
        _chunks.Add(chunk);
        _currentStart = Count;
        _current = chunk;
        _used = 0;
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
        foreach (Node[] chunk in _chunks)
            ArrayPool<Node>.Shared.Return(chunk);
        _chunks.Clear();
        // Stryker restore Statement
        _currentStart = 0;
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
        int stop = InputCount;
        int index = Count - 1;
        while (index >= stop)
        {
            int first = index & ~ChunkMask;
            // Stryker disable once Bitwise : index ≥ 0, so >> and >>> agree.
            ReadOnlySpan<Node> chunk = _chunks[index >> ChunkBits];
            int k = index - first, end = Math.Max(stop - first, 0);
            index = first - 1;
            for (; k >= end; k--)
            {
                ref readonly Node node = ref chunk[k];
                if (node.A == BlockOutput)
                {
                    TapeBlock<T> block = _blocks[node.B];
                    block.Pull(adjoint);
                    index = block.FirstOutput - 1;
                    break;
                }
                else if (!T.IsZero(adjoint[first + k]))
                {
                    T a = adjoint[first + k];
                    // A zero partial wins over an infinite adjoint (√(x·x) at 0: ∞ · 0 = 0, not NaN).
                    if (node.A >= 0)
                        adjoint[node.A] += ChainRule.Times(a, node.Da);
                    if (node.B >= 0)
                        adjoint[node.B] += ChainRule.Times(a, node.Db);
                }
            }
        }
    }
}
