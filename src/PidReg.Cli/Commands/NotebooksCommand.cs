using System.CommandLine;

namespace PidReg.Cli.Commands;

/// <summary>
/// `pidreg notebooks run`: the headless runner, on the .NET Interactive kernel that VS Code and Jupyter use; `pidreg
/// notebooks new`: a starter notebook for a user's CSV.
/// </summary>
internal static class NotebooksCommand
{
    public static Command Create() =>
        new Command("notebooks", "Run notebooks headlessly and render HTML reports, or write a starter notebook for your CSV.")
        {
            NotebooksRunCommand.Create(),
            NotebooksExecuteCommand.Create(),
            NotebooksNewCommand.Create(),
        };
}
