using System.Globalization;
using PidReg.Training;

namespace PidReg.Cli.Commands;

/// <summary>
/// The one exit-code convention of every command (README, "Exit codes"): <see cref="Ok"/> 0, <see cref="RunFailed"/> 1 for
/// a run that went through but failed its own checks (a notebook cell failed, training diverged), <see cref="UserError"/>
/// 2 for a usage or input error, 130/143 after SIGINT/SIGTERM, <see cref="InternalError"/> 70 for a bug. A user's
/// mistake (bad file, column, option) becomes one line on stderr, never a stack trace; a bug says it is one.
/// </summary>
internal static class CommandGuard
{
    public const int Ok = 0;
    public const int RunFailed = 1;
    public const int UserError = 2;
    public const int Cancelled = 130; // as for SIGINT, by shell convention (143 after SIGTERM: PidRegCli)
    public const int InternalError = 70; // EX_SOFTWARE of sysexits.h: a bug, not the user's mistake

    /// <summary>Library option names a message may cite, and the flag that sets each (so a message points to something the user can type).</summary>
    static readonly Dictionary<string, string> Flags = new(StringComparer.Ordinal)
    {
        ["Epochs"] = "--epochs", ["BatchSize"] = "--batch-size", ["LatentDim"] = "--latent-dim", ["LearningRate"] = "--learning-rate",
        ["EarlyStoppingPatience"] = "--patience", ["BootstrapReplicates"] = "--bootstrap", ["Seeds"] = "--seeds", ["Threads"] = "--threads",
        ["Seed"] = "--seed", ["Modalities"] = "--modalities",
    };

    public static int Run(string command, Func<int> body) => Run(command, Console.Error, body);

    public static int Run(string command, TextWriter error, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (TrainingDivergedException ex)
        {
            // Not the user's input but the run: it went through and failed its own check, so 1 as for a failed cell.
            error.WriteLine($"pidreg {command}: {ex.Message}");
            return RunFailed;
        }
        catch (Exception ex) when (IsUserError(ex))
        {
            error.WriteLine($"pidreg {command}: {UserMessage(ex)}");
            return UserError;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine($"pidreg {command}: interrupted; nothing was written (an earlier --out is unchanged).");
            return Cancelled;
        }
    }

    /// <summary>
    /// Reports an exception no command expected (a bug in pidreg, not the user's mistake): one line saying so, the full
    /// trace in a log file whose path is printed, and on stderr too with <paramref name="verbose"/>. Returns
    /// <see cref="InternalError"/>.
    /// </summary>
    public static int Internal(string command, TextWriter error, Exception ex, bool verbose)
    {
        string? log = null;
        try
        {
            var folder = Path.Combine(Path.GetTempPath(), "pidreg-logs");
            Directory.CreateDirectory(folder);
            log = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"internal-error-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.log"));
            File.WriteAllText(log, $"pidreg {command}: internal error{Environment.NewLine}command line: {Environment.CommandLine}{Environment.NewLine}" +
                $"version: {typeof(CommandGuard).Assembly.GetName().Version}{Environment.NewLine}{Environment.NewLine}{ex}{Environment.NewLine}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log = null;  // no log then: --verbose still prints the trace
        }
        var memory = ex is OutOfMemoryException
            ? " The process ran out of memory: lower the counts or sizes you asked for (--bootstrap, --rows, --batch-size) or free memory."
            : "";
        error.WriteLine($"pidreg {command}: internal error (a bug in pidreg): {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}.{memory} " +
            (log is null ? "Rerun with --verbose for the details." : $"The details are in {log}; rerun with --verbose to print them.") +
            " Please report it with that file.");
        if (verbose) error.WriteLine(ex.ToString());
        return InternalError;
    }

    /// <summary>Writes a usage error and returns <see cref="UserError"/>.</summary>
    public static int Fail(string command, TextWriter error, string message)
    {
        error.WriteLine($"pidreg {command}: {message}");
        return UserError;
    }

    /// <summary>
    /// The exception types the kit throws for a user's mistake (input, option, file, folder). InvalidOperationException
    /// and OutOfMemoryException are not among them: the kit checks its inputs and limits first, so one of those is a bug.
    /// </summary>
    internal static bool IsUserError(Exception ex) => ex is ArgumentException or IOException or InvalidDataException or FormatException
        or KeyNotFoundException or UnauthorizedAccessException or Notebooks.NotebookFormatException;

    /// <summary>
    /// The message without .NET's "(Parameter 'x')" and "Actual value was y." tails; an option field that has a flag
    /// gets the flag named.
    /// </summary>
    internal static string UserMessage(Exception ex)
    {
        string message = ex.Message;
        if (ex is ArgumentOutOfRangeException { ActualValue: { } actual })
            message = message.Replace(Environment.NewLine + $"Actual value was {actual}.", "", StringComparison.Ordinal);
        if (ex is ArgumentException { ParamName: { } name })
        {
            message = message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal);
            if (Flags.TryGetValue(name, out var flag) && !message.Contains(flag, StringComparison.Ordinal))
                message = ex is ArgumentOutOfRangeException { ActualValue: { } value } ? $"{flag} {value}: {message}" : $"{flag}: {message}";
        }
        return message.ReplaceLineEndings(" ").Trim();
    }
}
