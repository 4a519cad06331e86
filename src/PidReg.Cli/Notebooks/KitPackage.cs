using System.Reflection;
using PidReg.Data;

namespace PidReg.Cli.Notebooks;

/// <summary>
/// The kit as a NuGet package, the way a notebook outside the repository loads it: <c>#i "nuget: FEED"</c> and
/// <c>#r "nuget: PidReg, VERSION"</c>. Set-up (environment/setup.sh) packs it, with the <c>pidreg</c> tool, into
/// <see cref="Feed"/>, a fixed folder in the user's home: the kernel needs an absolute path (it refuses <c>~</c> and
/// relative ones), and a notebook written today must find the feed wherever it is opened later.
/// </summary>
/// <remarks>
/// The version is the kit's release version, the same for every build of it. NuGet caches a package by id and version,
/// so set-up also removes the cached copy of this version when it repacks; the next kernel start then extracts the
/// rebuilt package. A version that changed with every build would do that by itself, but every notebook written against
/// an earlier build would name a version the feed no longer holds.
/// </remarks>
internal static class KitPackage
{
    /// <summary>The package id of the kit.</summary>
    public const string Id = "PidReg";

    /// <summary>The kit's version, as in its package file name: this build's informational version without a source revision.</summary>
    public static string Version { get; } = typeof(MultimodalDataset).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? throw new InvalidOperationException("PidReg.dll carries no informational version");

    /// <summary>The local feed set-up packs the kit into: ~/.pidreg/feed, as an absolute path.</summary>
    public static string Feed => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pidreg", "feed");

    /// <summary>The kit's package file in <paramref name="feed"/> (NuGet's file name: id.version.nupkg).</summary>
    public static string PackageFile(string feed) => Path.Combine(feed, $"{Id}.{Version}.nupkg");
}
