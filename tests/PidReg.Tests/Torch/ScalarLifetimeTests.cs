using System.Reflection;
using System.Reflection.Emit;

namespace PidReg.Tests.Torch;

/// <summary>
/// TorchSharp 0.107 hands a <c>Scalar</c>'s native pointer to libtorch and keeps no reference to the Scalar, so a
/// temporary Scalar can be finalized by the garbage collector while libtorch still reads it (multi-seed fits crashed
/// inside libtorch: "Scalar.h … toFloat", "INTERNAL ASSERT FAILED … equal"). Training and prediction run inside
/// PidReg.Torch.CollectionPause, which holds collections off; on top of that the kit must not make temporaries itself,
/// and must not call TorchSharp methods that make two or more inside (e.g. <c>t + 1.0</c>, value and alpha): there the
/// allocation of the second can collect the first on the same thread, pause or not. These tests decode the compiled
/// kit's IL and fail on either.
/// </summary>
public class ScalarLifetimeTests
{
    public static TheoryData<string> KitAssemblies => new()
    {
        typeof(PidReg.Training.Trainer).Assembly.GetName().Name!,
        typeof(PidReg.Cli.PidRegCli).Assembly.GetName().Name!,
    };

    static Assembly Load(string name) => AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name) ?? Assembly.Load(name);

    [Theory]
    [MemberData(nameof(KitAssemblies))]
    public void KitMakesNoScalarTemporaries(string assembly)
    {
        var offenders = ScalarTemporaries(Load(assembly));
        Assert.True(offenders.Count == 0,
            $"{assembly} makes TorchSharp Scalar temporaries (pass a kept-alive Scalar, write x * x, or use AdamOptimizer):\n"
            + string.Join("\n", offenders));
    }

    [Fact]
    public void ScannerFindsImplicitAndHiddenScalarsInThisTestAssembly()
    {
        // The scanner's own check: the two methods below make Scalar temporaries, one in our code, one inside TorchSharp.
        var offenders = ScalarTemporaries(typeof(ScalarLifetimeTests).Assembly);
        Assert.Contains(offenders, o => o.Contains(nameof(UsesAnImplicitScalar)) && o.Contains("Scalar.op_Implicit"));
        Assert.Contains(offenders, o => o.Contains(nameof(UsesTwoHiddenScalars)) && o.Contains("Tensor.op_Addition"));
        Assert.DoesNotContain(offenders, o => o.Contains(nameof(UsesAKeptAliveScalar)));
    }

    static TorchSharp.torch.Tensor UsesAnImplicitScalar(TorchSharp.torch.Tensor t) => t.mul(2.0);

    static TorchSharp.torch.Tensor UsesTwoHiddenScalars(TorchSharp.torch.Tensor t) => t + 1.0;  // value and alpha

    static TorchSharp.torch.Tensor UsesAKeptAliveScalar(TorchSharp.torch.Tensor t, TorchSharp.Scalar two) => t.mul(two);

    /// <summary>"Type.Method → what" for every Scalar temporary the assembly's methods make, directly or inside TorchSharp.</summary>
    static List<string> ScalarTemporaries(Assembly assembly)
    {
        var torchSharp = typeof(TorchSharp.Scalar).Assembly;
        var hidden = new Dictionary<MethodBase, int>();
        var offenders = new List<string>();
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                foreach (var callee in Callees(method))
                {
                    if (MakesScalar(callee))
                        offenders.Add($"{type.Name}.{method.Name} → {callee.DeclaringType!.Name}.{callee.Name}");
                    else if (callee.DeclaringType?.Assembly == torchSharp && ScalarsMadeInside(callee, hidden, depth: 2) >= 2)
                        offenders.Add($"{type.Name}.{method.Name} → {callee.DeclaringType!.Name}.{callee.Name} (makes two or more Scalars inside TorchSharp)");
                }
            }
        }
        return offenders.Distinct().ToList();
    }

    // The kit's own ToScalar() calls are how it makes kept-alive Scalars (held by fields and using locals), so on the
    // kit's side only implicit conversions count.
    static bool MakesScalar(MethodBase m) => m.DeclaringType?.FullName is "TorchSharp.Scalar" && m.Name == "op_Implicit";

    /// <summary>How many Scalars a TorchSharp method makes: its own conversions plus those of the TorchSharp methods it
    /// calls, <paramref name="depth"/> levels down.</summary>
    static int ScalarsMadeInside(MethodBase method, Dictionary<MethodBase, int> memo, int depth)
    {
        if (memo.TryGetValue(method, out var known)) return known;
        memo[method] = 0;  // cycles
        int count = 0;
        foreach (var callee in Callees(method))
        {
            if (MakesScalar(callee)
                || callee.DeclaringType?.FullName is "TorchSharp.ScalarExtensionMethods" && callee.Name.StartsWith("To", StringComparison.Ordinal))
                count++;
            else if (depth > 0 && callee.DeclaringType?.Assembly == method.DeclaringType?.Assembly)
                count += ScalarsMadeInside(callee, memo, depth - 1);
        }
        return memo[method] = count;
    }

    static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The methods called (call, callvirt, newobj, ldftn) by a method body, from a proper IL decode.</summary>
    static IEnumerable<MethodBase> Callees(MethodBase method)
    {
        byte[]? il;
        try { il = method.GetMethodBody()?.GetILAsByteArray(); }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or BadImageFormatException) { il = null; }
        if (il is null) yield break;
        var typeArgs = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (int i = 0; i < il.Length;)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            int operand = op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
            if (op.OperandType == OperandType.InlineMethod)
            {
                MethodBase? callee = null;
                try { callee = method.Module.ResolveMethod(BitConverter.ToInt32(il, i), typeArgs, methodArgs); }
                catch (ArgumentException) { }
                if (callee is not null) yield return callee;
            }
            i += operand;
        }
    }
}
