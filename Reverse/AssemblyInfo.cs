using System.Runtime.CompilerServices;

// Tensor primitives record on the same tape as scalars: they need the tape and its records.
[assembly: InternalsVisibleTo("Dual.Tensors")]
[assembly: InternalsVisibleTo("Dual.Transforms")]
