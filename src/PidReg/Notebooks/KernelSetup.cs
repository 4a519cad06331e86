using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using PidReg.Torch;

namespace PidReg.Notebooks;

/// <summary>
/// The one call a notebook's first cell makes after loading the kit, in VS Code Polyglot Notebooks, Jupyter and
/// <c>pidreg notebooks run</c> alike: it makes Plotly.NET loadable in the .NET Interactive kernel, loads TorchSharp's
/// native library (patched where the system's libstdc++ is too old) and registers the kit's HTML views.
/// Calling it again does nothing.
/// </summary>
public static class KernelSetup
{
    static readonly Lock Gate = new();
    static bool initialized;

    /// <summary>Prepares the running kernel for the kit (idempotent). Call it before any Plotly or torch type is used.</summary>
    public static void Initialize()
    {
        lock (Gate)
        {
            if (initialized) return;
            ResolveFSharpCoreToTheLoadedOne();
            TorchRuntime.EnsureLoaded();
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
