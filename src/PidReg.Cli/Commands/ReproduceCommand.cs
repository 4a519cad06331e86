using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PidReg.Cli.Grid;
using PidReg.Cli.Reproduce;
using PidReg.Data;
using PidReg.Evaluation;
using PidReg.Plots;

namespace PidReg.Cli.Commands;

/// <summary>
/// `pidreg reproduce [--quick] [--jobs N] [--out DIR] [--progress-every SECONDS]`: the grids behind the README's results tables
/// (<see cref="PaperGrids.All"/>, or <see cref="PaperGrids.Quick"/>), one after another, each fed through the machinery
/// of `experiment --runs` (the same runner, worker processes and run files, so each table is the one `experiment`
/// prints). Writes per grid a Markdown table, the JSON rows and a chart page, and an index README.md with the command,
/// the date, the machine and each grid's wall time. Every finished run stays in runs/GRID/ under --out, so an
/// interrupted reproduce resumes where it stopped.
/// </summary>
internal static class ReproduceCommand
{
    /// <summary>--out of a full reproduce.</summary>
    public const string DefaultOut = "artifacts/reproduce";

    /// <summary>--out of a quick one: its runs have other settings, which the full grids' run folders refuse.</summary>
    public const string DefaultQuickOut = "artifacts/reproduce-quick";

    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = $"The same grids shrunk ({PaperGrids.QuickRows} rows, one seed, {PaperGrids.QuickEpochs} epochs, narrow networks): every grid, table and chart in a minute or two; the numbers mean nothing." };
        var jobs = new Option<int?>("--jobs") { Description = $"Processes running a grid's runs side by side, this one and N - 1 workers (default: the number of cores, {Environment.ProcessorCount} here). The tables are the same for every number." };
        var output = new Option<DirectoryInfo?>("--out") { Description = $"Folder for the tables, charts and run files (default {DefaultOut}, with --quick {DefaultQuickOut}): new, empty, or made by an earlier reproduce, whose finished runs are kept and skipped." };
        var force = new Option<bool>("--force") { Description = "Write into --out even if it holds files the kit did not create (they are left alone; files of the kit's names are replaced)." };
        var progressEvery = ProgressEveryOption.Create();
        var command = new Command("reproduce", "Run the grids behind the README's results tables (data sets × models × seeds) and write each table as Markdown, JSON and a chart.")
        {
            quick, jobs, output, force, progressEvery,
        };
        command.SetAction((parseResult, ct) => Task.FromResult(CommandGuard.Run("reproduce", () => Run(
            parseResult.GetValue(quick), parseResult.GetValue(jobs), parseResult.GetValue(output), parseResult.GetValue(force),
            ProgressEveryOption.Bind(parseResult, progressEvery), ct))));
        return command;
    }

    static int Run(bool quick, int? jobsFlag, DirectoryInfo? output, bool force, TimeSpan progressEvery, CancellationToken ct)
    {
        var grids = quick ? PaperGrids.Quick : PaperGrids.All;
        // Every run uses one torch thread (the grids keep the default --threads 1): one process per core.
        int jobs = jobsFlag ?? Environment.ProcessorCount;
        CliLimits.Check("--jobs", jobs, 1, CliLimits.MaxJobs);
        var command = OutputFolder.CommandLine;
        using var folder = ReproduceFolder.Open(output?.ToString() ?? (quick ? DefaultQuickOut : DefaultOut), force, grids);

        var planned = grids.Select(g => PlannedGrid.Prepare(g, folder.RunsOf(g), folder.Spelled, progressEvery)).ToArray();
        int total = planned.Sum(p => p.Plan.Count), pending = planned.Sum(p => p.Pending.Count);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reproduce: {planned.Length} grids ({string.Join(", ", grids.Select(g => g.Name))}), {total} runs")
            + (total > pending ? $"; {total - pending} already in {folder.Spelled} (skipped)" : "")
            + (pending == 0 ? "; nothing left to run" : $"; {pending} to run in up to {jobs} process(es), a line as each ends")
            + $"; the tables go to {folder.Spelled}");

        var clock = Stopwatch.StartNew();
        // Each grid has its own progress (its epoch limit, its runs' indices), numbered on from the grids before it.
        int first = 1;
        var times = GridWallTimes.Read(folder.Path);
        var reports = new List<GridReport>();
        foreach (var p in planned)
        {
            // A grid resumed adds to the time its earlier reproduces took; one whose run folder starts empty starts from 0.
            double before = p.Finished.Count > 0 ? times.Of(p.Grid.Name) : 0;
            var gridClock = Stopwatch.StartNew();
            double? share = null;
            try
            {
                var numbering = new GridProgress.Numbering(first, Math.Max(pending, 1));
                first += p.Pending.Count;
                var report = Execute(p, reports.Count, planned.Length, jobs, numbering, progressEvery, ct);
                share = report.WallSeconds;
                reports.Add(report with { WallSeconds = before + report.WallSeconds });
                WriteGrid(folder, reports[^1], command);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                folder.Interrupted();
                Console.Error.WriteLine($"pidreg reproduce: interrupted; the runs that finished are in {Path.Combine(folder.Spelled, ReproduceFolder.RunsFolder)}: the same command again runs the rest.");
                return CommandGuard.Cancelled;
            }
            finally
            {
                if (p.Pending.Count > 0)
                {
                    // An interrupted grid's time so far counts too: the next reproduce adds the rest.
                    times.Set(p.Grid.Name, before + (share ?? gridClock.Elapsed.TotalSeconds));
                    folder.Write(GridWallTimes.FileName, times.ToJson());
                }
            }
        }
        var failures = reports.SelectMany(r => r.Result.Failures.Select(f => (r.Planned.Grid.Name, Failure: f))).ToArray();
        folder.Write(ReproduceFolder.IndexFile, ReproduceIndex.Text(reports, command, quick, jobs, clock.Elapsed.TotalSeconds, DateTimeOffset.UtcNow));
        folder.Complete(failures.Length > 0);
        Console.Error.WriteLine($"reproduce: done in {LiveStatus.Duration(clock.Elapsed.TotalSeconds)}; the index is {Path.Combine(folder.Spelled, ReproduceFolder.IndexFile)}");
        if (failures.Length == 0) return CommandGuard.Ok;
        Console.Error.WriteLine($"pidreg reproduce: {failures.Length} run(s) failed, and the tables leave them out: "
            + string.Join("; ", failures.Select(f => $"{f.Name}: {f.Failure.Model} seed {f.Failure.Seed}: {f.Failure.Message.TrimEnd('.')}"))
            + ". The same command again retries them (the finished runs are kept).");
        return CommandGuard.RunFailed;
    }

    /// <summary>Runs the grid's pending runs as `experiment --runs` does (this process and workers), then makes its table from every finished run.</summary>
    static GridReport Execute(PlannedGrid p, int index, int count, int jobs, GridProgress.Numbering numbering, TimeSpan progressEvery, CancellationToken ct)
    {
        var pending = p.Pending;
        var grid = p.Grid;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"grid {index + 1} of {count}, {grid.Name}: {p.Models.Count} models × {grid.Seeds} seed(s), "
            + $"{grid.Epochs} epochs at most, on {p.Dataset}{p.RowsNote}: ")
            + (pending.Count == 0 ? "every run is there already" : $"{pending.Count} of {p.Plan.Count} runs to do"));
        if (p.Dataset.Kind != DatasetKinds.Real) Console.Error.WriteLine($"note: dataset '{p.Dataset.Name}' is {p.Dataset.Kind}: {p.Dataset.Description}");
        var clock = Stopwatch.StartNew();
        var outcome = new GridOutcome();
        foreach (var done in p.Finished.Values) outcome.Add(done.Run!);
        int workers = Math.Min(jobs, pending.Count);
        var local = new LocalRuns(p.Runner, p.Dataset, p.Settings, p.Folder);
        // stderr is where the progress goes: on a terminal, one line rewritten in place; erased before the grid's files are reported.
        using (var progress = new GridProgress(Console.Error, pending, grid.Epochs, terminal: !Console.IsErrorRedirected, progressEvery, numbering))
        {
            if (workers <= 1) local.ExecuteAll(pending, outcome, progress, ct);
            else WorkerPool.Execute(pending, workers, ExperimentCommand.WorkerArguments(p.Request), p.Settings, p.Folder, local, outcome, progress, ct);
        }
        // This reproduce's share; the caller adds what earlier ones took.
        double wall = pending.Count == 0 ? 0 : clock.Elapsed.TotalSeconds;
        var result = p.Runner.Aggregate(p.Settings.Title, p.Models, outcome.Runs, outcome.Failures);
        double runSeconds = RunFile.ReadAll(p.Folder).Where(f => f.Run is not null).Sum(f => f.WallSeconds ?? 0);
        return new GridReport(p, result, wall, pending.Count, runSeconds);
    }

    /// <summary>The grid's table as Markdown (as `experiment` prints it), as JSON (as `experiment --json`), and its chart page.</summary>
    static void WriteGrid(ReproduceFolder folder, GridReport report, string command)
    {
        var name = report.Planned.Grid.Name;
        folder.Write(name + ReproduceFolder.Markdown, report.Markdown());
        folder.Write(name + ReproduceFolder.Json, report.Result.ToJson() + Environment.NewLine);
        var page = GridPage.Render(report, command);
        if (page.Contains(ChartHtml.PlotlyJsFileName, StringComparison.Ordinal)) folder.WriteIfChanged(ChartHtml.PlotlyJsFileName, ChartHtml.PlotlyJsFile());
        folder.Write(name + ReproduceFolder.Html, page);
        Console.Error.WriteLine($"grid {name}: {Path.Combine(folder.Spelled, name)}{ReproduceFolder.Markdown}, {ReproduceFolder.Json}, {ReproduceFolder.Html}");
    }
}
