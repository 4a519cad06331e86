using System.Globalization;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace PidReg.Plots;

/// <summary>Comparisons across models and across modality choices.</summary>
public static class ComparisonCharts
{
    /// <summary>
    /// Mean ± sd bars per model, one panel per metric (metrics have different units, so they never share an axis).
    /// With one seed there is no spread: no whiskers are drawn and the default title says "one seed".
    /// </summary>
    /// <param name="models">Model names, unique, e.g. "PIDReg", "early fusion".</param>
    /// <param name="metrics">One summary per metric, each with one mean and sd per model.</param>
    /// <param name="title">Chart title; null gives "Model comparison (mean ± sd over N seeds)", or "(one seed)".</param>
    /// <param name="seeds">Seeds behind each mean (range: at least 1); null when unknown: then sds that are all 0 are
    /// read as one seed (a spread of exactly 0 over several trained seeds does not happen).</param>
    public static GenericChart Models(IReadOnlyList<string> models, IReadOnlyList<MetricSummary> metrics,
        string? title = null, int? seeds = null)
    {
        ChartInput.Labels(models, nameof(models));
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.Count == 0) throw new ArgumentException("metrics is empty; give at least one metric.", nameof(metrics));
        if (seeds < 1) throw new ArgumentOutOfRangeException(nameof(seeds), seeds, "must be at least 1");
        ChartInput.Labels(metrics.Select(m => m?.Name ?? "").ToArray(), "metrics (names)");
        foreach (var m in metrics)
        {
            ChartInput.Finite(m.Mean, $"metrics['{m.Name}'].Mean", "model index");
            ChartInput.Finite(m.Sd, $"metrics['{m.Name}'].Sd", "model index");
            ChartInput.SameLength(models, nameof(models), m.Mean, $"metrics['{m.Name}'].Mean");
            ChartInput.SameLength(models, nameof(models), m.Sd, $"metrics['{m.Name}'].Sd");
            if (m.Sd.Any(s => s < 0)) throw new ArgumentException($"metrics['{m.Name}'].Sd has a negative value.", nameof(metrics));
            if (seeds == 1 && m.Sd.Any(s => s != 0))
                throw new ArgumentException($"metrics['{m.Name}'].Sd is not 0 but seeds is 1; one seed has no spread.", nameof(metrics));
        }
        bool oneSeed = seeds == 1 || seeds is null && metrics.All(m => m.Sd.All(s => s == 0));
        title ??= oneSeed ? "Model comparison (one seed)"
            : seeds is int n ? string.Create(CultureInfo.InvariantCulture, $"Model comparison (mean ± sd over {n} seeds)")
            : "Model comparison (mean ± sd over seeds)";
        var colors = Color.fromColors(models.Select((_, i) => PlotStyle.ToColor(PlotStyle.SeriesColor(i))));
        var panels = metrics.Select(m =>
        {
            var bars = CSharpChart.Column<double, string, string>(m.Mean.ToArray(), Keys: models.ToArray(), Name: m.Name,
                ShowLegend: false, MarkerColor: colors, UseDefaults: false);
            if (!oneSeed) bars = PlotStyle.WithYError(bars, PlotStyle.ErrorBars(m.Sd));
            return PlotStyle.CategoryX(bars).WithYAxisStyle<double, double, string>(TitleText: m.Name + PredictionCharts.Unit(m.Unit));
        }).ToArray();
        return Panels(panels, title);
    }

    /// <summary>
    /// The modality-selection trade-off: left, how much worse the model gets when a modality is dropped against how
    /// much information only that modality has (its unique atom); right, the inference time dropping it saves.
    /// A modality in the lower-left (little unique information, little loss) is a candidate to drop.
    /// </summary>
    /// <param name="modalities">Modality names, unique, in the order X1, X2, ….</param>
    /// <param name="uniqueBits">The PID's account of each modality: its unique information in bits (≥ 0).</param>
    /// <param name="metricIncrease">Increase of the error metric when the modality is dropped (negative = it helped to drop it).</param>
    /// <param name="timeSavingPercent">Inference time saved by dropping the modality, in % of the full model's time.</param>
    /// <param name="metric">Error metric, e.g. "RMSE".</param>
    /// <param name="metricUnit">Unit of the metric, e.g. "K"; empty for unitless metrics.</param>
    /// <param name="title">Chart title.</param>
    public static GenericChart ModalitySelection(IReadOnlyList<string> modalities, IReadOnlyList<double> uniqueBits,
        IReadOnlyList<double> metricIncrease, IReadOnlyList<double> timeSavingPercent, string metric = "RMSE",
        string metricUnit = "", string title = "What dropping a modality costs and saves")
    {
        ChartInput.Labels(modalities, nameof(modalities));
        ChartInput.Finite(uniqueBits, nameof(uniqueBits), "modality index");
        ChartInput.Finite(metricIncrease, nameof(metricIncrease), "modality index");
        ChartInput.Finite(timeSavingPercent, nameof(timeSavingPercent), "modality index");
        ChartInput.SameLength(modalities, nameof(modalities), uniqueBits, nameof(uniqueBits));
        ChartInput.SameLength(modalities, nameof(modalities), metricIncrease, nameof(metricIncrease));
        ChartInput.SameLength(modalities, nameof(modalities), timeSavingPercent, nameof(timeSavingPercent));
        if (uniqueBits.Any(u => u < 0)) throw new ArgumentException("uniqueBits has a negative value; atoms are >= 0.", nameof(uniqueBits));

        var colors = modalities.Select((_, i) => PlotStyle.ToColor(PlotStyle.ModalityColor(i))).ToArray();
        var tradeOff = CSharpChart.Point<double, double, string>(uniqueBits.ToArray(), metricIncrease.ToArray(),
                Name: $"{metric} increase when dropped", ShowLegend: false, MultiText: modalities.Select(m => $"drop {m}").ToArray(),
                TextPosition: StyleParam.TextPosition.TopCenter, MarkerColor: Color.fromColors(colors), UseDefaults: false)
            .WithXAxisStyle<double, double, string>(TitleText: "unique information of the modality (bits)")
            .WithYAxisStyle<double, double, string>(TitleText: $"{metric} increase when dropped{PredictionCharts.Unit(metricUnit)}");
        // A point at the edge of the plot (no unique information, the largest loss) keeps its whole label.
        tradeOff = GenericChart.mapTrace(Microsoft.FSharp.Core.FuncConvert.FromFunc<Trace, Trace>(t =>
        {
            t.SetProperty("cliponaxis", false);
            return t;
        }), tradeOff);
        var savingBars = CSharpChart.Column<double, string, string>(timeSavingPercent.ToArray(),
            Keys: modalities.Select(m => $"drop {m}").ToArray(), Name: "inference time saved", ShowLegend: false,
            MarkerColor: Color.fromColors(colors), UseDefaults: false);
        var saving = PlotStyle.CategoryX(savingBars).WithYAxisStyle<double, double, string>(TitleText: "inference time saved (%)");
        return Panels([tradeOff, saving], title);
    }

    static GenericChart Panels(GenericChart[] panels, string title)
    {
        var chart = panels.Length == 1 ? panels[0] : CSharpChart.Grid(panels, 1, panels.Length, XGap: 0.25);
        chart = Plotly.NET.Chart.withTitle(PlotStyle.Obj<Title>(("text", title))).Invoke(chart);
        return PlotStyle.Themed(chart);
    }
}
