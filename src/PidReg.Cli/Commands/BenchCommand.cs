using System.CommandLine;

namespace PidReg.Cli.Commands;

internal static class BenchCommand
{
    public static Command Create() =>
        NotYetAvailable.Create("bench", "Benchmarks: PID solver and training speed.", "issues 3 and 4");
}
