using PidReg.Data;

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
    public ExperimentResult Run(MultimodalDataset data, IReadOnlyList<string> models, IProgress<ExperimentProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Run(data.Name, i => data.Split(Options.ResplitPerSeed ? Options.Split with { Seed = Options.Split.Seed + i } : Options.Split),
            models, progress, ct);
    }

    /// <summary>Runs every model with every seed on a given split (<see cref="ExperimentOptions.ResplitPerSeed"/> must be false).</summary>
    public ExperimentResult Run(DatasetSplit split, IReadOnlyList<string> models, IProgress<ExperimentProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        if (Options.ResplitPerSeed)
            throw new InvalidOperationException("ExperimentOptions.ResplitPerSeed is true, but a fixed split was given; pass the whole dataset instead.");
        return Run(split.Train.Name, _ => split, models, progress, ct);
    }

    ExperimentResult Run(string dataset, Func<int, DatasetSplit> splitFor, IReadOnlyList<string> models, IProgress<ExperimentProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(models);
        var names = Models.ParseList(string.Join(",", models));
        var o = Options;
        var splits = new Dictionary<int, DatasetSplit>();
        DatasetSplit SplitFor(int i)
        {
            int key = o.ResplitPerSeed ? i : 0;
            return splits.TryGetValue(key, out var s) ? s : splits[key] = splitFor(key);
        }
        var runs = new List<ExperimentRun>();
        int total = names.Count * o.Seeds;
        foreach (var name in names)
        {
            for (int i = 0; i < o.Seeds; i++)
            {
                ct.ThrowIfCancellationRequested();
                var split = SplitFor(i);
                int seed = o.FirstSeed + i;
                using var model = Models.Create(name, o.Model with { Seed = seed });
                model.Fit(split.Train, split.Validation, ct);
                var prediction = model.Predict(split.Test);
                var run = new ExperimentRun(name, seed, Metrics.Regression(split.Test.Target, prediction),
                    o.Sentiment ? Metrics.Sentiment(split.Test.Target, prediction) : null, model.SecondsPerEpoch, model.ParameterCount);
                runs.Add(run);
                progress?.Report(new ExperimentProgress(runs.Count, total, run));
            }
        }
        var rows = names.Select(name =>
        {
            var r = runs.Where(x => x.Model == name).ToArray();
            MeanSd Of(Func<ExperimentRun, double> pick) => MeanSd.Of(r.Select(pick).ToArray());
            return new ExperimentRow(name, r.Length, Of(x => x.Scores.Rmse), Of(x => x.Scores.Mae), Of(x => x.Scores.R2), Of(x => x.Scores.Pearson),
                Of(x => x.SecondsPerEpoch), r[0].Parameters,
                o.Sentiment ? Of(x => x.Sentiment!.Acc2) : null, o.Sentiment ? Of(x => x.Sentiment!.F1) : null, o.Sentiment ? Of(x => x.Sentiment!.Acc7) : null,
                o.PaperNumbers is not null && o.PaperNumbers.TryGetValue(name, out var paper) ? paper : null);
        }).ToArray();
        return new ExperimentResult(dataset, rows, runs, o.PaperLabel);
    }
}
