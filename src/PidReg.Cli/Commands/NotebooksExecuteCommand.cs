using System.CommandLine;
using PidReg.Cli.Notebooks;

namespace PidReg.Cli.Commands;

/// <summary>
/// `pidreg notebooks execute PREPARED.ipynb [--continue-on-error]`: the kernel process of `notebooks run` (hidden).
/// Executes the notebook in place in the current folder, saving after every cell.
/// </summary>
internal static class NotebooksExecuteCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("PREPARED") { Description = "A notebook prepared by `notebooks run` (parameters injected)." };
        var continueOnError = new Option<bool>("--continue-on-error") { Description = "Keep running the cells after a failed one." };
        var exitWithParent = new Option<bool>("--exit-with-parent") { Description = "End when standard input closes (the parent's pipe: the parent has gone)." };
        var command = new Command("execute", "Kernel process of `notebooks run`: execute one prepared notebook in place.") { path, continueOnError, exitWithParent };
        command.Hidden = true;
        command.SetAction(async (parseResult, _) =>
        {
            if (parseResult.GetValue(exitWithParent)) ParentWatch.Start();
            try
            {
                return await NotebookExecutor.RunAsync(parseResult.GetValue(path)!, parseResult.GetValue(continueOnError));
            }
            catch (NotebookFormatException e)
            {
                await Console.Error.WriteLineAsync($"pidreg notebooks execute: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
