using System.CommandLine;

namespace PidReg.Tests.Cli;

/// <summary>
/// Runs a command in-process with Console.Out and Console.Error captured (fit and experiment print through Console).
/// The console is process-global: callers sit in the non-parallel torch collection.
/// </summary>
internal static class CommandConsole
{
    public static (int Exit, string Out, string Error) Invoke(Command command, params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        var (output, error) = (new StringWriter(), new StringWriter());
        try
        {
            Console.SetOut(output);
            Console.SetError(error);
            int exit = command.Parse(args).Invoke();
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }
}
