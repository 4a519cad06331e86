using System.CommandLine;

namespace PidReg.Cli.Commands;

/// <summary>A command whose issue has not landed: it is listed in --help and fails clearly when run.</summary>
internal static class NotYetAvailable
{
    public const int ExitCode = 3;

    public static Command Create(string name, string description, string issue)
    {
        var command = new Command(name, description + " (not yet available)");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(_ =>
        {
            Console.Error.WriteLine($"pidreg {name}: not yet available in this version of the kit ({issue}).");
            return ExitCode;
        });
        return command;
    }
}
