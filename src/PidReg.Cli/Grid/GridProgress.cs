using System.Diagnostics;
using System.Globalization;
using PidReg.Evaluation;

namespace PidReg.Cli.Grid;

/// <summary>
/// The progress lines of a grid on stderr, one as each run ends, in the order they end: "run k of n: MODEL seed S: …
/// (ETA …)". The ETA is the time per finished run so far times the runs left, which already accounts for the workers
/// running side by side.
/// </summary>
internal sealed class GridProgress(TextWriter error, int total)
{
    readonly Stopwatch clock = Stopwatch.StartNew();
    readonly Lock gate = new();
    int done;

    /// <summary>Reports a finished run.</summary>
    public void Finished(ExperimentRun run) => Line(string.Create(CultureInfo.InvariantCulture,
        $"{run.Model} seed {run.Seed}: {run.Scores}, {run.SecondsPerEpoch:F3} s/epoch"));

    /// <summary>Reports a failed run.</summary>
    public void Failed(ExperimentFailure failure) => Line(string.Create(CultureInfo.InvariantCulture,
        $"{failure.Model} seed {failure.Seed} FAILED: {failure.Message}"));

    void Line(string what)
    {
        lock (gate)
        {
            done++;
            var left = total - done;
            var eta = left == 0 ? "done" : "ETA " + Duration(clock.Elapsed.TotalSeconds / done * left);
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {done} of {total}: {what} ({eta})"));
        }
    }

    /// <summary>"42 s", "3 min 05 s", "2 h 07 min".</summary>
    public static string Duration(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Round(seconds));
        return t.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours} h {t.Minutes:00} min")
            : t.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{t.Minutes} min {t.Seconds:00} s")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Seconds} s");
    }
}
