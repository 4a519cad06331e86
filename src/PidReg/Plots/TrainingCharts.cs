using PidReg.Training;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace PidReg.Plots;

/// <summary>
/// Per-epoch curves of a PIDReg training run: atoms, fusion weights, bottleneck λ and loss terms, from a
/// <see cref="TrainingHistory"/> or from plain series (one value per epoch, epoch 1 first). The epoch at whose end
/// the fusion weights froze (stage 1 → stage 2, <see cref="TrainingHistory.FrozenAtEpoch"/>) is a dashed vertical
/// line; there is none when nothing froze.
/// </summary>
public static class TrainingCharts
{
    /// <summary>
    /// Epoch-averaged MMI PID atoms (the model's batch PID); only stage-1 epochs have atoms. Two modalities: the four atoms
    /// in their fixed colours. More: one line per lattice atom keyed by antichain ("{1}{23}": what modality 1 shares with
    /// the pair 2, 3), leaving out atoms that never reach <see cref="SmallLatticeAtomBits"/> in size (the title says so).
    /// </summary>
    public static GenericChart Atoms(TrainingHistory history, string x1Name = "X1", string x2Name = "X2",
        string title = "PID atoms over training")
    {
        var reports = Reports(history);
        if (reports.Any(r => r.Atoms is null && r.LatticeAtoms is not null)) return LatticeAtoms(reports, history, title);
        var withAtoms = reports.Where(r => r.Atoms is not null).ToArray();
        if (withAtoms.Length == 0)
            throw new ArgumentException("history has no epoch with PID atoms (was the PID switched off?).", nameof(history));
        int[] epochs = [.. withAtoms.Select(r => r.Epoch)];
        return EpochLines(
        [
            Series(epochs, [.. withAtoms.Select(r => r.Atoms!.UniqueX1)], "UniqueX1", PlotStyle.AtomLabel(PidAtom.UniqueX1, x1Name, x2Name), PlotStyle.UniqueX1Color),
            Series(epochs, [.. withAtoms.Select(r => r.Atoms!.UniqueX2)], "UniqueX2", PlotStyle.AtomLabel(PidAtom.UniqueX2, x1Name, x2Name), PlotStyle.UniqueX2Color),
            Series(epochs, [.. withAtoms.Select(r => r.Atoms!.Redundancy)], "Redundancy", PlotStyle.AtomLabel(PidAtom.Redundancy), PlotStyle.RedundancyColor),
            Series(epochs, [.. withAtoms.Select(r => r.Atoms!.Synergy)], "Synergy", PlotStyle.AtomLabel(PidAtom.Synergy), PlotStyle.SynergyColor),
        ], FrozenAt(history), title, "information (bits)", logY: false);
    }

    /// <summary>Lattice atoms smaller than this in every epoch (bits, absolute value) are left out of a chart of more than two modalities.</summary>
    public const double SmallLatticeAtomBits = 0.005;

    static GenericChart LatticeAtoms(EpochReport[] reports, TrainingHistory history, string title)
    {
        var withAtoms = reports.Where(r => r.LatticeAtoms is not null).ToArray();
        int[] epochs = [.. withAtoms.Select(r => r.Epoch)];
        var keys = withAtoms[0].LatticeAtoms!.Keys.ToArray();
        var shown = keys.Where(k => withAtoms.Any(r => Math.Abs(r.LatticeAtoms![k]) >= SmallLatticeAtomBits)).ToArray();
        if (shown.Length == 0) shown = keys;
        var series = shown.Select((k, i) => Series(epochs, [.. withAtoms.Select(r => r.LatticeAtoms![k])], $"atom {k}", k, PlotStyle.SeriesColor(i))).ToArray();
        string left = PidCharts.LeftOut(keys.Length - shown.Length, keys.Length, SmallLatticeAtomBits) is { } note ? $" ({note})" : "";
        return EpochLines(series, FrozenAt(history), title + " (MMI lattice)" + left, "information (bits)", logY: false);
    }

    /// <summary>Batch-averaged PID atoms per epoch from plain series of equal length.</summary>
    public static GenericChart Atoms(IReadOnlyList<double> uniqueX1, IReadOnlyList<double> uniqueX2,
        IReadOnlyList<double> redundancy, IReadOnlyList<double> synergy, int? freezeEpoch = null,
        string x1Name = "X1", string x2Name = "X2", string title = "PID atoms over training") =>
        EpochLines(
        [
            Series(uniqueX1, nameof(uniqueX1), PlotStyle.AtomLabel(PidAtom.UniqueX1, x1Name, x2Name), PlotStyle.UniqueX1Color),
            Series(uniqueX2, nameof(uniqueX2), PlotStyle.AtomLabel(PidAtom.UniqueX2, x1Name, x2Name), PlotStyle.UniqueX2Color),
            Series(redundancy, nameof(redundancy), PlotStyle.AtomLabel(PidAtom.Redundancy), PlotStyle.RedundancyColor),
            Series(synergy, nameof(synergy), PlotStyle.AtomLabel(PidAtom.Synergy), PlotStyle.SynergyColor),
        ], freezeEpoch, title, "information (bits)", logY: false);

    /// <summary>
    /// Fusion weights after each epoch (they sum to 1): w1 on Z1, w2 on Z2, w3 on the product Z1 ⊙ Z2; for more modalities
    /// one line per fusion path, named as the path ("a", "a*b", …).
    /// </summary>
    public static GenericChart FusionWeights(TrainingHistory history, string x1Name = "X1", string x2Name = "X2",
        string title = "Fusion weights over training")
    {
        var reports = Reports(history);
        if (reports.All(r => r.Weights is not null))
        {
            var weights = reports.Select(r => r.Weights!).ToArray();
            return FusionWeights([.. weights.Select(w => w.W1)], [.. weights.Select(w => w.W2)],
                [.. weights.Select(w => w.W3)], FrozenAt(history), x1Name, x2Name, title, Epochs(reports));
        }
        var paths = reports[0].PathWeights?.Keys.ToArray()
            ?? throw new ArgumentException($"epoch {reports[0].Epoch} holds no fusion weights", nameof(history));
        // Modality paths (the names without the product separator) in their modalities' colours, as in
        // ExplanationCharts.PathWeights; products after them.
        int modalities = paths.Count(p => !p.Contains(Model.FusionPath.Separator, StringComparison.Ordinal));
        var series = paths.Select((p, i) => Series([.. reports.Select(r => r.PathWeights![p])], $"path {p}", $"w ({p})",
            i < modalities ? PlotStyle.ModalityColor(i) : PlotStyle.SeriesColor(i), Epochs(reports))).ToArray();
        return EpochLines(series, FrozenAt(history), title, "weight (fraction of 1)", logY: false);
    }

    /// <summary>Fusion weights per epoch from plain series of equal length.</summary>
    public static GenericChart FusionWeights(IReadOnlyList<double> w1, IReadOnlyList<double> w2, IReadOnlyList<double> w3,
        int? freezeEpoch = null, string x1Name = "X1", string x2Name = "X2", string title = "Fusion weights over training") =>
        FusionWeights(w1, w2, w3, freezeEpoch, x1Name, x2Name, title, epochs: null);

    /// <summary>
    /// Noise-bottleneck λ after each epoch (1 = the latent keeps all signal, 0 = it is replaced by noise); for more than
    /// two modalities one line per modality, λ1 … λM.
    /// </summary>
    public static GenericChart Lambdas(TrainingHistory history, string x1Name = "X1", string x2Name = "X2",
        string title = "Bottleneck λ over training")
    {
        var reports = Reports(history);
        if (reports[0].Lambdas is { Count: > 2 } first)
        {
            // The first M path names are the modality names.
            var names = reports[0].PathWeights?.Keys.Take(first.Count).ToArray();
            var series = Enumerable.Range(0, first.Count).Select(m => Series([.. reports.Select(r => r.Lambdas![m])], $"λ{m + 1}",
                names is null ? $"λ{m + 1}" : $"λ{m + 1} ({names[m]})", PlotStyle.ModalityColor(m), Epochs(reports))).ToArray();
            return EpochLines(series, FrozenAt(history), title, "λ (fraction of signal kept)", logY: false);
        }
        return Lambdas([.. reports.Select(r => r.Lambda1)], [.. reports.Select(r => r.Lambda2)], FrozenAt(history),
            x1Name, x2Name, title, Epochs(reports));
    }

    /// <summary>Noise-bottleneck λ per epoch from plain series of equal length.</summary>
    public static GenericChart Lambdas(IReadOnlyList<double> lambda1, IReadOnlyList<double> lambda2, int? freezeEpoch = null,
        string x1Name = "X1", string x2Name = "X2", string title = "Bottleneck λ over training") =>
        Lambdas(lambda1, lambda2, freezeEpoch, x1Name, x2Name, title, epochs: null);

    /// <summary>
    /// The loss terms of each epoch: total, training and validation MSE, and the regularisers that were on (a term
    /// that is 0 in every epoch is left out). On a log axis, epochs where a term is 0 (switched off, e.g. the
    /// Gaussianity term in stage 2) are left out of that term's line.
    /// </summary>
    public static GenericChart Losses(TrainingHistory history, bool logY = false, string title = "Loss terms over training")
    {
        var reports = Reports(history);
        var terms = new (string Name, Func<EpochReport, double> Value)[]
        {
            ("total", r => r.Total), ("MSE (train)", r => r.Mse), ("MSE (validation)", r => r.ValidationMse),
            ("CS", r => r.Cs), ("CMI", r => r.Cmi), ("Gaussianity", r => r.Gaussianity),
        };
        var series = new List<EpochSeries>();
        foreach (var (name, value) in terms)
        {
            if (reports.All(r => value(r) == 0)) continue;
            var kept = logY ? reports.Where(r => value(r) > 0).ToArray() : reports;
            if (kept.Length == 0) continue;
            series.Add(Series(Epochs(kept), [.. kept.Select(value)], $"history ({name})", name, PlotStyle.SeriesColor(series.Count)));
        }
        // Terms lose different epochs on a log axis, so their lengths legitimately differ here.
        return EpochLines([.. series], FrozenAt(history), title, LossAxisTitle(series.Select(t => t.Name)), logY, equalLengths: false);
    }

    /// <summary>
    /// Loss terms per epoch, one line per named term (e.g. "MSE", "CS", "CMI", "Gaussianity"), all of the same
    /// length. With <paramref name="logY"/> every value must be positive.
    /// </summary>
    public static GenericChart Losses(IReadOnlyList<KeyValuePair<string, IReadOnlyList<double>>> terms, int? freezeEpoch = null,
        bool logY = false, string title = "Loss terms over training")
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0) throw new ArgumentException("terms is empty; give at least one loss term.", nameof(terms));
        ChartInput.Labels([.. terms.Select(t => t.Key)], "terms (names)");
        var series = terms.Select((t, i) => Series(t.Value, $"terms['{t.Key}']", t.Key, PlotStyle.SeriesColor(i))).ToArray();
        if (logY)
            foreach (var t in terms)
                ChartInput.Positive(t.Value, $"terms['{t.Key}']", "a log axis needs positive values (use logY: false)");
        return EpochLines(series, freezeEpoch, title, LossAxisTitle(terms.Select(t => t.Key)), logY);
    }

    /// <summary>
    /// The loss axis says what its lines measure: the MSE terms are in squared standardized target units, but the
    /// regularisers (CS divergence, CMI, Gaussianity) are numbers on scales of their own, and the total mixes them.
    /// </summary>
    internal static string LossAxisTitle(IEnumerable<string> terms)
    {
        return terms.All(t => t.StartsWith("MSE", StringComparison.Ordinal)) ? "MSE (standardized target units²)"
            : "loss (MSE: standardized y²;<br>regularisers: own scales)";
    }

    /// <inheritdoc cref="Losses(IReadOnlyList{KeyValuePair{string, IReadOnlyList{double}}}, int?, bool, string)"/>
    public static GenericChart Losses(IReadOnlyDictionary<string, double[]> terms, int? freezeEpoch = null,
        bool logY = false, string title = "Loss terms over training")
    {
        ArgumentNullException.ThrowIfNull(terms);
        return Losses([.. terms.Select(t => KeyValuePair.Create(t.Key, (IReadOnlyList<double>)t.Value))], freezeEpoch, logY, title);
    }

    static GenericChart FusionWeights(IReadOnlyList<double> w1, IReadOnlyList<double> w2, IReadOnlyList<double> w3,
        int? freezeEpoch, string x1Name, string x2Name, string title, int[]? epochs) =>
        EpochLines(
        [
            Series(w1, nameof(w1), $"w1 ({x1Name})", PlotStyle.UniqueX1Color, epochs),
            Series(w2, nameof(w2), $"w2 ({x2Name})", PlotStyle.UniqueX2Color, epochs),
            Series(w3, nameof(w3), $"w3 ({x1Name} × {x2Name})", PlotStyle.SynergyColor, epochs),
        ], freezeEpoch, title, "weight (fraction of 1)", logY: false);

    static GenericChart Lambdas(IReadOnlyList<double> lambda1, IReadOnlyList<double> lambda2, int? freezeEpoch,
        string x1Name, string x2Name, string title, int[]? epochs) =>
        EpochLines(
        [
            Series(lambda1, nameof(lambda1), $"λ1 ({x1Name})", PlotStyle.UniqueX1Color, epochs),
            Series(lambda2, nameof(lambda2), $"λ2 ({x2Name})", PlotStyle.UniqueX2Color, epochs),
        ], freezeEpoch, title, "λ (fraction of signal kept)", logY: false);

    readonly record struct EpochSeries(int[] Epochs, IReadOnlyList<double> Values, string Argument, string Name, string Color);

    /// <summary>A series over epochs 1..n (plain input, lengths checked against each other later).</summary>
    static EpochSeries Series(IReadOnlyList<double> values, string argument, string name, string color, int[]? epochs = null)
    {
        ChartInput.Finite(values, argument, "epoch index");
        return new EpochSeries(epochs ?? [.. Enumerable.Range(1, values.Count)], values, argument, name, color);
    }

    static EpochSeries Series(int[] epochs, double[] values, string argument, string name, string color)
    {
        ChartInput.Finite(values, argument, "epoch index");
        return new EpochSeries(epochs, values, argument, name, color);
    }

    static EpochReport[] Reports(TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Epochs is null || history.Epochs.Count == 0)
            throw new ArgumentException("history has no epochs; train for at least one epoch.", nameof(history));
        return [.. history.Epochs];
    }

    static int[] Epochs(IEnumerable<EpochReport> reports) => [.. reports.Select(r => r.Epoch)];

    static int? FrozenAt(TrainingHistory history) => history.FrozenAtEpoch;

    static GenericChart EpochLines(EpochSeries[] series, int? freezeEpoch, string title, string yTitle, bool logY,
        bool equalLengths = true)
    {
        if (series.Length == 0) throw new ArgumentException("there is no series to draw (every term was 0).");
        for (int i = 1; i < series.Length && equalLengths; i++)
            ChartInput.SameLength(series[0].Values, series[0].Argument, series[i].Values, series[i].Argument);
        int lastEpoch = series.Max(s => s.Epochs.Length == 0 ? 0 : s.Epochs.Max());
        ChartInput.FreezeEpoch(freezeEpoch, lastEpoch);
        bool markers = series.All(s => s.Values.Count <= 30);
        var lines = series.Select(s => CSharpChart.Line<int, double, string>(s.Epochs, s.Values.ToArray(), Name: s.Name,
            ShowMarkers: markers, LineColor: PlotStyle.ToColor(s.Color), MarkerColor: PlotStyle.ToColor(s.Color),
            LineWidth: 2.0, UseDefaults: false));
        var chart = CSharpChart.Combine(lines);
        if (freezeEpoch is { } f) chart = PlotStyle.WithVerticalMarker(chart, f, $"weights frozen after epoch {f}");
        chart = PlotStyle.Finish(chart, title, "epoch", yTitle, yType: logY ? StyleParam.AxisType.Log : null);
        return logY ? PlotStyle.LogTicks(chart, 'y', series.SelectMany(s => s.Values)) : chart;
    }
}
