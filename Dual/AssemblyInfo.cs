using System.Runtime.CompilerServices;

// The argument checks are shared by the forward, reverse and second-order combinators.
[assembly: InternalsVisibleTo("Dual.Reverse")]
[assembly: InternalsVisibleTo("Dual.Hessian")]
[assembly: InternalsVisibleTo("Dual.Tensors")]
[assembly: InternalsVisibleTo("Dual.Transforms")]
