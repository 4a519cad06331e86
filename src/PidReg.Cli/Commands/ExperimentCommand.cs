using System.CommandLine;

namespace PidReg.Cli.Commands;

internal static class ExperimentCommand
{
    public static Command Create() =>
        NotYetAvailable.Create("experiment", "Multi-seed comparison of models on a data set.", "issue 6");
}
