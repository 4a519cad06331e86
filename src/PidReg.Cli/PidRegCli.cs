using System.CommandLine;
using System.CommandLine.Help;
using PidReg.Cli.Commands;

namespace PidReg.Cli;

/// <summary>
/// The `pidreg` command tree and its entry point: one file per subcommand under Commands/. A usage error (unknown
/// option, missing value, a value of the wrong type) exits 2, as input errors do (<see cref="CommandGuard"/>).
/// </summary>
internal static class PidRegCli
{
    /// <summary>--verbose, on every command: print the trace of an internal error (it is always in the log file).</summary>
    public static readonly Option<bool> Verbose = new("--verbose") { Description = "On an internal error, print its stack trace too (it is always written to a log file).", Recursive = true };

    /// <summary>The commands that watch their cancellation token, so that SIGINT and SIGTERM stop them cleanly.</summary>
    static readonly HashSet<string> StopsCleanly = new(StringComparer.Ordinal) { "fit", "experiment", "reproduce", "notebooks run", "datasets export" };

    /// <summary>
    /// The commands after which the process ends at once (<see cref="ProcessEnd"/>): by the time they return, their files
    /// are closed and their output is on the console, and what is left is libtorch's exit handlers, which a user waits for.
    /// </summary>
    static readonly HashSet<string> EndsAtOnce = new(StringComparer.Ordinal) { "experiment", "reproduce" };

    /// <summary>Environment variable that makes every command fail as a bug would (for the tests of internal-error reporting).</summary>
    public const string SimulatedBugVariable = "PIDREG_SIMULATE_BUG";

    /// <summary>
    /// Environment variable MODEL/SEED that makes that one run of an `experiment` grid fail (for the tests of how a
    /// failed run is reported: every model trains on every valid input, so a real failure cannot be made on demand).
    /// MODEL/SEED/exit instead makes the worker process of `--jobs` that runs it exit at once, as a crash would.
    /// </summary>
    public const string SimulatedRunFailureVariable = "PIDREG_SIMULATE_RUN_FAILURE";

    /// <summary>The command's name in usage lines and messages.</summary>
    public const string Name = "pidreg";

    // A RootCommand takes its name from the executable (PidReg.Cli, or dotnet's host for a tool); a plain command named
    // pidreg with the root's help and version options reads the same however the kit is started.
    public static Command Create() => new(Name, "PidReg: explainable multimodal regression with partial information decomposition.")
    {
        new HelpOption(),
        new VersionOption(),
        PidCommand.Create(),
        FitCommand.Create(),
        ExperimentCommand.Create(),
        ReproduceCommand.Create(),
        DatasetsCommand.Create(),
        NotebooksCommand.Create(),
        BenchCommand.Create(),
        Verbose,
    };

    /// <summary>
    /// Parses and runs <paramref name="args"/>; returns the exit code. SIGINT and SIGTERM cancel the command (which stops
    /// cleanly) and make the exit code 130 or 143; an exception no command expected is reported as an internal error.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <param name="endProcess">True for the process's own entry point: after some commands (<see cref="EndsAtOnce"/>) the process ends at once, without returning.</param>
    public static async Task<int> InvokeAsync(string[] args, bool endProcess = false)
    {
        var parse = Create().Parse(args);
        var name = string.Join(" ", CommandPath(parse.CommandResult));
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                Console.Error.WriteLine($"pidreg{(name.Length > 0 ? " " + name : "")}: {error.Message}");
            Console.Error.WriteLine($"See: pidreg {(name.Length > 0 ? name + " " : "")}--help");
            return CommandGuard.UserError;
        }
        // Only commands that act on the cancellation take the signals over (they stop cleanly and leave --out as it
        // was); the others keep the runtime's default, ending at once, which for them loses nothing. The kernel process
        // of `notebooks run` is among those: its parent stops it and records the interrupted cell.
        using var interruption = StopsCleanly.Contains(name) ? Interruption.Listen() : null;
        // The command's own handling, not System.CommandLine's: no timeout-then-exit, no exception printer.
        var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
        int exit;
        try
        {
            // A real bug cannot be summoned on demand, so the fault battery sets this to check how one is reported.
            if (Environment.GetEnvironmentVariable(SimulatedBugVariable) == "1")
                throw new InvalidOperationException($"a simulated bug ({SimulatedBugVariable}=1)");
            exit = await parse.InvokeAsync(configuration, interruption?.Token ?? CancellationToken.None);
        }
        catch (OperationCanceledException) when (interruption?.Signal is not null)
        {
            Console.Error.WriteLine($"pidreg {name}: interrupted.");
            exit = CommandGuard.Cancelled;
        }
        catch (Exception e)
        {
            return CommandGuard.Internal(name, Console.Error, e, parse.GetValue(Verbose));
        }
        int code = interruption?.ExitCode ?? exit;
        if (endProcess && EndsAtOnce.Contains(name)) ProcessEnd.Now(code);
        return code;
    }

    static IEnumerable<string> CommandPath(System.CommandLine.Parsing.CommandResult? result)
    {
        var names = new Stack<string>();
        for (var r = result; r?.Parent is System.CommandLine.Parsing.CommandResult parent; r = parent) names.Push(r.Command.Name);
        return names;
    }
}
