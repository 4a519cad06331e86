using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace PidReg.Tests.Torch;

/// <summary>
/// TorchSharp 0.107 hands a <c>Scalar</c>'s native pointer to libtorch and keeps no reference to the Scalar, so an
/// implicitly converted temporary (<c>t * 2.0</c>, <c>t.clamp_min(eps)</c>) can be finalized by the garbage collector
/// while the op still reads it: multi-seed fits crashed inside libtorch ("INTERNAL ASSERT FAILED … Scalar.h"). The kit
/// therefore holds every Scalar in a field or a <c>using</c> local. These tests read the compiled kit's IL and fail on
/// any call that would bring the race back: an implicit number-to-Scalar conversion, or a TorchSharp API known to make
/// such temporaries inside itself (<c>Tensor.square</c> is <c>pow(2)</c>; <c>torch.optim.Adam</c> and its
/// ReduceLROnPlateau are replaced by <c>PidReg.Training.AdamOptimizer</c> and <c>PlateauSchedule</c>).
/// </summary>
public class ScalarLifetimeTests
{
    static readonly (string Type, string Member)[] Banned =
    [
        ("TorchSharp.Scalar", "op_Implicit"),
        ("TorchSharp.torch+Tensor", "square"),
        ("TorchSharp.torch+Tensor", "square_"),
        ("TorchSharp.torch+optim", "Adam"),
        ("TorchSharp.torch+optim+lr_scheduler", "ReduceLROnPlateau"),
    ];

    public static TheoryData<string> KitAssemblies => new()
    {
        typeof(PidReg.Training.Trainer).Assembly.Location,
        typeof(PidReg.Cli.PidRegCli).Assembly.Location,
    };

    [Theory]
    [MemberData(nameof(KitAssemblies))]
    public void KitMakesNoScalarTemporaries(string assemblyPath)
    {
        var offenders = BannedCalls(assemblyPath);
        Assert.True(offenders.Count == 0,
            $"{Path.GetFileName(assemblyPath)} calls TorchSharp APIs that create Scalar temporaries (use a kept-alive Scalar, x * x, or AdamOptimizer):\n"
            + string.Join("\n", offenders));
    }

    [Fact]
    public void ScannerFindsAnImplicitScalarInThisTestAssembly()
    {
        // The scanner's own check: this assembly contains one implicit conversion (below), so it must be reported.
        var offenders = BannedCalls(typeof(ScalarLifetimeTests).Assembly.Location);
        Assert.Contains(offenders, o => o.Contains(nameof(UsesAnImplicitScalar)) && o.Contains("TorchSharp.Scalar.op_Implicit"));
    }

    static TorchSharp.torch.Tensor UsesAnImplicitScalar(TorchSharp.torch.Tensor t) => t.mul(2.0);

    /// <summary>"Type.Method → banned member" for every call, callvirt or newobj of a banned member in the assembly.</summary>
    static List<string> BannedCalls(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var banned = new Dictionary<int, string>();
        foreach (var handle in md.MemberReferences)
        {
            var member = md.GetMemberReference(handle);
            string type = TypeName(md, member.Parent);
            string name = md.GetString(member.Name);
            if (Banned.Contains((type, name)))
                banned[MetadataTokens.GetToken(handle)] = $"{type.Replace('+', '.')}.{name}";
        }
        var offenders = new List<string>();
        if (banned.Count == 0) return offenders;
        foreach (var typeHandle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(typeHandle);
            foreach (var methodHandle in type.GetMethods())
            {
                var method = md.GetMethodDefinition(methodHandle);
                if (method.RelativeVirtualAddress == 0) continue;
                var il = pe.GetMethodBody(method.RelativeVirtualAddress).GetILBytes() ?? [];
                // call 0x28, callvirt 0x6F, newobj 0x73, each followed by a little-endian 4-byte token.
                for (int i = 0; i + 4 < il.Length; i++)
                {
                    if (il[i] is not (0x28 or 0x6F or 0x73)) continue;
                    int token = BitConverter.ToInt32(il, i + 1);
                    if (banned.TryGetValue(token, out var what))
                        offenders.Add($"{md.GetString(type.Name)}.{md.GetString(method.Name)} → {what}");
                }
            }
        }
        return offenders.Distinct().ToList();
    }

    static string TypeName(MetadataReader md, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeReference:
                var reference = md.GetTypeReference((TypeReferenceHandle)handle);
                string name = md.GetString(reference.Name);
                return reference.ResolutionScope.Kind == HandleKind.TypeReference
                    ? TypeName(md, (EntityHandle)reference.ResolutionScope) + "+" + name
                    : $"{md.GetString(reference.Namespace)}.{name}";
            case HandleKind.TypeSpecification:
                return "";
            default:
                return "";
        }
    }
}
