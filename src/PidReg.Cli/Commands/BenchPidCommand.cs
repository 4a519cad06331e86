using System.CommandLine;

namespace PidReg.Cli.Commands;

internal static class BenchPidCommand
{
    public static Command Create() =>
        NotYetAvailable.Create("pid", "Time the closed-form PID and the vector-target solver.", "issue 3");
}
