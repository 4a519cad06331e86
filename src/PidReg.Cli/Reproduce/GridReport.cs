using PidReg.Cli.Commands;
using PidReg.Evaluation;

namespace PidReg.Cli.Reproduce;

/// <summary>A grid of a reproduce, done: its table and what it took.</summary>
/// <param name="Planned">The grid as it was planned (with the runs found from before).</param>
/// <param name="Result">The table of every finished run, the earlier ones included, and the failures.</param>
/// <param name="WallSeconds">Wall time the grid took, over every reproduce that ran some of its runs (<see cref="GridWallTimes"/>).</param>
/// <param name="Ran">Runs this reproduce executed (finished or failed).</param>
/// <param name="RunSeconds">The finished runs' own wall times summed, those of earlier reproduces included (each run in one process; with --jobs N side by side, so about N times the wall time).</param>
internal sealed record GridReport(PlannedGrid Planned, ExperimentResult Result, double WallSeconds, int Ran, double RunSeconds)
{
    /// <summary>Runs that were in the run folder already, from an earlier reproduce.</summary>
    public int Resumed => Planned.Finished.Count;

    /// <summary>The grid's table as `pidreg experiment` prints it, with the runs that failed named below it.</summary>
    public string Markdown()
    {
        var text = ExperimentCommand.Table(Result, Planned.Settings.Title, Planned.Grid.Seeds);
        if (Result.Failures.Count > 0)
            text += Environment.NewLine + $"Left out, failed: {string.Join("; ", Result.Failures.Select(f => $"{f.Model} seed {f.Seed}: {f.Message.TrimEnd('.')}"))}." + Environment.NewLine;
        return text;
    }
}
