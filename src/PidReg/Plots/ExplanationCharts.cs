using System.Globalization;
using PidReg.Training;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace PidReg.Plots;

/// <summary>Charts of per-row explanations: how much each modality moved each prediction.</summary>
public static class ExplanationCharts
{
    /// <summary>
    /// One box per modality with every row drawn as a point: the distribution of that modality's contribution (its
    /// Shapley value) to the predictions. A wide box means the modality moves predictions a lot, in either direction.
    /// </summary>
    /// <param name="attribution">The per-row attribution (<see cref="PidRegRegressor.Attribute"/>).</param>
    /// <param name="target">What is predicted, e.g. "age".</param>
    /// <param name="unit">The target's unit, e.g. "years"; empty for unitless targets.</param>
    /// <param name="title">Chart title; null gives one stating the baseline and the number of rows.</param>
    public static GenericChart Contributions(ModalityAttribution attribution, string target = "target", string unit = "", string? title = null)
    {
        ArgumentNullException.ThrowIfNull(attribution);
        if (attribution.RowCount == 0) throw new ArgumentException("the attribution has no rows to draw.", nameof(attribution));
        var boxes = attribution.Modalities.Select((name, m) =>
        {
            var values = attribution.Of(m);
            ChartInput.Finite(values, $"{nameof(attribution)}.Contributions of '{name}'", "row");
            return CSharpChart.BoxPlot<string, double, string>(
                X: Enumerable.Repeat(name, values.Length).ToArray(), Y: values, Name: name, ShowLegend: false,
                MarkerColor: PlotStyle.ToColor(PlotStyle.ModalityColor(m)), BoxPoints: StyleParam.BoxPoints.All, Jitter: 0.4,
                PointPos: 0, UseDefaults: false);
        }).ToArray();
        title ??= string.Create(CultureInfo.InvariantCulture,
            $"Each modality's contribution to the predicted {target} (n = {attribution.RowCount}; they add up to prediction − {attribution.Baseline:0.###})");
        return PlotStyle.Finish(CSharpChart.Combine(boxes), title, "modality",
            $"contribution to predicted {target}{PredictionCharts.Unit(unit)}", xType: StyleParam.AxisType.Category);
    }
    /// <summary>
    /// The weight of every fusion path of a PIDReg model as bars, in path order: one path per modality (in that modality's
    /// colour), then one per product of several modalities ("a*b", …, in the synergy colour). The weights sum to 1.
    /// </summary>
    /// <param name="weights">The fitted weights (<see cref="PidRegExplanation.PathWeights"/>).</param>
    /// <param name="title">Chart title; null gives one stating how many paths there are and that the weights come from the MMI atoms.</param>
    public static GenericChart PathWeights(PidReg.Model.FusionPathWeights weights, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var values = weights.Weights.ToArray();
        ChartInput.Finite(values, nameof(weights), "path");
        var colors = weights.Paths.Select((p, k) => PlotStyle.ToColor(p.IsProduct ? PlotStyle.SynergyColor : PlotStyle.ModalityColor(k)));
        title ??= string.Create(CultureInfo.InvariantCulture,
            $"Fusion weights of the {weights.Paths.Count} paths (set from the MMI atoms; they sum to 1)");
        return PlotStyle.Finish(CSharpChart.Column<double, string, string>(values, Keys: weights.Paths.Select(p => p.Name).ToArray(), Name: "fusion weights",
                ShowLegend: false, MultiText: values.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture)).ToArray(),
                MarkerColor: Plotly.NET.Color.fromColors(colors), UseDefaults: false),
            title, "fusion path (a product path multiplies its modalities' latents)", "weight (fraction of 1)", xType: StyleParam.AxisType.Category);
    }
}
