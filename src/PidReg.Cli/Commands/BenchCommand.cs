using System.CommandLine;

namespace PidReg.Cli.Commands;

/// <summary>`pidreg bench pid|train`: performance is measured here, never asserted by timed tests.</summary>
internal static class BenchCommand
{
    public static Command Create() =>
        new Command("bench", "Benchmarks: PID solver and training speed.")
        {
            BenchPidCommand.Create(),
            BenchTrainCommand.Create(),
        };
}
