// Two names every matrix-calculus property uses. Inside the namespace Autodiff.Properties.Tensors the bare name
// "Tensors" means that namespace, not the combinators' class Autodiff.Tensors; the alias gives the class a name
// that reads as what it does. Var is the differentiable tensor of doubles the properties compute with.
global using Differentiate = Autodiff.Tensors;
global using Var = Autodiff.TensorVar<double>;
