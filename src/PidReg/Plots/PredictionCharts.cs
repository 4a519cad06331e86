using System.Globalization;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace PidReg.Plots;

/// <summary>Predictions against the truth, on the target's original scale.</summary>
public static class PredictionCharts
{
    /// <summary>
    /// Predicted against true values with the identity line y = x; the title reports RMSE and n.
    /// </summary>
    /// <param name="truth">True target values.</param>
    /// <param name="predicted">Predictions, same order and length.</param>
    /// <param name="target">What is predicted, e.g. "critical temperature" or "age".</param>
    /// <param name="unit">The target's unit, e.g. "K" or "years"; empty for unitless targets.</param>
    /// <param name="title">Chart title; null gives "Predicted vs true {target} (RMSE …, n = …)".</param>
    public static GenericChart PredictedVsTrue(IReadOnlyList<double> truth, IReadOnlyList<double> predicted,
        string target = "target", string unit = "", string? title = null)
    {
        Check(truth, predicted);
        double rmse = Math.Sqrt(truth.Select((t, i) => (t - predicted[i]) * (t - predicted[i])).Average());
        double lo = Math.Min(truth.Min(), predicted.Min()), hi = Math.Max(truth.Max(), predicted.Max());
        var points = CSharpChart.Point<double, double, string>(truth.ToArray(), predicted.ToArray(), Name: "test samples",
            Opacity: 0.6, MarkerColor: PlotStyle.ToColor(PlotStyle.UniqueX1Color), UseDefaults: false);
        title ??= string.Create(CultureInfo.InvariantCulture,
            $"Predicted vs true {target} (RMSE {rmse:0.###}{Suffix(unit)}, n = {truth.Count})");
        return PlotStyle.Finish(CSharpChart.Combine([points, PlotStyle.IdentityLine(lo, hi)]), title,
            $"true {target}{Unit(unit)}", $"predicted {target}{Unit(unit)}");
    }

    /// <summary>Residuals (true − predicted) against the prediction, with the zero line.</summary>
    /// <inheritdoc cref="PredictedVsTrue" path="/param"/>
    public static GenericChart Residuals(IReadOnlyList<double> truth, IReadOnlyList<double> predicted,
        string target = "target", string unit = "", string? title = null)
    {
        Check(truth, predicted);
        var residuals = truth.Select((t, i) => t - predicted[i]).ToArray();
        var points = CSharpChart.Point<double, double, string>(predicted.ToArray(), residuals, Name: "residuals",
            Opacity: 0.6, MarkerColor: PlotStyle.ToColor(PlotStyle.UniqueX1Color), UseDefaults: false);
        var zero = CSharpChart.Line<double, double, string>([predicted.Min(), predicted.Max()], [0.0, 0.0], Name: "zero",
            LineColor: PlotStyle.ToColor(PlotStyle.TruthColor), LineDash: StyleParam.DrawingStyle.Dash, UseDefaults: false);
        title ??= $"Residuals of {target}";
        return PlotStyle.Finish(CSharpChart.Combine([points, zero]), title,
            $"predicted {target}{Unit(unit)}", $"true − predicted{Unit(unit)}");
    }

    static void Check(IReadOnlyList<double> truth, IReadOnlyList<double> predicted)
    {
        ChartInput.Finite(truth, nameof(truth));
        ChartInput.Finite(predicted, nameof(predicted));
        ChartInput.SameLength(truth, nameof(truth), predicted, nameof(predicted));
    }

    internal static string Unit(string unit) => string.IsNullOrWhiteSpace(unit) ? "" : $" ({unit})";

    static string Suffix(string unit) => string.IsNullOrWhiteSpace(unit) ? "" : $" {unit}";
}
