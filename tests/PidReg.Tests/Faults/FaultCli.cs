using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace PidReg.Tests.Faults;

/// <summary>
/// The real `pidreg` as a child process (the apphost the build copies next to the tests), so that signals, kill -9,
/// exit codes and the process tree are those a user sees. Timeouts are generous and only guard against hangs.
/// </summary>
internal sealed class FaultCli : IDisposable
{
    /// <summary>Longest wait for anything (a run, a line, a process to end): a hang guard, never a speed check.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    readonly Process process;
    readonly StringBuilder output = new(), error = new();

    FaultCli(Process process) => this.process = process;

    public int Pid => process.Id;

    /// <summary>
    /// Starts `pidreg ARGS` in <paramref name="folder"/>; with <paramref name="ownGroup"/> as the leader of a process
    /// group of its own (through setsid, which execs in place, so <see cref="Pid"/> is pidreg's), as a shell's
    /// foreground job is: then <see cref="SignalGroup"/> is what a terminal's Ctrl+C does.
    /// </summary>
    public static FaultCli Start(string folder, IEnumerable<string> args, IDictionary<string, string>? environment = null, bool ownGroup = false)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "PidReg.Cli");
        var info = new ProcessStartInfo(ownGroup ? "setsid" : cli)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (ownGroup) info.ArgumentList.Add(cli);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        var started = new FaultCli(Process.Start(info)!);
        started.process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (started.output) started.output.AppendLine(e.Data); };
        started.process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (started.error) started.error.AppendLine(e.Data); };
        started.process.BeginOutputReadLine();
        started.process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Runs `pidreg ARGS` to the end.</summary>
    public static FaultRun Run(string folder, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        using var cli = Start(folder, args, environment);
        return cli.WaitForExit();
    }

    public string Out { get { lock (output) return output.ToString(); } }

    public string Error { get { lock (error) return error.ToString(); } }

    /// <summary>Waits until stdout or stderr holds <paramref name="text"/>; fails with both if the process ends first.</summary>
    public void WaitFor(string text)
    {
        var clock = Stopwatch.StartNew();
        while (!(Out + Error).Contains(text, StringComparison.Ordinal))
        {
            if (process.HasExited || clock.Elapsed > Patience)
                Assert.Fail($"'{text}' never came (exited: {process.HasExited}){Environment.NewLine}stdout: {Out}{Environment.NewLine}stderr: {Error}");
            Thread.Sleep(100);
        }
    }

    /// <summary>The process ids of this process's children (Linux /proc).</summary>
    public List<int> Children() => Directory.EnumerateDirectories("/proc")
        .Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)).Select(n => int.Parse(n!, System.Globalization.CultureInfo.InvariantCulture))
        .Where(pid => ParentOf(pid) == Pid).ToList();

    static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException) { return null; }
    }

    /// <summary>True while a process with id <paramref name="pid"/> exists and is not a zombie.</summary>
    public static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        catch (IOException) { return false; }
    }

    /// <summary>Waits (patiently) for <paramref name="pid"/> to be gone; false if it outlives the patience.</summary>
    public static bool WaitGone(int pid)
    {
        var clock = Stopwatch.StartNew();
        while (Alive(pid) && clock.Elapsed < Patience) Thread.Sleep(100);
        return !Alive(pid);
    }

    /// <summary>Sends <paramref name="signal"/> to this process's whole process group (started with ownGroup).</summary>
    public void SignalGroup(int signal)
    {
        if (Kill(-Pid, signal) != 0) Assert.Fail($"kill(-{Pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public void Signal(int signal)
    {
        if (Kill(Pid, signal) != 0) Assert.Fail($"kill({Pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public FaultRun WaitForExit()
    {
        if (!process.WaitForExit(Patience))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"pidreg still ran after {Patience}: stdout: {Out}{Environment.NewLine}stderr: {Error}");
        }
        process.WaitForExit();  // drains the redirected streams
        return new FaultRun(process.ExitCode, Out, Error);
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }

    public const int SigInt = 2, SigKill = 9, SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "geteuid")]
    static extern uint GetEffectiveUserId();

    /// <summary>True when the tests run as root (CI does): only root can mount the tmpfs the full and read-only cases need.</summary>
    public static bool IsRoot => GetEffectiveUserId() == 0;
}

/// <summary>What a finished run gave: exit code, stdout, stderr.</summary>
internal sealed record FaultRun(int Exit, string Out, string Error);
