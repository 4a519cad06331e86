using System.Globalization;
using PidReg.Baselines;
using PidReg.Data;
using PidReg.Evaluation;
using PidReg.Plots;
using PidReg.Training;
using Plotly.NET;

namespace PidReg.Notebooks;

/// <summary>
/// The steps every benchmark notebook takes (notebooks/02-superconductivity to 07-cmu-mosei), kept here rather than
/// copied into each, the way d2l keeps its plumbing in its package: a notebook holds its data, its narrative, its
/// parameters and what differs, and calls these for the rest. Each step is a plain call on the kit's public API (the
/// experiment runner, the regressors, the charts) with live progress where training runs; it writes its lines to
/// <c>log</c> (default <see cref="Console.Out"/>, which a notebook shows under the cell).
/// </summary>
/// <example><code>
/// var pidreg = new PidRegRegressor(options).Fit(split.Train, split.Validation, new TrainingProgress(options.Epochs));
/// Console.WriteLine(Walkthrough.Describe(pidreg.History));
/// var result = Walkthrough.Compare(split, "pidreg,early", new ExperimentOptions { Seeds = 1, Model = options });
/// Walkthrough.ModelsChart(result, [ComparisonMetric.Rmse, ComparisonMetric.R2], "K")
/// </code></example>
public static class Walkthrough
{
    /// <summary>
    /// The seed of <see cref="Subsample"/>'s default: the shipped notebooks' quick mode trains on the rows it picks, so
    /// changing it changes their printed numbers.
    /// </summary>
    public const int SubsampleSeed = 7;

    /// <summary>
    /// <paramref name="maxRows"/> rows of <paramref name="data"/> drawn at random with <paramref name="seed"/> (in the
    /// order drawn), or <paramref name="data"/> itself when <paramref name="maxRows"/> is 0 or not below its row count.
    /// For files sorted by something that matters (the SuperCon formula list, CT slices by patient and position), where
    /// the first rows would be a biased sample; <see cref="DatasetLoadOptions.MaxRows"/> keeps the first rows instead.
    /// </summary>
    /// <param name="data">The dataset.</param>
    /// <param name="maxRows">Rows to keep (range: ≥ 0; 0 = all).</param>
    /// <param name="seed">Seed of the draw.</param>
    public static MultimodalDataset Subsample(MultimodalDataset data, int maxRows, int seed = SubsampleSeed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (maxRows < 0) throw new ArgumentOutOfRangeException(nameof(maxRows), maxRows, "must be ≥ 0 (0 = all rows)");
        if (maxRows == 0 || maxRows >= data.RowCount) return data;
        var order = Enumerable.Range(0, data.RowCount).ToArray();
        new Random(seed).Shuffle(order);
        return data.Subset(order[..maxRows]);
    }

    /// <summary>Column <paramref name="column"/> of a rows × columns array (a target, a prediction) as a vector, for charts and per-row tables.</summary>
    /// <param name="values">Rows × columns.</param>
    /// <param name="column">Zero-based column (range: 0 to columns − 1).</param>
    public static double[] Column(double[,] values, int column = 0)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (column < 0 || column >= values.GetLength(1))
            throw new ArgumentOutOfRangeException(nameof(column), column, $"the array has {values.GetLength(1)} columns (0 to {values.GetLength(1) - 1})");
        var vector = new double[values.GetLength(0)];
        for (int i = 0; i < vector.Length; i++) vector[i] = values[i, column];
        return vector;
    }

    /// <summary>The rows of each part: "train 558, validation 80, test 160".</summary>
    public static string Describe(DatasetSplit split)
    {
        ArgumentNullException.ThrowIfNull(split);
        return string.Create(CultureInfo.InvariantCulture,
            $"train {split.Train.RowCount}, validation {split.Validation.RowCount}, test {split.Test.RowCount}");
    }

    /// <summary>How a PIDReg fit went: "57 epochs, best epoch 47, weights frozen at epoch 13, 0.41 s per epoch".</summary>
    public static string Describe(TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return string.Create(CultureInfo.InvariantCulture,
            $"{history.Epochs.Count} epochs, best epoch {history.BestEpoch}, weights frozen at epoch {history.FrozenAtEpoch?.ToString(CultureInfo.InvariantCulture) ?? "never"}, {history.SecondsPerEpoch:F2} s per epoch");
    }

    /// <summary>
    /// The comparison table: every model of <paramref name="models"/> with every seed of <paramref name="options"/> on
    /// <paramref name="split"/>, as <c>pidreg experiment</c> runs them (the same runs, the same numbers). While it runs, one
    /// progress display counts the grid's epochs and names the run; each finished run writes a line with its test metrics.
    /// In a notebook the result shows as a table of mean ± sd per model.
    /// </summary>
    /// <param name="split">The split every run trains, validates and tests on.</param>
    /// <param name="models">Comma-separated model names (<see cref="ModelNames"/>, as <c>pidreg experiment --models</c> takes them).</param>
    /// <param name="options">Seeds, model settings (epochs, widths), sentiment metrics and published numbers; <see cref="ExperimentOptions.ResplitPerSeed"/> must be false.</param>
    /// <param name="log">Where the run lines go, and the progress lines outside a kernel; default <see cref="Console.Out"/>.</param>
    public static ExperimentResult Compare(DatasetSplit split, string models, ExperimentOptions options, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(options);
        if (options.ResplitPerSeed)
            throw new ArgumentException("ExperimentOptions.ResplitPerSeed is true, but Compare trains every seed on the one split it is given; set it to false.", nameof(options));
        var names = Models.ParseList(models);
        var runner = new ExperimentRunner(options);
        int total = runner.Plan(names).Count;
        int epochs = runner.Options.Model.Epochs;
        var progress = new TrainingProgress(total * epochs, "epoch of the grid", log);
        static string Name(int run, int total, string model, int seed) => string.Create(CultureInfo.InvariantCulture, $"run {run}/{total}: {model}, seed {seed}");
        var result = runner.Run(split, names,
            new InlineProgress<ExperimentProgress>(p => (log ?? Console.Out).WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Name(p.Run, p.Total, p.Result.Model, p.Result.Seed)}: {p.Result.Scores}"))),
            epochs: new InlineProgress<ExperimentEpoch>(e => progress.Report((e.Run - 1) * epochs + e.Epoch,
                string.Create(CultureInfo.InvariantCulture, $"{Name(e.Run, e.Total, e.Key.Model, e.Key.Seed)}, epoch {e.Epoch}/{epochs}"))));
        // Early stopping ends runs before their last epoch: the display closes at the grid's end, not at a run's.
        progress.Report(total * epochs, string.Create(CultureInfo.InvariantCulture, $"{total} runs done"));
        return result;
    }

    /// <summary>
    /// Mean ± sd bars of <paramref name="result"/>'s models, one panel per metric (no whiskers for one seed).
    /// </summary>
    /// <param name="result">A comparison table (<see cref="Compare"/>).</param>
    /// <param name="metrics">The panels, e.g. [Rmse, R2]; sentiment metrics need a table made with sentiment.</param>
    /// <param name="unit">The target's unit, shown on the panels of errors on its scale (RMSE, MAE); empty for none.</param>
    public static GenericChart ModelsChart(ExperimentResult result, IReadOnlyList<ComparisonMetric> metrics, string unit = "")
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(metrics);
        var rows = result.Rows;
        var summaries = metrics.Select(metric =>
        {
            var values = rows.Select(r => metric.Of(r)
                ?? throw new ArgumentException($"model '{r.Model}' has no {metric.Label()}: sentiment metrics need ExperimentOptions.Sentiment = true.", nameof(metrics))).ToArray();
            return new MetricSummary(metric.Label(), values.Select(v => v.Mean).ToArray(), values.Select(v => v.Sd).ToArray(),
                metric.OnTargetScale() ? unit : "");
        }).ToArray();
        int? seeds = rows.Select(r => r.Seeds).Distinct().Count() == 1 ? rows[0].Seeds : null;
        return ComparisonCharts.Models(rows.Select(r => r.Model).ToArray(), summaries, seeds: seeds);
    }

    /// <summary>
    /// Can the PID tell which modality to drop? Trains one network per modality that lacks it, with <paramref name="pidreg"/>'s
    /// settings (live progress), then sets the fitted PIDReg's account of each modality (its unique atom and its share of
    /// the redundancy) against what dropping it costs on the test rows and the prediction time it saves. Two modalities:
    /// the network lacking one reads the other alone (unimodal), and the account uses the atoms of the fit
    /// (<see cref="ModalitySelection.Analyze"/>). More: it is early fusion of the other modalities, and the account uses the
    /// MMI lattice PID of the latents on the training rows (<see cref="ModalitySelection.AnalyzeDropping"/>). In a notebook
    /// the report shows as a table.
    /// </summary>
    /// <param name="pidreg">The fitted PIDReg model whose explanation is tested.</param>
    /// <param name="split">The split it was fitted on: the networks without a modality train on the same rows, and all are tested on its test rows.</param>
    /// <param name="log">Where the progress lines go outside a kernel; default <see cref="Console.Out"/>.</param>
    public static ModalitySelectionReport SelectModality(PidRegRegressor pidreg, DatasetSplit split, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(pidreg);
        ArgumentNullException.ThrowIfNull(split);
        var options = BaselineOptions.From(pidreg.Options);
        int epochs = options.Epochs;
        var names = split.Train.Modalities.Select(m => m.Name).ToArray();
        int count = names.Length;
        var progress = new TrainingProgress(count * epochs, "epoch", log);
        // Two modalities: network i reads modality i alone (as before); more: network i is early fusion of all but modality i.
        BaselineRegressor FitOne(int index)
        {
            var kind = count == 2 ? (index == 0 ? BaselineKind.Unimodal1 : BaselineKind.Unimodal2) : BaselineKind.EarlyFusion;
            var kept = names.Where((_, i) => i != index).ToArray();
            var (train, validation) = count == 2 ? (split.Train, split.Validation) : (split.Train.WithModalities(kept), split.Validation.WithModalities(kept));
            string label = count == 2 ? $"{names[index]} only" : $"without {names[index]}";
            return new BaselineRegressor(kind, options).Fit(train, validation, new InlineProgress<BaselineEpochReport>(e =>
                progress.Report(index * epochs + e.Epoch, string.Create(CultureInfo.InvariantCulture,
                    $"{label}: epoch {e.Epoch}/{epochs}  train MSE {e.Mse:F4}  validation MSE {e.ValidationMse:F4}"))));
        }
        var networks = new List<BaselineRegressor>(count);
        try
        {
            for (int m = 0; m < count; m++) networks.Add(FitOne(m));
            progress.Report(count * epochs, count == 2 ? "both unimodal networks trained" : $"{count} networks without one modality trained");
            return count == 2
                ? ModalitySelection.Analyze(pidreg, networks[0], networks[1], split.Test)
                : ModalitySelection.AnalyzeDropping(pidreg, networks, split.Test, split.Train);
        }
        finally
        {
            foreach (var model in networks) model.Dispose();
        }
    }

    /// <summary>
    /// The modality-selection trade-off of <paramref name="report"/>: the error increase when a modality is dropped
    /// against its unique information, and the prediction time dropping it saves.
    /// </summary>
    /// <param name="report">A modality-selection report (<see cref="SelectModality"/>).</param>
    /// <param name="unit">The target's unit, shown with the RMSE increase; empty for none.</param>
    public static GenericChart SelectionChart(ModalitySelectionReport report, string unit = "")
    {
        ArgumentNullException.ThrowIfNull(report);
        var accounts = report.Modalities;
        return ComparisonCharts.ModalitySelection(
            accounts.Select(m => m.Modality).ToArray(),
            accounts.Select(m => m.UniqueBits).ToArray(),
            accounts.Select(m => m.RmseIncrease).ToArray(),
            accounts.Select(m => 100 * m.InferenceSaving).ToArray(),
            ComparisonMetric.Rmse.Label(), unit);
    }
}
