using System.Runtime.CompilerServices;

// The argument checks are shared by the forward, reverse and second-order combinators.
[assembly: InternalsVisibleTo("Reverse")]
[assembly: InternalsVisibleTo("Hessian")]
[assembly: InternalsVisibleTo("Tensors")]
[assembly: InternalsVisibleTo("Transforms")]
