namespace PidReg.Cli.Commands;

/// <summary>
/// The guard on <c>--out</c>: the kit writes only into a folder that does not exist yet, an empty one, or one it made
/// itself (it holds <see cref="MarkerFile"/>), unless the user passes <c>--force</c>; an existing file and a folder that
/// holds one of the inputs are refused. Paths are compared after resolving symlinks. Checked before any work starts.
/// </summary>
internal static class OutputFolder
{
    /// <summary>The file the kit leaves in every output folder it creates, so that a rerun may replace its own outputs.</summary>
    public const string MarkerFile = ".pidreg-output";

    /// <summary>
    /// Checks <paramref name="path"/> as the <c>--out</c> of <paramref name="command"/>; <paramref name="inputs"/> are
    /// files the run reads, which it must never write over. Returns the full path. Throws <see cref="IOException"/>.
    /// </summary>
    public static string Check(string path, bool force, IEnumerable<string> inputs)
    {
        var full = Path.GetFullPath(path);
        var real = RealPath(full);
        if (File.Exists(real))
            throw new IOException($"--out {path} is an existing file{(inputs.Any(i => SamePath(i, real)) ? " (one of the inputs)" : "")}; --out takes a folder: give a new or empty folder.");
        foreach (var input in inputs)
        {
            var realInput = RealPath(Path.GetFullPath(input));
            if (SamePath(Path.GetDirectoryName(realInput)!, real) && !force)
                throw new IOException($"--out {path} is the folder of the input {input}; outputs there could replace it: give another folder.");
        }
        if (Directory.Exists(real) && !force && !IsKitFolder(real))
        {
            var example = Directory.EnumerateFileSystemEntries(real).Select(Path.GetFileName).Order(StringComparer.Ordinal).First();
            throw new IOException(
                $"--out {path} already holds files the kit did not create (e.g. '{example}'); give a new or empty folder, or pass --force to write into it (files of the same name are replaced).");
        }
        return full;
    }

    /// <summary>Creates the folder (if needed) and marks it as the kit's.</summary>
    public static void Create(string path)
    {
        Directory.CreateDirectory(path);
        var marker = Path.Combine(path, MarkerFile);
        if (!File.Exists(marker)) File.WriteAllText(marker, "Written by pidreg: a rerun may replace the outputs in this folder.\n");
    }

    /// <summary>True when the folder is empty or holds the kit's marker.</summary>
    public static bool IsKitFolder(string path) =>
        !Directory.EnumerateFileSystemEntries(path).Any() || File.Exists(Path.Combine(path, MarkerFile));

    /// <summary>
    /// The path with every symlink in it resolved (the longest existing prefix is resolved, the rest appended), so two
    /// spellings of one file compare equal.
    /// </summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.Exists && info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                next = target is null ? next : RealPath(target.FullName);
            }
            current = next;
        }
        return current;
    }

    /// <summary>Whether two paths name the same file or folder once symlinks are resolved.</summary>
    public static bool SamePath(string a, string b) =>
        string.Equals(RealPath(a).TrimEnd(Path.DirectorySeparatorChar), RealPath(b).TrimEnd(Path.DirectorySeparatorChar),
            OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
