using System.CommandLine;
using System.Globalization;

namespace PidReg.Cli.Commands;

/// <summary>
/// --progress-every SECONDS, shared by `notebooks run` and `experiment`: how often a progress line goes to a log that is
/// not a terminal (on a terminal the status line is rewritten in place instead, see <see cref="LiveStatus"/>).
/// </summary>
internal static class ProgressEveryOption
{
    public static Option<double> Create() => new("--progress-every")
    {
        Description = "When the output is not a terminal (a log file, CI): seconds without output before a progress line is written "
            + FormattableString.Invariant($"(default {LiveStatus.DefaultPlainEvery.TotalSeconds}; 0: a line at every update). On a terminal the progress is one line updated in place."),
        DefaultValueFactory = _ => LiveStatus.DefaultPlainEvery.TotalSeconds,
    };

    /// <summary>The interval asked for; a value out of [0, 1 day] is an <see cref="ArgumentException"/> naming the flag.</summary>
    public static TimeSpan Bind(ParseResult parse, Option<double> option)
    {
        var seconds = parse.GetValue(option);
        if (!(seconds >= 0 && seconds <= LiveStatus.MaxPlainEverySeconds))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"--progress-every {seconds}: must be a number of seconds in [0, {LiveStatus.MaxPlainEverySeconds}] (0 writes a line at every update)."));
        return TimeSpan.FromSeconds(seconds);
    }
}
