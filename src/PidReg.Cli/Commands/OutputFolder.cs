using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PidReg.Cli.Commands;

/// <summary>
/// The guard on <c>--out</c>: the kit writes only into a folder that does not exist yet, an empty one, or one it made
/// itself (it holds <see cref="MarkerFile"/>, which lists the files the kit wrote) and that holds nothing else, unless
/// the user passes <c>--force</c>; an existing file and a folder that holds one of the inputs are refused. Writing
/// itself goes through <see cref="StagedOutput"/>. Paths are compared after resolving symlinks. Checked before any work starts.
/// </summary>
internal static class OutputFolder
{
    /// <summary>
    /// The command line as the user would type it ("pidreg fit --data ..."), for the marker and the lock: the process's
    /// own command line names the assembly path, which says less.
    /// </summary>
    public static string CommandLine => "pidreg " + string.Join(" ", Environment.GetCommandLineArgs().Skip(1)
        .Select(a => a.Length > 0 && a.All(c => !char.IsWhiteSpace(c) && c is not ('"' or '\'' or '\\')) ? a : "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));

    /// <summary>The file the kit leaves in every output folder it creates, so that a rerun may replace its own outputs.</summary>
    public const string MarkerFile = ".pidreg-output";

    /// <summary>
    /// Checks <paramref name="path"/> as the <c>--out</c> of <paramref name="command"/>; <paramref name="inputs"/> are
    /// files the run reads, which it must never write over. <paramref name="replacesFolder"/>: whether the run replaces
    /// the folder as a whole (staged outputs) rather than writing its files into it (reproduce), for the message.
    /// Returns the full path. Throws <see cref="IOException"/>.
    /// </summary>
    public static string Check(string path, bool force, IEnumerable<string> inputs, bool replacesFolder = true)
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
        if (Directory.Exists(real) && !force)
        {
            var foreign = ForeignFiles(real);
            if (foreign.Count > 0)
                throw new IOException(File.Exists(Path.Combine(real, MarkerFile))
                    ? $"--out {path} holds files the kit did not write (e.g. '{foreign[0]}') beside an earlier run's outputs; {(replacesFolder ? "the rerun replaces the whole folder, so " : "")}move them out first, or pass --force to keep them (the kit's files are replaced)."
                    : $"--out {path} already holds files the kit did not create (e.g. '{foreign[0]}'); give a new or empty folder, or pass --force to write into it (files of the same name are replaced).");
        }
        return full;
    }

    /// <summary>
    /// Writes <see cref="MarkerFile"/> into <paramref name="folder"/>: JSON with the command line, the kit's version, the
    /// time, <paramref name="status"/> ("complete", "interrupted", …) and <paramref name="files"/>, the relative paths
    /// of the files the kit wrote there.
    /// </summary>
    public static void WriteMarker(string folder, IEnumerable<string> files, string status)
    {
        var marker = new JsonObject
        {
            ["writtenBy"] = "pidreg",
            ["version"] = typeof(OutputFolder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
            ["command"] = CommandLine,
            ["time"] = DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture),
            ["status"] = status,
            ["files"] = new JsonArray(files.Select(f => (JsonNode)f).ToArray()),
        };
        File.WriteAllText(Path.Combine(folder, MarkerFile), marker.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>
    /// The files the kit wrote into <paramref name="folder"/> by its marker (relative paths), or null when there is no
    /// marker or it predates the list (then every file counts as the kit's, as that marker promised).
    /// </summary>
    public static IReadOnlyList<string>? KitFiles(string folder)
    {
        var marker = Path.Combine(folder, MarkerFile);
        if (!File.Exists(marker)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(marker))?["files"]?.AsArray().Select(f => (string)f!).ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Entries of <paramref name="folder"/> (relative paths, sorted) the kit did not write: everything when there is no
    /// marker; with a marker, whatever its list does not name (the marker and a killed run's staging do not count).
    /// </summary>
    public static List<string> ForeignFiles(string folder)
    {
        bool marked = File.Exists(Path.Combine(folder, MarkerFile));
        var kit = KitFiles(folder);
        if (marked && kit is null) return [];
        var known = new HashSet<string>(kit ?? [], StringComparer.Ordinal);
        var foreign = new List<string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(folder, entry);
            if (relative == MarkerFile || relative.StartsWith(".pidreg-staging-", StringComparison.Ordinal)) continue;
            if (Directory.Exists(entry) && new FileInfo(entry).LinkTarget is null)
            {
                // A folder is the kit's when it holds a file of the kit's (its other entries are judged on their own).
                if (!known.Any(k => k.StartsWith(relative + Path.DirectorySeparatorChar, StringComparison.Ordinal))) foreign.Add(relative);
                continue;
            }
            if (!known.Contains(relative)) foreign.Add(relative);
        }
        foreign.Sort(StringComparer.Ordinal);
        return foreign;
    }

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
