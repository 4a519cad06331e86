using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using PidReg.Cli.Grid;
using PidReg.Cli.Notebooks;
using PidReg.Data;
using PidReg.Evaluation;
using PidReg.Training;

namespace PidReg.Cli.Commands;

/// <summary>
/// `pidreg experiment`: every listed model over several seeds on one split; a markdown table or the JSON rows.
/// The runs execute in --jobs worker processes; --shard K/N --runs DIR executes one share of them and keeps each finished
/// run as a file, for job runners (GNU parallel, Slurm) and for resuming; `experiment collect DIR` makes the table.
/// </summary>
internal static class ExperimentCommand
{
    public static Command Create()
    {
        var dataset = new Option<string?>("--dataset") { Description = $"Registry dataset: {string.Join(", ", Datasets.Names)}." };
        var data = new Option<FileInfo?>("--data") { Description = "CSV file (header row; .csv or .csv.gz), instead of --dataset." };
        var target = new Option<string?>("--target") { Description = "With --data: target column(s), names or zero-based ranges like 0-2." };
        var modalities = new ModalityFlags();
        var pick = new Option<string?>("--modalities") { Description = "The modalities to compare, two or more names in order, e.g. text,audio (default: every modality of the data set; brain-age: of thickness, area, volume, subcortical; PIDReg takes up to five)." };
        var models = new Option<string>("--models") { Description = $"Comma-separated model names: {Models.ValidNames}.", Required = true };
        var seeds = new Option<int>("--seeds") { Description = "Seeds per model (first seed 1234).", DefaultValueFactory = _ => new ExperimentOptions().Seeds };
        var sentiment = new Option<bool>("--sentiment") { Description = "Also report Acc-2, F1 and Acc-7 (sentiment scores in [-3, 3])." };
        var json = new Option<bool>("--json") { Description = "Print the rows as a JSON array instead of a markdown table." };
        var jobs = new Option<int?>("--jobs") { Description = $"Processes running the (model, seed) runs side by side, this one and N - 1 workers (default: the number of cores, {Environment.ProcessorCount} here, divided by --threads). The table is the same for every number." };
        var shard = new Option<string?>("--shard") { Description = "K/N: execute only share K of N of the runs (run i goes to share i mod N + 1); needs --runs." };
        var runs = new Option<DirectoryInfo?>("--runs") { Description = "Folder that keeps each finished run as a file; a run already there with the same settings is skipped. Make the table with `experiment collect DIR`." };
        var progressEvery = ProgressEveryOption.Create();
        var worker = new Option<bool>("--worker") { Description = "Worker process of --jobs: runs the runs its parent sends on standard input, after the settings' hash.", Hidden = true };
        var training = new TrainingFlags();
        var command = new Command("experiment", "Multi-seed comparison of models on a data set (70/10/20 split, seed 42).")
        {
            dataset, data, target, pick, models, seeds, sentiment, json, jobs, shard, runs, progressEvery, worker,
        };
        modalities.AddTo(command);
        training.AddTo(command);
        command.Subcommands.Add(ExperimentCollectCommand.Create());
        command.SetAction((parseResult, ct) => Task.FromResult(CommandGuard.Run("experiment", () => Run(new Request(
            parseResult.GetValue(dataset), parseResult.GetValue(data), parseResult.GetValue(target), parseResult.GetValue(modalities.X1), parseResult.GetValue(modalities.X2),
            parseResult.GetValue(modalities.Modality) ?? [], parseResult.GetValue(pick), parseResult.GetValue(models)!, parseResult.GetValue(seeds), training.Bind(parseResult), parseResult.GetValue(training.Rows), parseResult.GetValue(sentiment),
            parseResult.GetValue(json), parseResult.GetValue(jobs), parseResult.GetValue(shard), parseResult.GetValue(runs), parseResult.GetValue(worker),
            ProgressEveryOption.Bind(parseResult, progressEvery)), ct))));
        return command;
    }

    /// <summary>One `experiment` command line, parsed; `reproduce` makes one per grid, so that its workers are experiment workers.</summary>
    /// <param name="Named">The --modality NAME=COLS flags, in order (the other spelling of --x1 and --x2).</param>
    internal sealed record Request(string? Dataset, FileInfo? File, string? Target, string? X1, string? X2, IReadOnlyList<string> Named, string? Modalities, string Models, int Seeds,
        PidRegOptions Model, int? Rows, bool Sentiment, bool Json, int? Jobs, string? Shard, DirectoryInfo? Runs, bool Worker, TimeSpan ProgressEvery);

    static int Run(Request r, CancellationToken ct)
    {
        if ((r.Dataset is null) == (r.File is null))
            throw new ArgumentException("give either --dataset NAME or --data FILE.csv (with --target, and --x1, --x2 or --modality NAME=COLS per modality), not both and not neither.");
        var selections = ModalityFlags.ForTraining(ModalityFlags.Resolve(r.X1, r.X2, r.Named));
        if (r.File is not null && (r.Target is null || selections is null))
            throw new ArgumentException($"--data needs --target and the modalities (--x1 and --x2, or --modality NAME=COLS per modality); missing: {string.Join(", ", new[] { ("--target", r.Target is null), ("the modalities", selections is null) }.Where(p => p.Item2).Select(p => p.Item1))}.");
        if (r.Dataset is not null && selections is not null)
            throw new ArgumentException("--x1, --x2 and --modality choose the columns of --data; a registry dataset's modalities are chosen with --modalities NAME,NAME,...");
        CliLimits.Check("--seeds", r.Seeds, 1, CliLimits.MaxSeeds);
        // By default every core busy and none shared: a run with --threads T takes T of them.
        int jobs = r.Jobs ?? Math.Max(1, Environment.ProcessorCount / r.Model.Threads);
        CliLimits.Check("--jobs", jobs, 1, CliLimits.MaxJobs);
        var shard = r.Shard is null ? null : Grid.Shard.Parse(r.Shard, "--shard");
        if (shard is not null && r.Runs is null)
            throw new ArgumentException($"--shard {shard} needs --runs DIR, the folder its runs are written to (the same for every shard; `experiment collect DIR` then makes the table).");
        if (r.Worker && r.Runs is null)
            throw new ArgumentException("--worker needs --runs DIR (it is the worker process of --jobs, started by pidreg itself).");
        var names = Models.ParseList(r.Models);
        var options = new ExperimentOptions { Seeds = r.Seeds, Model = r.Model, Sentiment = r.Sentiment }.Validate();
        var runner = new ExperimentRunner(options);
        var plan = runner.Plan(names);
        string? folder = r.Runs?.FullName;
        if (r.Worker) return Work(r, names, runner, plan, folder!, ct);

        var share = (shard ?? Grid.Shard.All).Of(plan);
        // The workers start before this process loads the data and TorchSharp (see WorkerPool). A worker needs a folder
        // for its runs' files: without --runs they only carry results to this process, so a private one, gone afterwards.
        int lanes = Math.Min(jobs, share.Count);
        var work = lanes > 1 ? folder ?? Directory.CreateTempSubdirectory("pidreg-experiment-").FullName : folder;
        try
        {
            using var pool = lanes > 1 ? WorkerPool.Start(lanes - 1, WorkerArguments(r), work!) : null;
            return Run(r, names, shard, share, runner, plan, folder, work, pool, ct);
        }
        finally
        {
            if (folder is null && work is not null) Directory.Delete(work, recursive: true);
        }
    }

    static int Run(Request r, IReadOnlyList<string> names, Shard? shard, IReadOnlyList<ExperimentRunKey> share, ExperimentRunner runner,
        IReadOnlyList<ExperimentRunKey> plan, string? folder, string? work, WorkerPool? pool, CancellationToken ct)
    {
        var (dataset, rowsNote) = Load(r, names);
        var settings = GridSettings.Of(dataset, r.Dataset, r.File, r.Target, r.X1, r.X2, r.Named, r.Modalities, names, runner.Options);
        var outcome = new GridOutcome();
        var pending = share;
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
            var finished = FinishedRuns(folder, settings);
            pending = share.Where(k => !finished.ContainsKey(k.Index)).ToArray();
            foreach (var k in share) if (finished.TryGetValue(k.Index, out var done)) outcome.Add(done);
        }
        if (dataset.Kind != DatasetKinds.Real) Console.Error.WriteLine($"note: dataset '{dataset.Name}' is {dataset.Kind}: {dataset.Description}");
        int workers = pool is null ? 1 : Math.Min(pool.Count + 1, pending.Count);
        // A run can take minutes: say at once what will run, so the terminal is not silent until the first run ends.
        var skipped = share.Count - pending.Count;
        Console.Error.WriteLine($"experiment: {plan.Count} runs ({string.Join(", ", names)}; {r.Seeds} seed(s) each, {r.Model.Epochs} epochs at most) on {dataset}{rowsNote}"
            + (shard is null ? "" : $"; shard {shard} has {share.Count} of them")
            + (skipped > 0 ? $"; {skipped} already in {folder} (skipped)" : "")
            + (pending.Count == 0 ? "; nothing left to run" : $"; {pending.Count} to run in {Math.Max(workers, 1)} process(es), a line as each ends"));
        // stderr is where the progress goes (the table is on stdout): on a terminal, one line rewritten in place.
        var progress = new GridProgress(Console.Error, pending, r.Model.Epochs, terminal: !Console.IsErrorRedirected, r.ProgressEvery);
        try
        {
            if (workers <= 1) new LocalRuns(runner, dataset, settings, folder).ExecuteAll(pending, outcome, progress, ct);
            else pool!.Execute(pending, settings, new LocalRuns(runner, dataset, settings, work), outcome, progress, ct);
        }
        catch (OperationCanceledException) when (folder is not null && ct.IsCancellationRequested)
        {
            progress.Dispose();
            Console.Error.WriteLine($"pidreg experiment: interrupted; the runs that finished are in {folder}: the same command again runs the rest.");
            return CommandGuard.Cancelled;
        }
        finally
        {
            // The status line goes before anything else is printed: an error, the failures, the table.
            progress.Dispose();
        }

        var failures = outcome.Failures;
        if (shard is not null && shard.Count > 1)
        {
            Console.Error.WriteLine($"experiment: shard {shard}: {outcome.Runs.Count} of {share.Count} runs are in {folder}" + (skipped > 0 ? $" ({skipped} from before)" : "")
                + $"; when every shard has finished: pidreg experiment collect {folder}");
            return ReportFailures(failures, folder);
        }
        var result = runner.Aggregate(settings.Title, names, outcome.Runs, failures);
        Print(result, settings.Title, r.Seeds, r.Json);
        return ReportFailures(failures, folder);
    }

    /// <summary>The dataset with the modalities compared, checked against every model's needs; how --rows cut it (for the first line printed).</summary>
    internal static (MultimodalDataset Dataset, string RowsNote) Load(Request r, IReadOnlyList<string> names)
    {
        var picked = r.Modalities?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (picked is { Length: < 2 })
            throw new ArgumentException($"--modalities {r.Modalities}: name two or more modalities, in order (e.g. text,audio).");
        MultimodalDataset dataset;
        if (r.File is not null)
        {
            var selections = ModalityFlags.Resolve(r.X1, r.X2, r.Named)!;
            var table = CheckedCsv.Read(r.File.FullName, r.Target!, selections.Select(m => (m.Flag, m.Columns)).ToArray(), eachFeatureColumn: false);
            dataset = MultimodalDataset.FromTable(table, r.Target!, selections.Select(m => (m.Name, m.Columns)).ToArray());
        }
        // Loaded with the choice: brain-age reads only the tables chosen (its area and volume are not in its default).
        else dataset = Datasets.Load(r.Dataset!, new DatasetLoadOptions { Modalities = picked });
        if (picked is not null) dataset = dataset.WithModalities(picked);  // in the order given: the first is X1
        int allRows = dataset.RowCount;
        dataset = TrainingFlags.Subsample(r.Rows, dataset);
        // Every model's row needs, before the first fit: a comparison must not fail half-way.
        var probes = names.Select(n => Models.Create(n, r.Model)).ToList();
        try { FitRequirements.CheckBeforeSplit(probes, dataset); }
        finally { probes.ForEach(p => p.Dispose()); }
        return (dataset, TrainingFlags.RowsNote(dataset.RowCount, allRows));
    }

    /// <summary>Prints the table as `experiment` and `experiment collect` do: JSON rows, or a header line and markdown.</summary>
    internal static void Print(ExperimentResult result, string title, int seeds, bool json)
    {
        if (json) Console.WriteLine(result.ToJson());
        else Console.Write(Table(result, title, seeds));
    }

    /// <summary>The markdown `experiment` prints: a header line naming the data set and the seeds, a blank line, the table.</summary>
    internal static string Table(ExperimentResult result, string title, int seeds) =>
        (seeds == 1 ? $"{title}; one seed, test split" : $"{title}; {seeds} seeds, test split, mean ± sd") + Environment.NewLine + Environment.NewLine + result.ToMarkdown();

    static int ReportFailures(IReadOnlyList<ExperimentFailure> failures, string? folder)
    {
        if (failures.Count == 0) return CommandGuard.Ok;
        Console.Error.WriteLine($"pidreg experiment: {failures.Count} run(s) failed, and the table leaves them out: "
            + string.Join("; ", failures.Select(f => $"{f.Model} seed {f.Seed}: {f.Message.TrimEnd('.')}"))
            + (folder is null ? "." : $". The same command again retries them (the finished runs in {folder} are kept)."));
        return CommandGuard.RunFailed;
    }

    /// <summary>The finished runs of this grid already in <paramref name="folder"/>, by index; refuses a folder holding another grid's runs.</summary>
    static Dictionary<int, ExperimentRun> FinishedRuns(string folder, GridSettings settings)
    {
        var files = RunFile.ReadAll(folder);
        if (files.FirstOrDefault(f => f.Settings.Hash != settings.Hash) is { } other)
            throw new ArgumentException($"--runs {folder} holds runs of other settings ({Path.GetFileName(other.Path)} differs in " +
                $"{string.Join("; ", GridSettings.Differences(other.Settings.Json, settings.Json))}); give each configuration its own folder, or empty this one.");
        return files.Where(f => f.Run is not null).ToDictionary(f => f.Key.Index, f => f.Run!);
    }

    /// <summary>The command line that makes a child compute the same settings (and so the same hash) as this process.</summary>
    internal static List<string> WorkerArguments(Request r)
    {
        var args = new List<string> { "experiment" };
        void Add(string flag, string? value)
        {
            if (value is null) return;
            args.Add(flag);
            args.Add(value);
        }
        Add("--dataset", r.Dataset);
        Add("--data", r.File?.FullName);
        Add("--target", r.Target);
        Add("--x1", r.X1);
        Add("--x2", r.X2);
        foreach (var named in r.Named) Add("--modality", named);
        Add("--modalities", r.Modalities);
        Add("--models", r.Models);
        Add("--seeds", r.Seeds.ToString(CultureInfo.InvariantCulture));
        if (r.Sentiment) args.Add("--sentiment");
        args.AddRange(TrainingFlags.Arguments(r.Model));
        if (r.Rows is int rows) Add("--rows", rows.ToString(CultureInfo.InvariantCulture));
        return args;
    }

    /// <summary>
    /// A worker of --jobs: loads the data as its parent does, checks that its settings hash is the one its parent sends
    /// ("settings HASH"), then runs the runs its parent names on standard input ("run INDEX"), one at a time, saying
    /// "epoch INDEX E" as each epoch ends, writing each run's file and then the line "done INDEX"; stops at "end". If
    /// the input closes without it, the parent is gone, and the watch ends this process at once.
    /// </summary>
    static int Work(Request r, IReadOnlyList<string> names, ExperimentRunner runner, IReadOnlyList<ExperimentRunKey> plan, string folder, CancellationToken ct)
    {
        // Watching from the start: a parent that dies while this process still loads ends it too.
        var lines = new BlockingCollection<string>();
        ParentWatch.Start(lines.Add);
        var (dataset, _) = Load(r, names);
        var settings = GridSettings.Of(dataset, r.Dataset, r.File, r.Target, r.X1, r.X2, r.Named, r.Modalities, names, runner.Options);
        var local = new LocalRuns(runner, dataset, settings, folder);
        bool checkedSettings = false;
        foreach (var line in lines.GetConsumingEnumerable(ct))
        {
            if (!checkedSettings)
            {
                if (line != WorkerPool.SettingsPrefix + settings.Hash)
                    throw new InvalidOperationException($"the worker's settings hash {settings.Hash} is not its parent's ('{line}'): the parent passed its settings incompletely.");
                checkedSettings = true;
                continue;
            }
            if (line == "end") return CommandGuard.Ok;
            if (!line.StartsWith("run ", StringComparison.Ordinal) || !int.TryParse(line.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                || index >= plan.Count)
                throw new InvalidOperationException($"the worker got '{line}' from its parent, not 'run INDEX' (0 ≤ INDEX < {plan.Count}) or 'end'.");
            if (Environment.GetEnvironmentVariable(PidRegCli.SimulatedRunFailureVariable) == FormattableString.Invariant($"{plan[index].Model}/{plan[index].Seed}/exit"))
                Environment.Exit(99);  // a worker dying in the middle of a run, as a native crash would take it
            // Each epoch as it ends, for the parent's live progress; the run's result travels in its file.
            var (_, failure) = local.Execute(plan[index],
                new InlineProgress<int>(e => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{WorkerPool.Marker}epoch {index} {e}"))), ct);
            if (failure is not null) Console.Error.WriteLine($"{failure.Model} seed {failure.Seed}: {failure.Message}");
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{WorkerPool.Marker}done {index}"));
        }
        return CommandGuard.Ok;
    }
}
