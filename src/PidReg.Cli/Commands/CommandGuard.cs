namespace PidReg.Cli.Commands;

/// <summary>
/// The one exit-code convention of every command (README, "Exit codes"): <see cref="Ok"/> 0, <see cref="RunFailed"/> 1 for
/// a run that went through but failed its own checks (a notebook cell failed), <see cref="UserError"/> 2 for a usage or
/// input error. A user's mistake (bad file, column, option) becomes one line on stderr, never a stack trace.
/// </summary>
internal static class CommandGuard
{
    public const int Ok = 0;
    public const int RunFailed = 1;
    public const int UserError = 2;
    public const int Cancelled = 130; // as for SIGINT, by shell convention

    /// <summary>Library option names a message may cite, and the flag that sets each (so a message points to something the user can type).</summary>
    static readonly Dictionary<string, string> Flags = new(StringComparer.Ordinal)
    {
        ["Epochs"] = "--epochs", ["BatchSize"] = "--batch-size", ["LatentDim"] = "--latent-dim", ["LearningRate"] = "--learning-rate",
        ["EarlyStoppingPatience"] = "--patience", ["BootstrapReplicates"] = "--bootstrap", ["Seeds"] = "--seeds", ["Threads"] = "--threads",
        ["Seed"] = "--seed",
    };

    public static int Run(string command, Func<int> body) => Run(command, Console.Error, body);

    public static int Run(string command, TextWriter error, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (IsUserError(ex))
        {
            error.WriteLine($"pidreg {command}: {UserMessage(ex)}");
            return UserError;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine($"pidreg {command}: cancelled.");
            return Cancelled;
        }
    }

    /// <summary>Writes a usage error and returns <see cref="UserError"/>.</summary>
    public static int Fail(string command, TextWriter error, string message)
    {
        error.WriteLine($"pidreg {command}: {message}");
        return UserError;
    }

    static bool IsUserError(Exception ex) => ex is ArgumentException or IOException or InvalidDataException or FormatException
        or InvalidOperationException or KeyNotFoundException or UnauthorizedAccessException or OutOfMemoryException;

    /// <summary>
    /// The message without .NET's "(Parameter 'x')" and "Actual value was y." tails; an option field that has a flag
    /// gets the flag named.
    /// </summary>
    internal static string UserMessage(Exception ex)
    {
        if (ex is OutOfMemoryException)
            return "not enough memory for this run; lower the counts or sizes you asked for (--bootstrap, --rows, --batch-size, --epochs).";
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
