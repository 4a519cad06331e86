using System.CommandLine;

namespace PidReg.Cli.Commands;

internal static class DatasetsCommand
{
    public static Command Create() =>
        NotYetAvailable.Create("datasets", "List the dataset registry: real, reconstructed or stand-in, and where the files go.", "issue 5");
}
