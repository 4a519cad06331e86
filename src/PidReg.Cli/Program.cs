using System.CommandLine;
using PidReg.Cli.Commands;

// The `pidreg` command: one file per subcommand under Commands/, each building its Command.
var root = new RootCommand("PidReg: explainable multimodal regression with partial information decomposition.")
{
    PidCommand.Create(),
    FitCommand.Create(),
    ExperimentCommand.Create(),
    DatasetsCommand.Create(),
    NotebooksCommand.Create(),
    BenchCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
