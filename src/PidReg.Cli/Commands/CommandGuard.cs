namespace PidReg.Cli.Commands;

/// <summary>Turns a user's mistake (bad file, column, option) into one line on stderr and exit code 2, never a stack trace.</summary>
internal static class CommandGuard
{
    public const int UserError = 2;
    public const int Cancelled = 130; // as for SIGINT, by shell convention

    public static int Run(string command, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or InvalidDataException or FormatException
                                       or InvalidOperationException or KeyNotFoundException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"pidreg {command}: {ex.Message}");
            return UserError;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"pidreg {command}: cancelled.");
            return Cancelled;
        }
    }
}
