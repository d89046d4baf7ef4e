using System.Numerics.Tensors;
using System.Reflection;

namespace Autodiff.Properties.BadInput;

/// <summary>
/// Walks the public API by reflection: every public static method and constructor of the six libraries (the testing kit Dual.Testing included), and the
/// public instance methods of sample instances, is called with null for each reference parameter in turn (the others
/// given sample values where the walk can build them, else null too). Each call must throw an
/// <see cref="ArgumentException"/> naming one of the null parameters — never a <see cref="NullReferenceException"/>
/// or any other exception from inside.
/// </summary>
/// <remarks>
/// Methods with span parameters cannot be invoked by reflection (a span cannot be boxed); the hand-written cases in
/// <see cref="HandWrittenCases"/> cover them, and <see cref="Every_span_method_has_hand_written_cases"/> fails when a
/// new one appears without.
/// </remarks>
public sealed class NullArgumentWalk
{
    internal static readonly Assembly[] Libraries =
    [
        typeof(Dual<>).Assembly, typeof(Tracked<>).Assembly, typeof(Hessian).Assembly,
        typeof(TensorVar<>).Assembly, typeof(Transforms).Assembly, typeof(GradCheck).Assembly,
    ];

    // Sample values for the types the API takes; a type not listed is passed as null (and then also named).
    private static readonly Dictionary<Type, Func<object>> Samples = new()
    {
        [typeof(double)] = () => 1.0,
        [typeof(float)] = () => 1.0f,
        [typeof(int)] = () => 2,
        [typeof(long)] = () => 2L,
        [typeof(bool)] = () => false,
        [typeof(string)] = () => "1",
        [typeof(double[])] = () => new[] { 1.0, 2.0 },
        [typeof(double[,])] = () => new double[,] { { 2, 1 }, { 1, 3 } },
        [typeof(Tensor<double>)] = () => Tensor.Create(new[] { 2.0, 1.0, 1.0, 3.0 }, [2, 2]),
        [typeof(TensorVar<double>)] = () => TensorVar<double>.Constant(Tensor.Create(new[] { 2.0, 1.0, 1.0, 3.0 }, [2, 2])),
    };

    /// <summary>Every public method the walk calls, closed over double where it is generic.</summary>
    internal static IEnumerable<MethodBase> PublicMethods()
    {
        foreach (Type type in Libraries.SelectMany(a => a.GetExportedTypes()))
        {
            Type? closed = Close(type);
            if (closed is null)
                continue;
            foreach (MethodInfo m in closed.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
                if (Close(m) is { } method)
                    yield return method;
            if (!closed.IsAbstract)
                foreach (ConstructorInfo c in closed.GetConstructors())
                    yield return c;
        }
    }

    private static Type? Close(Type type)
    {
        if (!type.IsGenericTypeDefinition)
            return type;
        try
        {
            return type.MakeGenericType([.. type.GetGenericArguments().Select(_ => typeof(double))]);
        }
        catch (ArgumentException)
        {
            return null; // a function-value transform (its argument is a struct of the user's): hand-written cases
        }
    }

    // Type parameters become double, or else the interface they are constrained to (a function value: then null
    // is a possible argument, and must be named like a null delegate).
    private static MethodInfo? Close(MethodInfo method)
    {
        if (!method.IsGenericMethodDefinition)
            return method;
        foreach (bool byConstraint in new[] { false, true })
        {
            try
            {
                return method.MakeGenericMethod([.. method.GetGenericArguments().Select(a => Argument(a, byConstraint))]);
            }
            catch (ArgumentException)
            {
            }
        }
        return null;
    }

    private static Type Argument(Type parameter, bool byConstraint) =>
        byConstraint && parameter.GetGenericParameterConstraints().FirstOrDefault(c => c.IsInterface && !c.IsGenericType) is { } constraint
            ? constraint
            : typeof(double);

    // Instances the walk can build from a public constructor with sample arguments, with their public methods.
    private static IEnumerable<(object Instance, MethodInfo Method)> InstanceMethods()
    {
        foreach (Type type in Libraries.SelectMany(a => a.GetExportedTypes()))
        {
            Type? closed = Close(type);
            if (closed is null || closed.IsAbstract || closed.IsValueType)
                continue;
            object? instance = Samples.TryGetValue(closed, out Func<object>? sample) ? sample() : Build(closed);
            if (instance is null)
                continue;
            foreach (MethodInfo m in closed.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                if (!m.IsSpecialName && !(IsRecord(closed) && m.Name == "Equals") && Close(m) is { } method && !TakesSpan(method))
                    yield return (instance, method);
        }
    }

    private static object? Build(Type type)
    {
        foreach (ConstructorInfo c in type.GetConstructors())
        {
            ParameterInfo[] parameters = c.GetParameters();
            if (!parameters.All(p => Samples.ContainsKey(p.ParameterType)))
                continue;
            try
            {
                return c.Invoke([.. parameters.Select(p => Samples[p.ParameterType]())]);
            }
            catch (TargetInvocationException)
            {
            }
        }
        return null;
    }

    internal static bool TakesSpan(MethodBase m) => m.GetParameters().Any(p => p.ParameterType.IsByRefLike);

    private static bool Nullable(Type t) => !t.IsValueType && !t.IsByRef;

    [Fact]
    public void Every_reference_parameter_given_null_is_named_in_an_ArgumentException()
    {
        var failures = new List<string>();
        int calls = 0;
        IEnumerable<(object? Instance, MethodBase Method)> targets =
        [
            .. PublicMethods().Where(m => !TakesSpan(m) && !Excluded(m)).Select(m => ((object?)null, m)),
            .. InstanceMethods().Select(t => ((object?)t.Instance, (MethodBase)t.Method)),
        ];
        foreach ((object? instance, MethodBase method) in targets)
        {
            ParameterInfo[] parameters = method.GetParameters();
            for (int k = 0; k < parameters.Length; k++)
            {
                if (!Nullable(parameters[k].ParameterType))
                    continue;
                calls++;
                var nulls = new HashSet<string> { parameters[k].Name! };
                object?[] arguments = new object?[parameters.Length];
                for (int j = 0; j < parameters.Length; j++)
                {
                    if (j == k)
                        continue;
                    Type t = parameters[j].ParameterType;
                    if (Samples.TryGetValue(t, out Func<object>? sample))
                        arguments[j] = sample();
                    else if (t.IsValueType)
                        arguments[j] = Activator.CreateInstance(t);
                    else
                        nulls.Add(parameters[j].Name!);
                }
                string? failure = Check(instance, method, arguments, nulls);
                if (failure is not null)
                    failures.Add($"{method.DeclaringType!.Name}.{method.Name}({string.Join(", ", parameters.Select(p => p.Name))}) with {parameters[k].Name} = null: {failure}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(calls > 60, $"the walk made only {calls} calls");
    }

    // Delegate constructors (the runtime's), records' equality and constructors (a record is data, null == null is
    // true, and the methods that consume a record check its fields), and throw helpers for generated code ([DoesNotReturn]:
    // they throw by design, and their string arguments are nameof constants).
    private static bool Excluded(MethodBase m)
    {
        Type type = m.DeclaringType!;
        bool record = IsRecord(type);
        return typeof(Delegate).IsAssignableFrom(type)
            || m.Name is "op_Equality" or "op_Inequality"
            || (record && m is ConstructorInfo)
            || m.IsDefined(typeof(System.Diagnostics.CodeAnalysis.DoesNotReturnAttribute));
    }

    // A record: data, whose Equals(null) is false, not an error.
    private static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$") is not null || type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null;

    private static string? Check(object? instance, MethodBase method, object?[] arguments, HashSet<string> nulls)
    {
        try
        {
            if (method is ConstructorInfo c)
                c.Invoke(arguments);
            else
                method.Invoke(instance, arguments);
            return "no exception";
        }
        catch (TargetInvocationException e) when (e.InnerException is ArgumentException a)
        {
            return a.ParamName is { } name && nulls.Contains(name) ? null : $"{a.GetType().Name} naming '{a.ParamName}': {a.Message}";
        }
        catch (TargetInvocationException e)
        {
            return $"{e.InnerException!.GetType().Name}: {e.InnerException.Message}";
        }
    }

    [Fact]
    public void Every_span_method_has_hand_written_cases()
    {
        string[] missing =
        [
            .. PublicMethods().Where(TakesSpan)
                .Select(m => $"{m.DeclaringType!.Name.Split('`')[0]}.{m.Name}")
                .Distinct()
                .Where(name => !HandWrittenCases.Covered.Contains(name)),
        ];
        Assert.True(missing.Length == 0, "no hand-written bad-input cases for: " + string.Join(", ", missing));
    }
}
