using PidReg.Data;
using PidReg.Training;

namespace PidReg.Evaluation;

/// <summary>
/// Trains each named model over several seeds on the same split and tabulates test metrics (mean ± sd), seconds per
/// epoch and parameters. Seed i changes initial weights, noise and batching; the split stays fixed unless
/// <see cref="ExperimentOptions.ResplitPerSeed"/>.
/// </summary>
public sealed class ExperimentRunner
{
    /// <summary>Stores the (validated) settings; null = defaults (5 seeds, the paper's model settings and split).</summary>
    public ExperimentRunner(ExperimentOptions? options = null) => Options = (options ?? new ExperimentOptions()).Validate();

    /// <summary>The settings.</summary>
    public ExperimentOptions Options { get; }

    /// <summary>Splits <paramref name="data"/> by <see cref="ExperimentOptions.Split"/> and runs every model with every seed.</summary>
    /// <param name="data">The dataset.</param>
    /// <param name="models">Model names (<see cref="Models"/>).</param>
    /// <param name="progress">Receives each finished run.</param>
    /// <param name="ct">Stops the running run at its next epoch.</param>
    /// <param name="epochs">Receives each finished epoch of each run; watching changes no result.</param>
    public ExperimentResult Run(MultimodalDataset data, IReadOnlyList<string> models, IProgress<ExperimentProgress>? progress = null, CancellationToken ct = default,
        IProgress<ExperimentEpoch>? epochs = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Run(data.Name, i => data.Split(Options.ResplitPerSeed ? Options.Split with { Seed = Options.Split.Seed + i } : Options.Split),
            models, progress, epochs, ct);
    }

    /// <summary>Runs every model with every seed on a given split (<see cref="ExperimentOptions.ResplitPerSeed"/> must be false).</summary>
    /// <param name="split">The split every run trains, validates and tests on.</param>
    /// <param name="models">Model names (<see cref="Models"/>).</param>
    /// <param name="progress">Receives each finished run.</param>
    /// <param name="ct">Stops the running run at its next epoch.</param>
    /// <param name="epochs">Receives each finished epoch of each run; watching changes no result.</param>
    public ExperimentResult Run(DatasetSplit split, IReadOnlyList<string> models, IProgress<ExperimentProgress>? progress = null, CancellationToken ct = default,
        IProgress<ExperimentEpoch>? epochs = null)
    {
        ArgumentNullException.ThrowIfNull(split);
        if (Options.ResplitPerSeed)
            throw new InvalidOperationException("ExperimentOptions.ResplitPerSeed is true, but a fixed split was given; pass the whole dataset instead.");
        return Run(split.Train.Name, _ => split, models, progress, epochs, ct);
    }

    /// <summary>
    /// The grid's runs in the canonical order (every seed of the first model, then of the next): the order of
    /// <see cref="ExperimentResult.Runs"/> and of the sums behind each mean, whatever order the runs finish in.
    /// </summary>
    public IReadOnlyList<ExperimentRunKey> Plan(IReadOnlyList<string> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var names = Models.ParseList(string.Join(",", models));
        var keys = new List<ExperimentRunKey>(names.Count * Options.Seeds);
        foreach (var name in names)
            for (int i = 0; i < Options.Seeds; i++)
                keys.Add(new ExperimentRunKey(keys.Count, name, i, Options.FirstSeed + i));
        return keys;
    }

    /// <summary>The split run <paramref name="seedIndex"/> trains on: the same for every seed unless <see cref="ExperimentOptions.ResplitPerSeed"/>.</summary>
    public DatasetSplit SplitFor(MultimodalDataset data, int seedIndex)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Split(Options.ResplitPerSeed ? Options.Split with { Seed = Options.Split.Seed + seedIndex } : Options.Split);
    }

    /// <summary>
    /// Trains and scores one run of the grid on <paramref name="split"/> (see <see cref="SplitFor"/>). A run depends on
    /// nothing but its key and the settings, so one process or many give the same numbers.
    /// </summary>
    /// <param name="split">The run's split.</param>
    /// <param name="key">Which run.</param>
    /// <param name="epochs">Receives the number of each finished epoch as it ends (see <see cref="IMultimodalRegressor.Fit"/>'s progress); watching changes no result.</param>
    /// <param name="ct">Stops the run at the next epoch.</param>
    public ExperimentRun RunOne(DatasetSplit split, ExperimentRunKey key, IProgress<int>? epochs = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(key);
        ct.ThrowIfCancellationRequested();
        using var model = Models.Create(key.Model, Options.Model with { Seed = key.Seed });
        model.Fit(split.Train, split.Validation, epochs is null ? null : new InlineProgress<IEpochReport>(e => epochs.Report(e.Epoch)), ct);
        var prediction = model.Predict(split.Test);
        return new ExperimentRun(key.Model, key.Seed, Metrics.Regression(split.Test.Target, prediction),
            Options.Sentiment ? Metrics.Sentiment(split.Test.Target, prediction) : null, model.SecondsPerEpoch, model.ParameterCount);
    }

    /// <summary>
    /// The table of the runs that finished, whatever order they come in: runs are put in the canonical (model, seed)
    /// order first, so every mean sums the same numbers in the same order and the table is identical to the bit however
    /// the grid was spread. A model without a finished run has no row; <paramref name="failures"/> are kept beside.
    /// </summary>
    public ExperimentResult Aggregate(string dataset, IReadOnlyList<string> models, IEnumerable<ExperimentRun> runs, IEnumerable<ExperimentFailure>? failures = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var plan = Plan(models);
        var position = plan.ToDictionary(k => (k.Model, k.Seed), k => k.Index);
        int Position(string model, int seed) => position.TryGetValue((model, seed), out var i) ? i
            : throw new ArgumentException($"run {model} seed {seed} is not in this grid (models {string.Join(",", models)}, seeds {Options.FirstSeed}..{Options.FirstSeed + Options.Seeds - 1}).", nameof(runs));
        var ordered = runs.OrderBy(r => Position(r.Model, r.Seed)).ToArray();
        var duplicate = ordered.Zip(ordered.Skip(1)).FirstOrDefault(p => p.First.Model == p.Second.Model && p.First.Seed == p.Second.Seed);
        if (duplicate != default)
            throw new ArgumentException($"run {duplicate.First.Model} seed {duplicate.First.Seed} is given twice; each (model, seed) counts once.", nameof(runs));
        var o = Options;
        var rows = plan.Select(k => k.Model).Distinct().Where(name => ordered.Any(r => r.Model == name)).Select(name =>
        {
            var r = ordered.Where(x => x.Model == name).ToArray();
            MeanSd Of(Func<ExperimentRun, double> pick) => MeanSd.Of(r.Select(pick).ToArray());
            return new ExperimentRow(name, r.Length, Of(x => x.Scores.Rmse), Of(x => x.Scores.Mae), Of(x => x.Scores.R2), Of(x => x.Scores.Pearson),
                Of(x => x.SecondsPerEpoch), r[0].Parameters,
                o.Sentiment ? Of(x => x.Sentiment!.Acc2) : null, o.Sentiment ? Of(x => x.Sentiment!.F1) : null, o.Sentiment ? Of(x => x.Sentiment!.Acc7) : null,
                o.PaperNumbers is not null && o.PaperNumbers.TryGetValue(name, out var paper) ? paper : null);
        }).ToArray();
        return new ExperimentResult(dataset, rows, ordered, o.PaperLabel)
        {
            Failures = (failures ?? []).OrderBy(f => position.TryGetValue((f.Model, f.Seed), out var i) ? i : int.MaxValue).ToArray(),
        };
    }

    ExperimentResult Run(string dataset, Func<int, DatasetSplit> splitFor, IReadOnlyList<string> models, IProgress<ExperimentProgress>? progress,
        IProgress<ExperimentEpoch>? epochs, CancellationToken ct)
    {
        var plan = Plan(models);
        var splits = new Dictionary<int, DatasetSplit>();
        DatasetSplit SplitOf(int i)
        {
            int key = Options.ResplitPerSeed ? i : 0;
            return splits.TryGetValue(key, out var s) ? s : splits[key] = splitFor(key);
        }
        var runs = new List<ExperimentRun>();
        foreach (var key in plan)
        {
            var run = RunOne(SplitOf(key.SeedIndex), key,
                epochs is null ? null : new InlineProgress<int>(e => epochs.Report(new ExperimentEpoch(key.Index + 1, plan.Count, key, e))), ct);
            runs.Add(run);
            progress?.Report(new ExperimentProgress(runs.Count, plan.Count, run));
        }
        return Aggregate(dataset, models, runs);
    }
}
