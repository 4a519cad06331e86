using System.CommandLine;

namespace PidReg.Cli.Commands;

internal static class PidCommand
{
    public static Command Create() =>
        NotYetAvailable.Create("pid", "Partial information decomposition of a covariance or of a CSV data set.", "issue 3");
}
