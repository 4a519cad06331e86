using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using PidReg.Data;
using PidReg.Evaluation;

namespace PidReg.Cli.Reproduce;

/// <summary>
/// The index of a reproduce's output (README.md): the command, the date, the machine, then every grid with the
/// results it stands behind, its wall time, the command that makes it alone, and its table. The README's results
/// tables are copied from here.
/// </summary>
internal static class ReproduceIndex
{
    /// <summary>The index text.</summary>
    /// <param name="reports">Every grid, in order.</param>
    /// <param name="command">The reproduce command line.</param>
    /// <param name="quick">Whether the grids were the quick ones.</param>
    /// <param name="jobs">Processes the runs were spread over.</param>
    /// <param name="wallSeconds">Wall time of this reproduce, from the first run to the last table (the grids' own times cover earlier reproduces too).</param>
    /// <param name="finished">When it ended.</param>
    public static string Text(IReadOnlyList<GridReport> reports, string command, bool quick, int jobs, double wallSeconds, DateTimeOffset finished)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(quick ? "# The README's results tables, quick mode" : "# The README's results tables");
        text.AppendLine();
        var resumed = reports.Any(r => r.Resumed > 0) ? $", over this reproduce ({LiveStatus.Duration(wallSeconds)}) and the earlier ones it resumed" : "";
        text.AppendLine(c, $"Made by `{command}` (pidreg {Version()}), ended {finished.UtcDateTime:yyyy-MM-dd HH:mm} UTC, on {Machine()}, the runs in {jobs} process(es) at once. "
            + $"The grids took {LiveStatus.Duration(reports.Sum(r => r.WallSeconds))} of wall time in all{resumed}.");
        text.AppendLine();
        if (quick)
        {
            text.AppendLine(c, $"Quick mode: the same data sets and models, shrunk to {PaperGrids.QuickRows} rows, one seed, {PaperGrids.QuickEpochs} epochs, "
                + $"H {PaperGrids.QuickHiddenDim}, d {PaperGrids.QuickLatentDim}, batches of {PaperGrids.QuickBatchSize}: the numbers show that every grid runs, not how well a model does.");
            text.AppendLine();
        }
        text.AppendLine("| grid | data set | models | seeds | epochs | runs | from an earlier reproduce | failed | wall time | the runs' own time |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in reports)
        {
            var g = r.Planned.Grid;
            text.AppendLine(c, $"| [{g.Name}](#{g.Name}) | {g.Dataset} ({r.Planned.Dataset.Kind}) | {g.Models.Count} | {g.Seeds} | {g.Epochs} | {r.Planned.Plan.Count} | {r.Resumed} | "
                + $"{r.Result.Failures.Count} | {LiveStatus.Duration(r.WallSeconds)} | {LiveStatus.Duration(r.RunSeconds)} |");
        }
        text.AppendLine();
        text.AppendLine("*Wall time* is what the grid took, added up over the reproduces that ran some of its runs (an interrupted one's runs "
            + "are kept in `runs/GRID/` and the same command skips them; the time between two reproduces does not count). *The runs' own time* "
            + "adds up every finished run's wall time; the runs of a grid run side by side, so it is about the number of processes times the wall time.");
        foreach (var r in reports)
        {
            var g = r.Planned.Grid;
            text.AppendLine();
            text.AppendLine(c, $"## {g.Name}");
            text.AppendLine();
            text.AppendLine(c, $"Behind the README's {g.Table}. {Describe(r.Planned)}");
            text.AppendLine();
            var files = string.Join(", ", new[] { ReproduceFolder.Markdown, ReproduceFolder.Json, ReproduceFolder.Html }.Select(e => $"[{g.Name}{e}]({g.Name}{e})"));
            text.AppendLine(c, $"Alone: `{r.Planned.ExperimentCommandLine()}`. Files: {files} (chart).");
            text.AppendLine();
            text.Append(r.Markdown());
        }
        return text.ToString();
    }

    /// <summary>"18 models × 3 seeds, up to 200 epochs, on supercon (…), 11,939 rows"; a data set that is not real says what it is.</summary>
    static string Describe(PlannedGrid p)
    {
        var c = CultureInfo.InvariantCulture;
        var kind = p.Dataset.Kind == DatasetKinds.Real ? "" : $" Note: the data set is {p.Dataset.Kind}: {p.Dataset.Description}";
        return string.Create(c, $"{p.Grid.Models.Count} models × {p.Grid.Seeds} seed(s), up to {p.Grid.Epochs} epochs, on {p.Settings.Title}{p.RowsNote}.{kind}");
    }

    static string Version() =>
        typeof(ReproduceIndex).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "version unknown";

    /// <summary>Cores, processor model (Linux), operating system and .NET.</summary>
    static string Machine()
    {
        string? cpu = null;
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        }
        catch (IOException) { }
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores{(string.IsNullOrEmpty(cpu) ? "" : $" ({cpu})")}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
    }
}
