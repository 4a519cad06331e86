using System.CommandLine;

namespace PidReg.Cli.Commands;

internal static class FitCommand
{
    public static Command Create() =>
        NotYetAvailable.Create("fit", "Train PIDReg or a baseline on a CSV data set and print test metrics and the explanation.", "issue 4");
}
