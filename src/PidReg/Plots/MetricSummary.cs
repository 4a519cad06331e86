namespace PidReg.Plots;

/// <summary>One metric of a multi-seed model comparison: mean and standard deviation per model.</summary>
/// <param name="Name">Metric name as shown, e.g. "RMSE", "MAE", "R²".</param>
/// <param name="Mean">Mean over seeds, one per model, in the models' order.</param>
/// <param name="Sd">Standard deviation over seeds (≥ 0), one per model; drawn as ± error bars.</param>
/// <param name="Unit">Unit of the metric, e.g. "K" or "years"; empty for unitless metrics.</param>
public sealed record MetricSummary(string Name, IReadOnlyList<double> Mean, IReadOnlyList<double> Sd, string Unit = "");
