using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace PidReg.Cli;

/// <summary>Ends this process without the native libraries' exit handlers.</summary>
/// <remarks>
/// libtorch's static destructors deregister every operator kernel at exit, 0.1 s of CPU on an idle machine and several
/// times that on a busy one, and free nothing the system would not reclaim anyway. A user waits for them at the end of
/// every experiment, and the parent of an `experiment --jobs` worker for the worker's.
/// </remarks>
internal static class ProcessEnd
{
    /// <summary>
    /// Flushes the console and ends the process with <paramref name="exitCode"/> at once: no finalizers, no exit handlers.
    /// Only for a process whose files are all closed. With a terminal on standard input (a user at a prompt) the runtime's
    /// own exit runs instead, as <see cref="Environment.Exit"/> does on Windows: it restores the terminal settings the
    /// runtime changed, which the shortcut would leave behind. Workers and scripted runs read a pipe or a file.
    /// </summary>
    [DoesNotReturn]
    public static void Now(int exitCode)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        if ((OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && Console.IsInputRedirected) ExitImmediately(exitCode);
        Environment.Exit(exitCode);
    }

    // DllImport, not LibraryImport: the source-generated form needs unsafe code enabled for the whole project.
    [DllImport("libc", EntryPoint = "_exit")]
    static extern void ExitImmediately(int status);
}
