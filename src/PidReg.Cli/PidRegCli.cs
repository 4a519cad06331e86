using System.CommandLine;
using PidReg.Cli.Commands;

namespace PidReg.Cli;

/// <summary>
/// The `pidreg` command tree and its entry point: one file per subcommand under Commands/. A usage error (unknown
/// option, missing value, a value of the wrong type) exits 2, as input errors do (<see cref="CommandGuard"/>).
/// </summary>
internal static class PidRegCli
{
    public static RootCommand Create() => new("PidReg: explainable multimodal regression with partial information decomposition.")
    {
        PidCommand.Create(),
        FitCommand.Create(),
        ExperimentCommand.Create(),
        DatasetsCommand.Create(),
        NotebooksCommand.Create(),
        BenchCommand.Create(),
    };

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0)
        {
            var name = string.Join(" ", CommandPath(parse.CommandResult));
            foreach (var error in parse.Errors)
                Console.Error.WriteLine($"pidreg{(name.Length > 0 ? " " + name : "")}: {error.Message}");
            Console.Error.WriteLine($"See: pidreg {(name.Length > 0 ? name + " " : "")}--help");
            return CommandGuard.UserError;
        }
        return await parse.InvokeAsync();
    }

    static IEnumerable<string> CommandPath(System.CommandLine.Parsing.CommandResult? result)
    {
        var names = new Stack<string>();
        for (var r = result; r?.Parent is System.CommandLine.Parsing.CommandResult parent; r = parent) names.Push(r.Command.Name);
        return names;
    }
}
