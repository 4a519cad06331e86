using System.Runtime.InteropServices;

namespace PidReg.Cli;

/// <summary>
/// SIGINT and SIGTERM turned into a cancellation the running command can act on (stop its kernel process, keep the
/// outputs so far, leave --out consistent) instead of the runtime's immediate exit. The exit code is then the shell's
/// 128 + signal: 130 for SIGINT, 143 for SIGTERM. A second signal of the same kind ends the process at once, as usual.
/// </summary>
internal sealed class Interruption : IDisposable
{
    readonly CancellationTokenSource source = new();
    readonly List<PosixSignalRegistration> registrations = [];

    Interruption() { }

    /// <summary>The first signal received, if any.</summary>
    public PosixSignal? Signal { get; private set; }

    /// <summary>Cancelled when the first signal arrives.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>130 after SIGINT, 143 after SIGTERM, else null.</summary>
    public int? ExitCode => Signal switch
    {
        PosixSignal.SIGINT => 130,
        PosixSignal.SIGTERM => 143,
        _ => null,
    };

    /// <summary>Starts listening for SIGINT and SIGTERM until disposed.</summary>
    public static Interruption Listen()
    {
        var interruption = new Interruption();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
            interruption.registrations.Add(PosixSignalRegistration.Create(signal, interruption.Handle));
        return interruption;
    }

    void Handle(PosixSignalContext context)
    {
        lock (registrations)
        {
            if (Signal == context.Signal) return;  // the second one: let the runtime end the process
            Signal ??= context.Signal;
            context.Cancel = true;
        }
        source.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        source.Dispose();
    }
}
