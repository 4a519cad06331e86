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
}
