using System.Globalization;
using System.Text;

namespace Autodiff.Examples;

/// <summary>
/// The worked examples of the lecture notes on calculus for machine learning, each computed by the library
/// (forward mode: Dual, HyperDual and Taylor numbers; reverse mode: Tracked numbers; second order: the two nested)
/// beside the closed form the notes derive by hand.
/// </summary>
/// <remarks>
/// Every function is written once, generically, as
/// <c>static T F&lt;T&gt;(…) where T : IFloatingPointIeee754&lt;T&gt;</c>, and handed to the
/// <see cref="Autodiff.Forward"/> and <see cref="Autodiff.Reverse"/> combinators as a method group. The closed forms
/// are evaluated on plain doubles with <see cref="Math"/>, independently of the library. Each section prints its
/// tables and returns its comparisons; the exit code is 1 if any comparison misses its tolerance.
/// </remarks>
internal static class Program
{
    private static int Main()
    {
        Console.OutputEncoding = Encoding.UTF8;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

        Comparison[] comparisons =
        [
            .. Forward.PartialDerivatives.Run(),
            .. Forward.Gradient.Run(),
            .. Forward.ChainRuleThroughTime.Run(),
            .. Forward.ChainRuleComposition.Run(),
            .. Forward.Backpropagation.Run(),
            .. Forward.Jacobians.Run(),
            .. Forward.SecondDerivativeAndHessian.Run(),
            .. Forward.TaylorSeries.Run(),
            .. Reverse.Backpropagation.Run(),
            .. Reverse.LeastSquares.Run(),
            .. Reverse.VectorJacobianProducts.Run(),
            .. SecondOrder.HessianVectorProducts.Run(),
            .. SecondOrder.Optimizers.Run(),
            .. SecondOrder.DescentPicture.Run(),
            .. MatrixCalculus.Identities.Run(),
            .. MatrixCalculus.NormalEquations.Run(),
            .. MatrixCalculus.MlpTraining.Run(),
            .. Composition.Pipelines.Run(),
            .. Docs.CustomRules.Run(),
            .. Docs.NestingChecks.Run(),
            .. Docs.CompiledAdjoints.Run(),
            .. Porting.Porting.Run(),
            .. Theory.NeuralTangentKernel.Run(),
            .. Theory.NaturalGradient.Run(),
            .. Theory.HessianSpectrum.Run(),
            .. Theory.LieDerivative.Run(),
            .. Theory.AdversarialSensitivity.Run(),
            .. Theory.GradientFlowBias.Run(),
            .. Theory.DerivativeTensors.Run(),
            .. Theory.JacobianRank.Run(),
            .. MatrixCalculus.SeedGaps.Run(),
        ];

        Console.WriteLine(Report.Summary(comparisons));
        return comparisons.All(c => c.Passed) ? 0 : 1;
    }
}
