using System.CommandLine;

namespace PidReg.Cli.Commands;

/// <summary>`pidreg notebooks run`: the headless runner, on the .NET Interactive kernel that VS Code and Jupyter use.</summary>
internal static class NotebooksCommand
{
    public static Command Create() =>
        new Command("notebooks", "Run the kit's notebooks headlessly and render HTML reports.")
        {
            NotebooksRunCommand.Create(),
            NotebooksExecuteCommand.Create(),
        };
}
