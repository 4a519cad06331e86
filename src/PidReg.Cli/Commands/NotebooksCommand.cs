using System.CommandLine;

namespace PidReg.Cli.Commands;

internal static class NotebooksCommand
{
    public static Command Create() =>
        NotYetAvailable.Create("notebooks", "Run the kit's notebooks headlessly and render HTML reports.", "issue 7");
}
