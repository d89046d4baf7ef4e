using System.Runtime.CompilerServices;

// Matrix calculus reuses the row-major factorisations.
[assembly: InternalsVisibleTo("Tensors")]
[assembly: InternalsVisibleTo("Transforms")]
