using System.CommandLine;

namespace PidReg.Cli.Commands;

internal static class BenchTrainCommand
{
    public static Command Create() =>
        NotYetAvailable.Create("train", "Seconds per epoch and peak memory of PIDReg training.", "issue 4");
}
