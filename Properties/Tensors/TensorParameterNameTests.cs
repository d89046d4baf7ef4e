using System.Reflection;

namespace Autodiff.Properties.Tensors;

/// <summary>
/// The <see cref="ArgumentException.ParamName"/> of every refusal by a binary tensor primitive is that primitive's
/// own parameter name (MatMul, Outer and Dot said b or x for right), for a null operand and for operands whose shapes
/// do not fit: checked by reflection over all of <see cref="TensorVar{T}"/>'s binary primitives and operators, so a
/// new one is checked too.
/// </summary>
public sealed class TensorParameterNameTests
{
    // The public primitives and operators of TensorVar<double> with a TensorVar operand besides the receiver.
    public static TheoryData<string> BinaryPrimitives => [.. Binary().Select(m => m.Name)];

    private static IEnumerable<MethodInfo> Binary() =>
        typeof(Var).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m.GetParameters().Length > 0 && m.GetParameters().All(p => p.ParameterType == typeof(Var)))
            .Where(m => m.IsStatic || m.GetParameters().Length == 1)
            .Where(m => !m.IsStatic || m.GetParameters().Length == 2);

    private static ArgumentException Refusal(MethodInfo method, Var receiver, Var operand)
    {
        object?[] arguments = method.IsStatic ? [receiver, operand] : [operand];
        var thrown = Assert.Throws<TargetInvocationException>(() => method.Invoke(method.IsStatic ? null : receiver, arguments));
        return Assert.IsAssignableFrom<ArgumentException>(thrown.InnerException);
    }

    [Fact]
    public void Every_binary_primitive_is_covered() =>
        Assert.Equal(["Dot", "MatMul", "MatMulTransposed", "Outer", "Solve", "op_Addition", "op_Division", "op_Multiply", "op_Subtraction"],
            Binary().Select(m => m.Name).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(BinaryPrimitives))]
    public void A_binary_primitive_names_its_own_parameters(string name)
    {
        MethodInfo method = Binary().Single(m => m.Name == name);
        string[] parameters = [.. method.GetParameters().Select(p => p.Name!)];
        string operand = parameters[^1];
        Var square = Differentiate.Matrix(new double[,] { { 2, 1 }, { 1, 3 } }), other = Differentiate.Matrix(new double[3, 3]);
        ArgumentException nullOperand = Refusal(method, square, null!);
        Assert.IsType<ArgumentNullException>(nullOperand);
        Assert.Equal(operand, nullOperand.ParamName);
        if (method.IsStatic)
            Assert.Equal(parameters[0], Refusal(method, null!, square).ParamName);
        ArgumentException mismatch = Refusal(method, square, other);
        Assert.Equal(operand, mismatch.ParamName);
        Assert.Contains("2×2", mismatch.Message, StringComparison.Ordinal);
        Assert.Contains("3×3", mismatch.Message, StringComparison.Ordinal);
    }
}
