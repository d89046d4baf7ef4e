using System.Runtime.CompilerServices;

// Matrix calculus reuses the row-major factorisations.
[assembly: InternalsVisibleTo("Dual.Tensors")]
[assembly: InternalsVisibleTo("Dual.Transforms")]
