using System.Numerics;
using System.Reflection;
using System.Reflection.Emit;
using Autodiff.Properties.Support;

namespace Autodiff.Properties.SecondOrder;

/// <summary>
/// Every public method of the Hessian assembly, found by reflection, is called with good arguments except one bad
/// one (null, empty, mis-shaped, negative, NaN, infinite): if it throws an <see cref="ArgumentException"/>, its
/// ParamName must be one of that method's parameter names; any other exception is a defect (bad input must be
/// reported before any work, never as an IndexOutOfRangeException from deep inside).
/// </summary>
public sealed class ParameterNameTests
{
    private static readonly double[,] Spd = { { 2, 1 }, { 1, 3 } };

    [Fact]
    public void Every_public_method_of_Hessian_names_one_of_its_own_parameters()
    {
        var failures = new List<string>();
        int methods = 0, rejections = 0;
        foreach ((MethodInfo method, object? target) in PublicMethods())
        {
            methods++;
            ParameterInfo[] parameters = method.GetParameters();
            string[] names = parameters.Select(p => p.Name!).ToArray();
            object?[] good = parameters.Select(p => GoodFor(method, p)).ToArray();
            Action<object?[]> call = Invoker(method, target);
            string? failure = Check(method, call, good, names, "good arguments", expectThrow: false);
            if (failure is not null)
                failures.Add(failure);
            for (int i = 0; i < parameters.Length; i++)
                foreach (object? bad in Bad(parameters[i].ParameterType))
                {
                    object?[] args = (object?[])good.Clone();
                    args[i] = bad;
                    failure = Check(method, call, args, names, $"{names[i]} = {Show(bad)}", expectThrow: true);
                    if (failure is null)
                        rejections++;
                    else if (failure.Length > 0)
                        failures.Add(failure);
                }
        }
        Assert.True(methods >= 20, $"only {methods} public methods found: the reflection missed some");
        Assert.True(rejections >= 30, $"only {rejections} bad arguments were rejected: the probes are too weak");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    // null: the call threw an ArgumentException naming a parameter; "": it accepted the argument; else a failure.
    private static string? Check(MethodInfo method, Action<object?[]> call, object?[] args, string[] names, string what, bool expectThrow)
    {
        string where = $"{method.DeclaringType!.Name}.{method.Name}({string.Join(", ", names)}) with {what}";
        try
        {
            call(args);
            return expectThrow ? "" : null;
        }
        catch (ArgumentException e) when (!expectThrow)
        {
            return $"{where}: good arguments were rejected: {e.Message}";
        }
        catch (ArgumentException e)
        {
            return names.Contains(e.ParamName) ? null : $"{where}: ParamName is \"{e.ParamName}\"";
        }
        catch (Exception e)
        {
            return $"{where}: threw {e.GetType().Name}: {e.Message}";
        }
    }

    private static IEnumerable<(MethodInfo Method, object? Target)> PublicMethods()
    {
        foreach (Type open in typeof(Newton).Assembly.GetExportedTypes())
        {
            Type type = open.IsGenericTypeDefinition ? open.MakeGenericType(Closing(open.GetGenericArguments())) : open;
            object? instance = Instance(type);
            foreach (MethodInfo declared in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (declared.IsSpecialName || declared.GetParameters().Length == 0 || (!declared.IsStatic && instance is null))
                    continue;
                if (IsRecordMember(type, declared))
                    continue;
                MethodInfo method = declared.IsGenericMethodDefinition ? declared.MakeGenericMethod(Closing(declared.GetGenericArguments())) : declared;
                yield return (method, declared.IsStatic ? null : instance);
            }
        }
    }

    // Type parameters become double, or IModel where they must be a model (then null is a possible bad argument).
    private static Type[] Closing(Type[] parameters) =>
        [.. parameters.Select(p => p.GetGenericParameterConstraints().Contains(typeof(IModel)) ? typeof(IModel) : typeof(double))];

    // f(θ, x) = θ₀ x₀ + θ_last x_last: accepts any θ and x of at least one entry.
    private readonly struct SampleModel : IModel
    {
        public T[] F<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> input) where T : IFloatingPointIeee754<T> =>
            [parameters[0] * input[0] + parameters[^1] * input[^1]];
    }

    private static readonly double[,] Spd3 = { { 3, 1, 0 }, { 1, 2, 0.5 }, { 0, 0.5, 1 } };

    // Compiler-generated members of records (Trajectory): equality and deconstruction take no checked input.
    private static bool IsRecordMember(Type type, MethodInfo m) =>
        type.GetMethod("<Clone>$") is not null && m.Name is "Equals" or "Deconstruct" or "PrintMembers";

    private static object? Instance(Type type) =>
        type == typeof(LuFactorization<double>) ? LuFactorization<double>.Factor(Spd).Match(f => f, e => throw new InvalidOperationException(e.Message))
        : type == typeof(CholeskyFactorization<double>) ? CholeskyFactorization<double>.Factor(Spd).Match(f => f, e => throw new InvalidOperationException(e.Message))
        : type == typeof(EmpiricalFisher<double>) ? EmpiricalFisher<double>.FromScores(Spd)
        : type == typeof(KernelDynamics<double>) ? NeuralTangentKernel.Dynamics(Spd3, 0.1, [1.0, 2.0, 3.0], [0.0, 0.0, 0.0])
        : type == typeof(Eigenpairs<double>) ? Lanczos.TopEigenpairs<double>(v => [v[0], 2 * v[1], 3 * v[2]], 3, 3)
        : type == typeof(InputSensitivity<double>) ? Adversarial.Sensitivity<double>(TestFunctions.SumOfSquares, [1.0, 2.0])
        : type == typeof(TaylorModel<double>) ? DerivativeTensor.TaylorModel<double>(TestFunctions.SumOfSquares, [1.0, 2.0], 2)
        : type == typeof(JacobianSpectrum<double>) ? Representation.Spectrum<IModel, double>(new SampleModel(), [1.0, 2.0], [1.0, 2.0])
        : type == typeof(LowRankCurvature<double>) ? Lanczos.TopEigenpairs<double>(v => [v[0], 2 * v[1]], 2, 2).WithDamping(0.1)
        : null;

    // Arguments whose good value depends on the others: a tensor [1, 2] over ℝ² is of order 1.
    private static object? GoodFor(MethodInfo method, ParameterInfo parameter) =>
        method.DeclaringType == typeof(DerivativeTensor) && method.Name == nameof(DerivativeTensor.Contract) && parameter.Name == "k"
            ? 1
            : Good(parameter.ParameterType);

    // Good arguments: a 2-vector, the 2×2 SPD matrix, a delegate of the right number type (Σ xᵢ² or the identity).
    private static object? Good(Type type)
    {
        if (IsSpan(type) || type.IsArray && type.GetArrayRank() == 1)
            return new[] { 1.0, 2.0 };
        if (type == typeof(double[,]))
            return (double[,])Spd.Clone();
        if (type == typeof(int))
            return 2;
        if (type == typeof(double))
            return 0.1;
        if (type == typeof(LanguageExt.Fin<double>))
            return LanguageExt.Fin<double>.Succ(0.1);
        if (type == typeof(IModel))
            return new SampleModel();
        if (type == typeof(bool))
            return false;
        if (type.IsEnum)
            return Enum.GetValues(type).GetValue(0);
        if (type == typeof(Func<double[], double[]>))
            return (Func<double[], double[]>)(v => v);
        if (typeof(Delegate).IsAssignableFrom(type))
        {
            Type number = type.GetGenericArguments()[0];
            string helper = type.GetGenericTypeDefinition() == typeof(VectorFunction<>) ? nameof(TestFunctions.Identity) : nameof(TestFunctions.SumOfSquares);
            return typeof(TestFunctions).GetMethod(helper, BindingFlags.Public | BindingFlags.Static)!
                .MakeGenericMethod(number).CreateDelegate(type);
        }
        throw new InvalidOperationException($"No good argument for {type}: add one.");
    }

    private static IEnumerable<object?> Bad(Type type)
    {
        if (IsSpan(type) || type.IsArray && type.GetArrayRank() == 1)
            return [Array.Empty<double>(), new[] { 1.0, 2.0, 3.0 }, new[] { double.NaN, 1.0 }];
        if (type == typeof(double[,]))
            return [null, new double[2, 3], new double[0, 0], new double[,] { { 1, 5 }, { 0, 1 } }, new double[,] { { double.NaN, 0 }, { 0, 1 } }];
        if (type == typeof(int))
            return [-1, 0];
        if (type == typeof(bool))
            return [];
        if (type.IsEnum)
            return [Enum.ToObject(type, 99)];
        if (type == typeof(double))
            return [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1.0];
        if (type == typeof(LanguageExt.Fin<double>))
            return []; // every Fin is a result to read (a failure is FinResultTests' case, not a bad argument)
        return [null];
    }

    private static bool IsSpan(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ReadOnlySpan<>);

    private static string Show(object? value) => value switch
    {
        null => "null",
        double[] v => $"[{string.Join(", ", v)}]",
        double[,] m => $"{m.GetLength(0)}×{m.GetLength(1)} matrix",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };

    // Reflection cannot pass a ReadOnlySpan (a ref struct) through MethodInfo.Invoke, so each method gets a small
    // emitted stub: args[i] is unboxed or cast, arrays become spans by their implicit conversion, and the call
    // throws straight to the caller (no TargetInvocationException).
    private static Action<object?[]> Invoker(MethodInfo method, object? target)
    {
        var stub = new DynamicMethod($"Call_{method.Name}", null, [typeof(object), typeof(object?[])], typeof(ParameterNameTests).Module, skipVisibility: true);
        ILGenerator il = stub.GetILGenerator();
        if (!method.IsStatic)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Castclass, method.DeclaringType!);
        }
        ParameterInfo[] parameters = method.GetParameters();
        for (int i = 0; i < parameters.Length; i++)
        {
            Type type = parameters[i].ParameterType;
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldelem_Ref);
            if (IsSpan(type))
            {
                Type array = type.GetGenericArguments()[0].MakeArrayType();
                il.Emit(OpCodes.Castclass, array);
                il.Emit(OpCodes.Call, type.GetMethod("op_Implicit", [array])!);
            }
            else if (type.IsValueType)
                il.Emit(OpCodes.Unbox_Any, type);
            else
                il.Emit(OpCodes.Castclass, type);
        }
        il.Emit(method.IsStatic ? OpCodes.Call : OpCodes.Callvirt, method);
        if (method.ReturnType != typeof(void))
            il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Ret);
        var call = (Action<object?, object?[]>)stub.CreateDelegate(typeof(Action<object?, object?[]>));
        return args => call(target, args);
    }
}
