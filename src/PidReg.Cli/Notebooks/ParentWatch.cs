using System.Diagnostics;
using System.Runtime.InteropServices;

namespace PidReg.Cli.Notebooks;

/// <summary>
/// The kernel process's side of "children end with their parent". The parent (<see cref="NotebookRunner"/>) holds the
/// write end of this process's standard input and never writes to it, so a read returns end-of-file exactly when the
/// parent has gone, however it ended (SIGKILL included): then this process ends itself and everything it started.
/// Chosen over prctl(PR_SET_PDEATHSIG), which fires when the parent's starting thread exits rather than the parent.
/// </summary>
internal static class ParentWatch
{
    /// <summary>
    /// Leaves the parent's process group (so a terminal's Ctrl+C reaches the parent alone, which then stops this process
    /// and records the interrupted cell) and starts watching standard input.
    /// </summary>
    /// <param name="line">
    /// Receives each line the parent writes, for a child the parent also sends work to (the workers of `experiment
    /// --jobs`); null for one that only watches. Called on the watching thread.
    /// </param>
    public static void Start(Action<string>? line = null)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) _ = SetProcessGroup(0, 0);
        var watcher = new Thread(() =>
        {
            try
            {
                using var input = new StreamReader(Console.OpenStandardInput());
                while (input.ReadLine() is { } text) line?.Invoke(text);
            }
            catch (IOException) { }
            // The parent is gone: nobody will read what this process writes, and its outputs belong to a dead run.
            using var self = Process.GetCurrentProcess();
            self.Kill(entireProcessTree: true);
        })
        { IsBackground = true, Name = "parent watch" };
        watcher.Start();
    }

    // DllImport, not LibraryImport: the source-generated form needs unsafe code enabled for the whole project.
    [DllImport("libc", EntryPoint = "setpgid")]
    static extern int SetProcessGroup(int pid, int processGroup);
}
