using System.Reflection;
using System.Runtime.InteropServices;

namespace PidReg.Torch;

/// <summary>
/// Makes sure TorchSharp's native backend loads before the kit's first torch call, and explains
/// why when it cannot.
/// </summary>
/// <remarks>
/// Builds of this repository patch the copied natives (environment/TorchSharpGlibcxx.targets). A
/// notebook kernel loads TorchSharp straight from the NuGet cache instead (whether the kit comes as
/// the PidReg package or as a built DLL), where libLibTorchSharp.so still requires GLIBCXX_3.4.32.
/// On a machine whose libstdc++ lacks that version, this class copies the library into a user cache
/// folder, marks the requirement weak (see <see cref="ElfVersionNeeds"/>), links libtorch beside it
/// and routes TorchSharp's "LibTorchSharp" imports to the patched copy. The original files are
/// never modified.
/// </remarks>
public static class TorchRuntime
{
    const string LibraryFile = "libLibTorchSharp.so";
    const string TorchSharpAssembly = "TorchSharp";
    static readonly Lock Gate = new();
    static readonly Lock PrepareGate = new();
    static bool loaded;
    static bool hooked;
    static bool prepared;
    static string? original;
    static Exception? prepareFailure;
    static string? patchedCopy;

    /// <summary>Where the patched copy was loaded from, or null when none was needed.</summary>
    public static string? PatchedCopy => patchedCopy;

    /// <summary>Loads TorchSharp's native backend once per process.</summary>
    /// <exception cref="TorchLoadException">The backend cannot load; the message names the cause and a fix.</exception>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (loaded) return;
            PrepareNatives(typeof(TorchSharp.torch).Assembly);
            try
            {
                _ = TorchSharp.torch.get_default_dtype(); // runs TorchSharp's static initialiser, which loads the natives
            }
            catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException)
            {
                var cause = prepareFailure is null ? null : $"Preparing a patched copy of {original} failed: {prepareFailure.Message}. ";
                throw new TorchLoadException(cause + (Diagnose(original, SystemLibStdCxx()) ?? e.GetBaseException().Message), e);
            }
            loaded = true;
        }
    }

    /// <summary>
    /// Makes TorchSharp's first use in this process load the natives <see cref="EnsureLoaded"/> would, without loading
    /// them now: when the TorchSharp assembly loads (the first cell or kit type that touches torch), the patched copy is
    /// prepared and loaded before TorchSharp's static initialiser looks for its natives. Notebook kernels call it through
    /// <see cref="Notebooks.KernelSetup.Initialize"/>, so that cells calling TorchSharp directly, before any kit type, load
    /// too; a notebook that never trains never pays for loading libtorch. Idempotent; if TorchSharp is loaded already,
    /// its natives are prepared at once.
    /// </summary>
    public static void LoadOnFirstUse()
    {
        lock (PrepareGate)
        {
            if (hooked) return;
            hooked = true;
            AppDomain.CurrentDomain.AssemblyLoad += (_, e) =>
            {
                if (e.LoadedAssembly.GetName().Name == TorchSharpAssembly) PrepareNatives(e.LoadedAssembly);
            };
        }
        var torchSharp = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == TorchSharpAssembly);
        if (torchSharp is not null) PrepareNatives(torchSharp);
    }

    // Runs at most once, possibly inside the runtime's AssemblyLoad event, where an exception would surface far from its
    // cause: a failure is kept, and EnsureLoaded names it if TorchSharp then cannot load.
    static void PrepareNatives(Assembly torchSharp)
    {
        lock (PrepareGate)
        {
            if (prepared) return;
            prepared = true;
            if (!OperatingSystem.IsLinux()) return;
            try
            {
                original = FindLibTorchSharp(torchSharp);
                if (original is not null && NeedsPatch(original, SystemLibStdCxx()))
                    UsePatchedCopy(torchSharp, original);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or DllNotFoundException or BadImageFormatException)
            {
                prepareFailure = e;
            }
        }
    }

    /// <summary>
    /// Explains why <paramref name="library"/> cannot load against <paramref name="libStdCxx"/>, or
    /// returns null when the GLIBCXX requirement is not the problem.
    /// </summary>
    public static string? Diagnose(string? library, string? libStdCxx)
    {
        if (library is null || !File.Exists(library))
            return "TorchSharp's native library libLibTorchSharp.so was not found. Reference the TorchSharp-cpu 0.107.0 package " +
                   "(in a notebook: #r \"nuget: TorchSharp-cpu, 0.107.0\") and restore again.";
        if (!NeedsPatch(library, libStdCxx))
            return null;
        return $"{library} requires {ElfVersionNeeds.TorchSharpGlibcxxVersion} from libstdc++.so.6, which this machine's " +
               $"libstdc++ ({libStdCxx ?? "not found"}) does not provide (Debian 12 and Ubuntu 22.04 stop at GLIBCXX_3.4.30). " +
               "TorchSharp reports this as a missing reference to libtorch-cpu-linux-x64, which is misleading. " +
               "Fix: build through this repository (the build marks the requirement weak), or call " +
               "PidReg.Torch.TorchRuntime.EnsureLoaded() before any other torch call so the kit loads a patched copy, " +
               "or install a newer libstdc++ (GCC 13 or later).";
    }

    /// <summary>True when <paramref name="library"/> has a strong GLIBCXX_3.4.32 requirement that <paramref name="libStdCxx"/> does not meet.</summary>
    public static bool NeedsPatch(string library, string? libStdCxx)
    {
        bool strongRequirement = ElfVersionNeeds.Read(library)
            .Any(r => r.Version == ElfVersionNeeds.TorchSharpGlibcxxVersion && !r.IsWeak);
        return strongRequirement && (libStdCxx is null || !ElfVersionNeeds.Defines(libStdCxx, ElfVersionNeeds.TorchSharpGlibcxxVersion));
    }

    /// <summary>
    /// Copies <paramref name="original"/> into <paramref name="cacheFolder"/>, weakens its GLIBCXX
    /// requirement and links every other native of its folder and of <paramref name="libTorchFolder"/>
    /// beside it, so $ORIGIN lookups find libtorch. Returns the patched copy's path. Idempotent.
    /// </summary>
    public static string PreparePatchedCopy(string original, string? libTorchFolder, string cacheFolder)
    {
        Directory.CreateDirectory(cacheFolder);
        var copy = Path.Combine(cacheFolder, LibraryFile);
        var staging = copy + $".{Environment.ProcessId}.tmp"; // two kernels may prepare the same folder at once
        File.Copy(original, staging, overwrite: true);
        ElfVersionNeeds.MarkWeak(staging, ElfVersionNeeds.TorchSharpGlibcxxVersion);
        File.Move(staging, copy, overwrite: true);

        var folders = new[] { Path.GetDirectoryName(original)!, libTorchFolder }.OfType<string>().Where(Directory.Exists);
        foreach (var native in folders.SelectMany(f => Directory.EnumerateFiles(f, "*.so*")))
        {
            var link = Path.Combine(cacheFolder, Path.GetFileName(native));
            if (Path.GetFileName(native) == LibraryFile || File.Exists(link)) continue;
            try { File.CreateSymbolicLink(link, native); }
            catch (IOException) when (File.Exists(link)) { } // another process linked it first
        }
        return copy;
    }

    static void UsePatchedCopy(Assembly torchSharp, string original)
    {
        var version = torchSharp.GetName().Version?.ToString() ?? "unknown";
        var cache = Path.Combine(CacheRoot(), $"torchsharp-{version}", Hash(original));
        var copy = PreparePatchedCopy(original, FindLibTorchFolder(original), cache);
        var handle = NativeLibrary.Load(copy);
        NativeLibrary.SetDllImportResolver(torchSharp, (name, _, _) =>
            name is "LibTorchSharp" or "libLibTorchSharp" or LibraryFile ? handle : IntPtr.Zero);
        patchedCopy = copy;
    }

    static string CacheRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
            : xdg;
        return Path.Combine(root, "pidreg");
    }

    static string Hash(string path) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(path)))[..16].ToLowerInvariant();

    /// <summary>The libLibTorchSharp.so TorchSharp would load: beside the app, or in the NuGet package of TorchSharp.dll.</summary>
    static string? FindLibTorchSharp(Assembly torchSharp)
    {
        var torchSharpFolder = Path.GetDirectoryName(torchSharp.Location) ?? "";
        var candidates = new[]
        {
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", LibraryFile),
            Path.Combine(AppContext.BaseDirectory, LibraryFile),
            Path.Combine(torchSharpFolder, LibraryFile),
            // NuGet layout: torchsharp/<version>/lib/net8.0/TorchSharp.dll beside runtimes/linux-x64/native.
            Path.Combine(torchSharpFolder, "..", "..", "runtimes", "linux-x64", "native", LibraryFile),
        };
        return candidates.Select(Path.GetFullPath).FirstOrDefault(File.Exists);
    }

    /// <summary>libtorch's natives: beside LibTorchSharp in a build, in the libtorch-cpu-linux-x64 package in the NuGet cache.</summary>
    static string? FindLibTorchFolder(string libTorchSharp)
    {
        var folder = Path.GetDirectoryName(libTorchSharp)!;
        if (File.Exists(Path.Combine(folder, "libtorch_cpu.so"))) return folder;
        // .../torchsharp/<version>/runtimes/linux-x64/native -> the packages root is five levels up.
        var packages = Path.GetFullPath(Path.Combine(folder, "..", "..", "..", "..", ".."));
        var libtorch = Path.Combine(packages, "libtorch-cpu-linux-x64");
        if (!Directory.Exists(libtorch)) return null;
        return Directory.EnumerateDirectories(libtorch)
            .Select(v => Path.Combine(v, "runtimes", "linux-x64", "native"))
            .Where(Directory.Exists)
            .OrderByDescending(v => v, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>The libstdc++ this process uses (it is loaded by the .NET host), else the usual system paths.</summary>
    internal static string? SystemLibStdCxx()
    {
        try
        {
            var mapped = File.ReadLines("/proc/self/maps")
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault())
                .FirstOrDefault(p => p is not null && Path.GetFileName(p).StartsWith("libstdc++.so", StringComparison.Ordinal));
            if (mapped is not null && File.Exists(mapped)) return mapped;
        }
        catch (IOException) { }
        return new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6" }
            .FirstOrDefault(File.Exists);
    }
}
