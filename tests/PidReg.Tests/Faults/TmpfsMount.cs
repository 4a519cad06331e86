using System.Diagnostics;

namespace PidReg.Tests.Faults;

/// <summary>
/// A small tmpfs mounted for one case: a disk that fills up, or a read-only file system. Needs root (CI runs as root);
/// otherwise the case fails saying so (it is never skipped silently). Root ignores file permissions, so a read-only
/// mount is the only honest "cannot write" for root.
/// </summary>
internal static class TmpfsMount
{
    /// <summary>Mounts a tmpfs of <paramref name="kilobytes"/> KB at <paramref name="folder"/> (created), read-only if asked.</summary>
    public static void Mount(string folder, int kilobytes, bool readOnly = false)
    {
        if (!FaultCli.IsRoot)
            Assert.Fail("this case needs root: it mounts a small tmpfs (full disk, read-only file system); run the tests as root, as CI does.");
        Directory.CreateDirectory(folder);
        Exec("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k{(readOnly ? ",ro" : "")}", "tmpfs", folder);
    }

    /// <summary>Makes a mounted tmpfs read-only (after files were put on it).</summary>
    public static void MakeReadOnly(string folder) => Exec("mount", "-o", "remount,ro", folder);

    /// <summary>Fills the file system of <paramref name="folder"/> with a user file of zeros, leaving about <paramref name="leaveKilobytes"/> KB.</summary>
    public static void Fill(string file, int leaveKilobytes)
    {
        var drive = new DriveInfo(Path.GetDirectoryName(file)!);
        long size = Math.Max(0, drive.AvailableFreeSpace - leaveKilobytes * 1024L);
        using var stream = new FileStream(file, FileMode.CreateNew);
        var block = new byte[4096];
        try
        {
            for (long written = 0; written < size; written += block.Length)
                stream.Write(block, 0, (int)Math.Min(block.Length, size - written));
            stream.Flush();
        }
        catch (IOException) { }  // full: that is the point
    }

    /// <summary>Unmounts every tmpfs under <paramref name="root"/> (lazily, so a stray open file cannot block the cleanup).</summary>
    public static void UnmountAll(string root)
    {
        if (!File.Exists("/proc/self/mounts")) return;
        var real = Path.GetFullPath(root);
        foreach (var point in File.ReadAllLines("/proc/self/mounts").Select(l => l.Split(' ')[1]).Where(p => p.StartsWith(real, StringComparison.Ordinal)).Reverse())
            Exec("umount", "-l", point);
    }

    static void Exec(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) Assert.Fail($"{file} {string.Join(' ', args)} failed: {error}");
    }
}
