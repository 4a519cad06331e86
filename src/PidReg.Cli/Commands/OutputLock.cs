using System.Diagnostics;
using System.Globalization;

namespace PidReg.Cli.Commands;

/// <summary>
/// One run per output: a lock file beside the output holding the owner's process id and start time. A second run into
/// the same output is refused, naming the owner; a lock whose owner is gone (killed, crashed) is stale and taken over.
/// Released (deleted) on <see cref="Dispose"/>.
/// </summary>
internal sealed class OutputLock : IDisposable
{
    readonly string path;
    bool released;

    OutputLock(string path) => this.path = path;

    /// <summary>The lock file of <paramref name="output"/>: a hidden sibling, so that replacing the output keeps it.</summary>
    public static string PathFor(string output)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(output));
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.pidreg-lock");
    }

    /// <summary>
    /// Takes the lock of <paramref name="output"/> (given as the user spelled it, for messages). Throws
    /// <see cref="IOException"/> when a live process holds it.
    /// </summary>
    public static OutputLock Acquire(string output, string spelled)
    {
        var path = PathFor(output);
        using var self = Process.GetCurrentProcess();
        var content = string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessId}\n{self.StartTime.ToUniversalTime().Ticks}\n{OutputFolder.CommandLine}\n");
        // Two attempts: the second after removing a stale lock (its owner is gone).
        for (int attempt = 0; attempt < 2; attempt++)
        {
            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            }
            catch (IOException) when (File.Exists(path))
            {
                var owner = Owner(path);
                if (owner is { Alive: true })
                    throw new IOException(
                        $"--out {spelled} is in use by another pidreg run (process {owner.Value.Pid}: {owner.Value.CommandLine}); wait for it to finish or choose another --out. (Its lock is {path}.)");
                // Stale: the owner is gone (killed or crashed). Only one taker can rename it away.
                var stale = path + $".stale-{Environment.ProcessId}";
                try { File.Move(path, stale); File.Delete(stale); }
                catch (IOException) { }
                continue;
            }
            try
            {
                using (stream)
                using (var writer = new StreamWriter(stream))
                    writer.Write(content);
            }
            catch
            {
                // Not written (a full disk): a lock without an owner would only confuse the next run.
                File.Delete(path);
                throw;
            }
            return new OutputLock(path);
        }
        throw new IOException($"--out {spelled}: could not take its lock {path}; another run may be starting: try again.");
    }

    /// <summary>The owner recorded in a lock file, and whether that very process (same id and start time) still runs.</summary>
    static (int Pid, string CommandLine, bool Alive)? Owner(string path)
    {
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (IOException) { return null; }
        if (lines.Length < 2 || !int.TryParse(lines[0], CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(lines[1], CultureInfo.InvariantCulture, out var ticks))
            return null;  // unreadable or half-written: the writer died mid-write, so it is stale
        var commandLine = lines.Length > 2 ? lines[2] : "?";
        try
        {
            using var process = Process.GetProcessById(pid);
            // A recycled process id belongs to a process that started later than the lock's owner.
            bool same = !process.HasExited && Math.Abs(process.StartTime.ToUniversalTime().Ticks - ticks) < TimeSpan.TicksPerSecond;
            return (pid, commandLine, same);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return (pid, commandLine, false);
        }
    }

    /// <summary>Deletes the lock file.</summary>
    public void Dispose()
    {
        if (released) return;
        released = true;
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
