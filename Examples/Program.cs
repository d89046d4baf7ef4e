using System.Numerics;
using Autodiff;

static T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Sqrt(x * x + T.Exp(x * x)) + T.Cos(x * x + T.Exp(x * x));
static T G<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp(x) / T.Sqrt(T.Pow(T.Sin(x), T.CreateChecked(3)) + T.Pow(T.Cos(x), T.CreateChecked(3)));
double x = 0.7, h = 1e-5;
Console.WriteLine($"{Forward.Derivative(F, x)} fd {(F(x + h) - F(x - h)) / (2 * h)}");
Console.WriteLine($"{Forward.SecondDerivative(F, x)} fd {(F(x + h) - 2 * F(x) + F(x - h)) / (h * h)}");
Console.WriteLine(string.Join(", ", Forward.Taylor(F, x, 4)));
Console.WriteLine($"{Forward.Derivative(G, x)} fd {(G(x + h) - G(x - h)) / (2 * h)}");
Console.WriteLine(string.Join(", ", Forward.Taylor(G, x, 3)) + $" vs d2/2 {Forward.SecondDerivative(G, x) / 2}");
Console.WriteLine(string.Join(", ", Forward.Taylor(Exp, 0.0, 6)));
Console.WriteLine(string.Join(", ", Forward.Taylor(Sin, 0.0, 7)));
static T Exp<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp(x);
static T Sin<T>(T x) where T : IFloatingPointIeee754<T> => T.Sin(x);
