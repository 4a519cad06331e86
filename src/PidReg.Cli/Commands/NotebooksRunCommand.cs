using System.CommandLine;

namespace PidReg.Cli.Commands;

internal static class NotebooksRunCommand
{
    public static Command Create() =>
        NotYetAvailable.Create("run", "Execute notebooks, write executed .ipynb and .html.", "issue 7");
}
