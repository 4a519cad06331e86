using System.Globalization;
using PidReg.Cli.Commands;
using PidReg.Cli.Grid;
using PidReg.Data;
using PidReg.Evaluation;
using PidReg.Training;

namespace PidReg.Cli.Reproduce;

/// <summary>
/// A <see cref="PaperGrid"/> ready to run: the `experiment` request it amounts to, the data loaded as `experiment` loads
/// it (so its settings, and their hash, are the ones `experiment`'s worker processes compute), its runs in the grid's
/// order and those already finished in its run folder.
/// </summary>
/// <param name="Grid">The grid.</param>
/// <param name="Request">The `experiment --dataset … --runs FOLDER` command the grid is; its worker processes are started from it.</param>
/// <param name="Models">The grid's models, checked.</param>
/// <param name="Dataset">The data, cut to the grid's rows.</param>
/// <param name="RowsNote">How the rows were cut ("" for all rows).</param>
/// <param name="Runner">The runner with the grid's seeds and model settings.</param>
/// <param name="Settings">Everything the grid's numbers depend on, and its hash.</param>
/// <param name="Folder">The grid's run folder.</param>
/// <param name="Plan">Every run, in the grid's order.</param>
/// <param name="Finished">The runs already in <paramref name="Folder"/> (with these settings), by their index in <paramref name="Plan"/>.</param>
/// <param name="SpelledFolder">The run folder as the user would type it: inside --out as given.</param>
internal sealed record PlannedGrid(PaperGrid Grid, ExperimentCommand.Request Request, IReadOnlyList<string> Models, MultimodalDataset Dataset, string RowsNote,
    ExperimentRunner Runner, GridSettings Settings, string Folder, IReadOnlyList<ExperimentRunKey> Plan, IReadOnlyDictionary<int, RunFile> Finished, string SpelledFolder)
{
    /// <summary>The runs still to do, in the grid's order.</summary>
    public IReadOnlyList<ExperimentRunKey> Pending => Plan.Where(k => !Finished.ContainsKey(k.Index)).ToArray();

    /// <summary>
    /// Loads <paramref name="grid"/>'s data and reads its run folder <paramref name="folder"/>; a folder holding runs of
    /// other settings (a quick reproduce's, or an older kit's) is refused, naming what differs, rather than mixed in.
    /// <paramref name="progressEvery"/> is the request's --progress-every (how often a log that is not a terminal gets a progress line).
    /// </summary>
    public static PlannedGrid Prepare(PaperGrid grid, string folder, string spelledOut, TimeSpan progressEvery)
    {
        var model = grid.ModelOptions();
        var request = new ExperimentCommand.Request(grid.Dataset, File: null, Target: null, X1: null, X2: null, Named: [], Modalities: null, string.Join(",", grid.Models),
            grid.Seeds, model, grid.Rows, Sentiment: false, Json: true, Jobs: null, Shard: null, new DirectoryInfo(folder), Worker: false, progressEvery);
        var names = Evaluation.Models.ParseList(request.Models);
        var (dataset, rowsNote) = ExperimentCommand.Load(request, names);
        // As `experiment` makes them from the same request: the worker processes compute the same settings from its flags.
        var options = new ExperimentOptions { Seeds = request.Seeds, Model = request.Model, Sentiment = request.Sentiment }.Validate();
        var runner = new ExperimentRunner(options);
        var settings = GridSettings.Of(dataset, request.Dataset, request.File, request.Target, request.X1, request.X2, request.Named, request.Modalities, names, options);
        var files = RunFile.ReadAll(folder);
        if (files.FirstOrDefault(f => f.Settings.Hash != settings.Hash) is { } other)
            throw new ArgumentException($"--out {spelledOut} holds runs of grid {grid.Name} made with other settings ({Path.Combine(ReproduceFolder.RunsFolder, grid.Name, Path.GetFileName(other.Path))} differs in " +
                $"{string.Join("; ", GridSettings.Differences(other.Settings.Json, settings.Json))}): a quick reproduce and a full one, or two kit versions, need folders of their own. " +
                $"Give another --out, or delete {folder} to run that grid afresh.");
        var finished = files.Where(f => f.Run is not null).ToDictionary(f => f.Key.Index);
        return new PlannedGrid(grid, request, names, dataset, rowsNote, runner, settings, folder, runner.Plan(names), finished,
            Path.Combine(spelledOut, ReproduceFolder.RunsFolder, grid.Name));
    }

    /// <summary>
    /// The `pidreg experiment` command that makes this grid's table alone, from the same run folder (so it runs only
    /// what is missing there): --seeds, --epochs, and the flags whose values differ from experiment's defaults.
    /// </summary>
    public string ExperimentCommandLine()
    {
        var defaults = new PidRegOptions();
        var line = new List<string> { "pidreg experiment --dataset", Grid.Dataset, "--models", string.Join(",", Grid.Models), "--seeds", Invariant(Grid.Seeds), "--epochs", Invariant(Grid.Epochs) };
        if (Grid.Rows is int rows) line.AddRange(["--rows", Invariant(rows)]);
        if (Grid.HiddenDim != defaults.HiddenDim) line.AddRange(["--hidden-dim", Invariant(Grid.HiddenDim)]);
        if (Grid.LatentDim != defaults.LatentDim) line.AddRange(["--latent-dim", Invariant(Grid.LatentDim)]);
        if (Grid.BatchSize != defaults.BatchSize) line.AddRange(["--batch-size", Invariant(Grid.BatchSize)]);
        line.AddRange(["--runs", SpelledFolder]);
        return string.Join(" ", line);
    }

    static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
