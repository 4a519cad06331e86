using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace PidReg.Plots;

/// <summary>
/// Per-epoch curves of a PIDReg training run: atoms, fusion weights, bottleneck λ and loss terms. Series hold one
/// value per epoch, epoch 1 first; <c>freezeEpoch</c> (the stage 1 → stage 2 switch, when the fusion weights were
/// frozen, numbered from 1) is drawn as a dashed vertical line, and omitted when null.
/// </summary>
public static class TrainingCharts
{
    /// <summary>Batch-averaged PID atoms per epoch, in the atoms' fixed colours.</summary>
    public static GenericChart Atoms(IReadOnlyList<double> uniqueX1, IReadOnlyList<double> uniqueX2,
        IReadOnlyList<double> redundancy, IReadOnlyList<double> synergy, int? freezeEpoch = null,
        string x1Name = "X1", string x2Name = "X2", string title = "PID atoms over training")
    {
        var series = new[]
        {
            Series(uniqueX1, nameof(uniqueX1), PlotStyle.AtomLabel(PidAtom.UniqueX1, x1Name, x2Name), PlotStyle.UniqueX1Color),
            Series(uniqueX2, nameof(uniqueX2), PlotStyle.AtomLabel(PidAtom.UniqueX2, x1Name, x2Name), PlotStyle.UniqueX2Color),
            Series(redundancy, nameof(redundancy), PlotStyle.AtomLabel(PidAtom.Redundancy), PlotStyle.RedundancyColor),
            Series(synergy, nameof(synergy), PlotStyle.AtomLabel(PidAtom.Synergy), PlotStyle.SynergyColor),
        };
        return EpochLines(series, freezeEpoch, title, "information (bits)", logY: false);
    }

    /// <summary>Fusion weights per epoch: w1 on Z1, w2 on Z2, w3 on the synergy feature Z1 ⊙ Z2 (they sum to 1).</summary>
    public static GenericChart FusionWeights(IReadOnlyList<double> w1, IReadOnlyList<double> w2, IReadOnlyList<double> w3,
        int? freezeEpoch = null, string x1Name = "X1", string x2Name = "X2", string title = "Fusion weights over training")
    {
        var series = new[]
        {
            Series(w1, nameof(w1), $"w1 ({x1Name})", PlotStyle.UniqueX1Color),
            Series(w2, nameof(w2), $"w2 ({x2Name})", PlotStyle.UniqueX2Color),
            Series(w3, nameof(w3), $"w3 ({x1Name} × {x2Name})", PlotStyle.SynergyColor),
        };
        return EpochLines(series, freezeEpoch, title, "weight (fraction of 1)", logY: false);
    }

    /// <summary>Noise-bottleneck λ per epoch for each modality (1 = signal kept, 0 = replaced by noise).</summary>
    public static GenericChart Lambdas(IReadOnlyList<double> lambda1, IReadOnlyList<double> lambda2, int? freezeEpoch = null,
        string x1Name = "X1", string x2Name = "X2", string title = "Bottleneck λ over training")
    {
        var series = new[]
        {
            Series(lambda1, nameof(lambda1), $"λ1 ({x1Name})", PlotStyle.UniqueX1Color),
            Series(lambda2, nameof(lambda2), $"λ2 ({x2Name})", PlotStyle.UniqueX2Color),
        };
        return EpochLines(series, freezeEpoch, title, "λ (fraction of signal kept)", logY: false);
    }

    /// <summary>
    /// Loss terms per epoch, one line per named term (e.g. "MSE (train)", "CS", "CMI", "Gauss"), all of the same
    /// length. With <paramref name="logY"/> every value must be positive.
    /// </summary>
    public static GenericChart Losses(IReadOnlyList<KeyValuePair<string, IReadOnlyList<double>>> terms, int? freezeEpoch = null,
        bool logY = false, string title = "Loss terms over training")
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0) throw new ArgumentException("terms is empty; give at least one loss term.", nameof(terms));
        ChartInput.Labels(terms.Select(t => t.Key).ToArray(), "terms (names)");
        var series = terms.Select((t, i) => Series(t.Value, $"terms['{t.Key}']", t.Key, PlotStyle.SeriesColor(i))).ToArray();
        if (logY)
            foreach (var t in terms)
                ChartInput.Positive(t.Value, $"terms['{t.Key}']", "a log axis needs positive values (use logY: false)");
        return EpochLines(series, freezeEpoch, title, "loss (standardized units)", logY);
    }

    /// <inheritdoc cref="Losses(IReadOnlyList{KeyValuePair{string, IReadOnlyList{double}}}, int?, bool, string)"/>
    public static GenericChart Losses(IReadOnlyDictionary<string, double[]> terms, int? freezeEpoch = null,
        bool logY = false, string title = "Loss terms over training")
    {
        ArgumentNullException.ThrowIfNull(terms);
        return Losses(terms.Select(t => KeyValuePair.Create(t.Key, (IReadOnlyList<double>)t.Value)).ToArray(),
            freezeEpoch, logY, title);
    }

    readonly record struct EpochSeries(IReadOnlyList<double> Values, string Argument, string Name, string Color);

    static EpochSeries Series(IReadOnlyList<double> values, string argument, string name, string color)
    {
        ChartInput.Finite(values, argument, "epoch index");
        return new EpochSeries(values, argument, name, color);
    }

    static GenericChart EpochLines(EpochSeries[] series, int? freezeEpoch, string title, string yTitle, bool logY)
    {
        for (int i = 1; i < series.Length; i++)
            ChartInput.SameLength(series[0].Values, series[0].Argument, series[i].Values, series[i].Argument);
        int epochs = series[0].Values.Count;
        ChartInput.FreezeEpoch(freezeEpoch, epochs);
        var x = Enumerable.Range(1, epochs).ToArray();
        var lines = series.Select(s => CSharpChart.Line<int, double, string>(x, s.Values.ToArray(), Name: s.Name,
            ShowMarkers: epochs <= 30, LineColor: PlotStyle.ToColor(s.Color), MarkerColor: PlotStyle.ToColor(s.Color),
            LineWidth: 2.0, UseDefaults: false));
        var chart = CSharpChart.Combine(lines);
        if (freezeEpoch is { } f) chart = PlotStyle.WithVerticalMarker(chart, f, $"weights frozen (epoch {f})");
        return PlotStyle.Finish(chart, title, "epoch", yTitle, logY: logY);
    }
}
