using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using PidReg.Torch;

namespace PidReg.Notebooks;

/// <summary>
/// Prepares a .NET Interactive kernel (VS Code Polyglot Notebooks, Jupyter, <c>pidreg notebooks run</c>) for the kit: it
/// makes Plotly.NET loadable, arranges for TorchSharp's native library (patched where the system's libstdc++ is too old)
/// to load on first use and registers the kit's HTML views. Calling it again does nothing.
/// </summary>
/// <remarks>
/// Notebooks that load the kit as a package (<c>#r "nuget: PidReg, VERSION"</c>) never call it: the package's kernel
/// extension (interactive-extensions/dotnet/extension.dib, a script the kernel runs right after restoring the package)
/// does, in the same C# kernel and against the same PidReg assembly as the notebook's cells. Notebooks that reference
/// the built PidReg.dll by path get no extension and call it in their first cell.
/// </remarks>
public static class KernelSetup
{
    static readonly Lock Gate = new();
    static bool initialized;

    /// <summary>True once <see cref="Initialize"/> has run in this process.</summary>
    public static bool IsInitialized
    {
        get { lock (Gate) return initialized; }
    }

    /// <summary>Prepares the running kernel for the kit (idempotent). Call it before any Plotly or torch type is used.</summary>
    public static void Initialize()
    {
        lock (Gate)
        {
            if (initialized) return;
            ResolveFSharpCoreToTheLoadedOne();
            TorchRuntime.LoadOnFirstUse();
            RegisterFormatters();
            initialized = true;
        }
    }

    // The kernel loads FSharp.Core 10.0.0.0 at start-up; Plotly.NET 6.0.0 asks for 10.1.0.0, and a second FSharp.Core
    // cannot load beside the first. The loaded one serves every API Plotly.NET uses, so requests go there.
    static void ResolveFSharpCoreToTheLoadedOne()
    {
        AssemblyLoadContext.Default.Resolving += (_, name) => name.Name == "FSharp.Core" ? LoadedFSharpCore() : null;
        AppDomain.CurrentDomain.AssemblyResolve += (_, args) => new AssemblyName(args.Name).Name == "FSharp.Core" ? LoadedFSharpCore() : null;
    }

    static Assembly? LoadedFSharpCore() =>
        AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "FSharp.Core");

    // Kept out of Initialize so that the Plotly types it names load only after the resolver is in place.
    [MethodImpl(MethodImplOptions.NoInlining)]
    static void RegisterFormatters() => KernelFormatters.Register();
}
