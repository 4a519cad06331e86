namespace PidReg.Cli.Commands;

/// <summary>
/// An output folder written all at once: a run writes into <see cref="Folder"/>, a hidden staging folder beside the
/// target (same file system), and <see cref="Commit"/> moves the finished set into place by renaming. A run that fails
/// or is killed before that leaves the previous output as it was, never a mix of old and new files; a rerun (with
/// another model, say) replaces the whole set. Holds the output's <see cref="OutputLock"/> from start to end.
/// </summary>
/// <remarks>
/// Two ways to commit. Swap (the usual): the staging folder and the target exchange names in one step on Linux, and
/// the old outputs are deleted; elsewhere the old folder is renamed aside, the staging folder renamed to the target,
/// the old one deleted, and a crash between the two renames is repaired by the next run (the old folder goes back).
/// Merge, when the target must stay where it is (--force kept files the kit did not write, or the target is a mount
/// point): staging lives inside the target and each file is renamed over its namesake, the marker last.
/// </remarks>
internal sealed class StagedOutput : IDisposable
{
    const string StagingTag = ".pidreg-staging-";
    const string OldTag = ".pidreg-old-";

    readonly string target;
    readonly string spelled;
    readonly bool merge;
    readonly OutputLock outputLock;
    bool done;

    StagedOutput(string target, string spelled, bool merge, string folder, OutputLock outputLock)
    {
        (this.target, this.spelled, this.merge, Folder, this.outputLock) = (target, spelled, merge, folder, outputLock);
    }

    /// <summary>The folder to write the outputs into (moved into place by <see cref="Commit"/>).</summary>
    public string Folder { get; }

    /// <summary>
    /// Takes the lock of <paramref name="target"/> (a full path, checked by <see cref="OutputFolder.Check"/>), repairs
    /// what a killed run left, creates the staging folder and proves it writable, all before any work. Throws
    /// <see cref="IOException"/> naming --out (as <paramref name="spelled"/>) and the reason.
    /// </summary>
    public static StagedOutput Begin(string target, string spelled, bool keepForeignFiles)
    {
        // The real path: a symlinked --out keeps its link, and the outputs land where it points (as before staging).
        target = Path.TrimEndingDirectorySeparator(OutputFolder.RealPath(target));
        var parent = Path.GetDirectoryName(target)!;
        OutputLock? held = null;
        try
        {
            Directory.CreateDirectory(parent);
            held = OutputLock.Acquire(target, spelled);
            RepairLeftovers(target);
            bool merge = Directory.Exists(target) && (keepForeignFiles && OutputFolder.ForeignFiles(target).Count > 0 || IsMountPoint(target));
            var folder = merge
                ? Path.Combine(target, StagingTag + Environment.ProcessId)
                : Path.Combine(parent, "." + Path.GetFileName(target) + StagingTag + Environment.ProcessId);
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
            // Proof by doing: a file written, flushed to the device and deleted (a full disk fails here, not after training).
            var probe = Path.Combine(folder, ".probe");
            using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(new byte[64 * 1024]);
                stream.Flush(flushToDisk: true);
            }
            File.Delete(probe);
            return new StagedOutput(target, spelled, merge, folder, held);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            held?.Dispose();
            if (e is IOException && e.Message.StartsWith("--out ", StringComparison.Ordinal)) throw;
            throw new IOException($"--out {spelled}: cannot write there ({Reason(e)}); choose a folder on a writable disk with free space. Nothing has been read or run yet.", e);
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> into <see cref="Folder"/>, turning a write failure into one message that names --out
    /// and says the previous output is unchanged.
    /// </summary>
    public void Write(Action<string> write)
    {
        try
        {
            write(Folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"--out {spelled}: writing the outputs failed ({Reason(e)}); its previous contents are unchanged. Free some space or choose another folder.", e);
        }
    }

    /// <summary>Moves the finished outputs into place, with a marker recording what made them (<paramref name="note"/> adds a status).</summary>
    public void Commit(string? note = null)
    {
        if (done) throw new InvalidOperationException("StagedOutput: already committed or abandoned.");
        Write(folder =>
        {
            var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToList();
            OutputFolder.WriteMarker(folder, files, note ?? "complete");
            if (merge) MergeInto(folder, files);
            else Swap(folder);
        });
        done = true;
    }

    void Swap(string folder)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(folder, target);
            return;
        }
        // Linux swaps the two names in one step (renameat2 RENAME_EXCHANGE): at no instant is the target missing or
        // half-replaced. Where that is not available, two renames, whose gap the next run repairs (RepairLeftovers).
        if (OperatingSystem.IsLinux() && Exchange(folder, target))
        {
            Directory.Delete(folder, recursive: true);  // now the old outputs
            return;
        }
        var old = Path.Combine(Path.GetDirectoryName(target)!, "." + Path.GetFileName(target) + OldTag + Environment.ProcessId);
        Directory.Move(target, old);
        Directory.Move(folder, target);
        Directory.Delete(old, recursive: true);
    }

    static bool Exchange(string a, string b)
    {
        const int atCurrentDirectory = -100, renameExchange = 2;
        try
        {
            return RenameAt2(atCurrentDirectory, a, atCurrentDirectory, b, renameExchange) == 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;  // a C library without renameat2 (glibc before 2.28, musl before 1.2.3)
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    static extern int RenameAt2(int oldDirectory, [System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string oldPath,
        int newDirectory, [System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string newPath, uint flags);

    void MergeInto(string folder, List<string> files)
    {
        var previous = OutputFolder.KitFiles(target) ?? [];
        foreach (var file in files)
        {
            var destination = Path.Combine(target, file);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Move(Path.Combine(folder, file), destination, overwrite: true);
        }
        // The previous run's files this run did not write again: removing them is what keeps the set consistent.
        foreach (var stale in previous.Except(files, StringComparer.Ordinal))
            File.Delete(Path.Combine(target, stale));
        File.Move(Path.Combine(folder, OutputFolder.MarkerFile), Path.Combine(target, OutputFolder.MarkerFile), overwrite: true);
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>
    /// What runs killed before or during their commit left beside <paramref name="target"/> (the lock is held, so no live
    /// run owns them): an old folder renamed aside goes back when the target is missing; staging folders go.
    /// </summary>
    static void RepairLeftovers(string target)
    {
        var parent = Path.GetDirectoryName(target)!;
        var name = Path.GetFileName(target);
        foreach (var old in Directory.EnumerateDirectories(parent, "." + name + OldTag + "*"))
        {
            if (!Directory.Exists(target)) Directory.Move(old, target);
            else Directory.Delete(old, recursive: true);
        }
        foreach (var staging in Directory.EnumerateDirectories(parent, "." + name + StagingTag + "*"))
            Directory.Delete(staging, recursive: true);
        if (Directory.Exists(target))
            foreach (var staging in Directory.EnumerateDirectories(target, StagingTag + "*"))
                Directory.Delete(staging, recursive: true);
    }

    /// <summary>True when <paramref name="path"/> is a mount point (Linux: listed in /proc/self/mountinfo), which cannot be renamed.</summary>
    static bool IsMountPoint(string path)
    {
        const string mountInfo = "/proc/self/mountinfo";
        if (!OperatingSystem.IsLinux() || !File.Exists(mountInfo)) return false;
        var real = OutputFolder.RealPath(path);
        foreach (var line in File.ReadLines(mountInfo))
        {
            var fields = line.Split(' ');
            // Field 5 is the mount point, with space, tab, newline and backslash written as octal escapes.
            if (fields.Length > 4 && UnescapeOctal(fields[4]) == real) return true;
        }
        return false;
    }

    /// <summary>mountinfo writes space, tab, newline and backslash as \\ooo (three octal digits).</summary>
    static string UnescapeOctal(string text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && text.Length - i >= 4)
            {
                result.Append((char)Convert.ToInt32(text.Substring(i + 1, 3), 8));
                i += 3;
            }
            else result.Append(text[i]);
        }
        return result.ToString();
    }

    /// <summary>The operating system's reason, without the path .NET appends (the staging path means nothing to the user).</summary>
    internal static string Reason(Exception e)
    {
        var message = e.Message;
        var colon = message.IndexOf(" : '", StringComparison.Ordinal);
        if (colon > 0) message = message[..colon];
        var path = message.IndexOf(" '/", StringComparison.Ordinal);
        if (e is UnauthorizedAccessException) return "permission denied";
        return (path > 0 ? message[..path] : message).TrimEnd('.', ' ', ':');
    }

    /// <summary>Deletes the staging folder unless committed, and releases the lock.</summary>
    public void Dispose()
    {
        try
        {
            if (!done && Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        done = true;
        outputLock.Dispose();
    }
}
