using System.Runtime.CompilerServices;

// The MLP benchmark's anchor, a training step written by hand, runs on the library's own matrix kernels, so that the
// ratio to it measures what the tape and the primitives cost and nothing else.
[assembly: InternalsVisibleTo("Benchmarks")]
