using PidReg.Evaluation;

namespace PidReg.Notebooks;

/// <summary>A test metric of a model comparison (<see cref="ExperimentResult"/>), as a chart panel or a table column shows it.</summary>
public enum ComparisonMetric
{
    /// <summary>Root mean squared error, on the target's scale.</summary>
    Rmse,
    /// <summary>Mean absolute error, on the target's scale.</summary>
    Mae,
    /// <summary>Coefficient of determination R² (unitless).</summary>
    R2,
    /// <summary>Pearson correlation of prediction and truth (unitless).</summary>
    Pearson,
    /// <summary>Sentiment Acc-2, the share of signs right (needs <see cref="ExperimentOptions.Sentiment"/>).</summary>
    Acc2,
    /// <summary>Sentiment weighted F1 on the sign (needs <see cref="ExperimentOptions.Sentiment"/>).</summary>
    F1,
    /// <summary>Sentiment Acc-7, the share of rounded scores right (needs <see cref="ExperimentOptions.Sentiment"/>).</summary>
    Acc7,
}

/// <summary>Label, unit rule and value of each <see cref="ComparisonMetric"/>, in one place for charts and tables.</summary>
internal static class ComparisonMetrics
{
    /// <summary>The label a chart axis or a table header shows.</summary>
    public static string Label(this ComparisonMetric metric) => metric switch
    {
        ComparisonMetric.Rmse => "RMSE",
        ComparisonMetric.Mae => "MAE",
        ComparisonMetric.R2 => "R²",
        ComparisonMetric.Pearson => "Pearson r",
        ComparisonMetric.Acc2 => "Acc-2",
        ComparisonMetric.F1 => "F1",
        ComparisonMetric.Acc7 => "Acc-7",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "not a ComparisonMetric"),
    };

    /// <summary>True for the errors measured on the target's scale (they carry its unit); the others are unitless.</summary>
    public static bool OnTargetScale(this ComparisonMetric metric) => metric is ComparisonMetric.Rmse or ComparisonMetric.Mae;

    /// <summary>The metric's mean ± sd in <paramref name="row"/>; null for a sentiment metric of a table made without sentiment.</summary>
    public static MeanSd? Of(this ComparisonMetric metric, ExperimentRow row) => metric switch
    {
        ComparisonMetric.Rmse => row.Rmse,
        ComparisonMetric.Mae => row.Mae,
        ComparisonMetric.R2 => row.R2,
        ComparisonMetric.Pearson => row.Pearson,
        ComparisonMetric.Acc2 => row.Acc2,
        ComparisonMetric.F1 => row.F1,
        ComparisonMetric.Acc7 => row.Acc7,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "not a ComparisonMetric"),
    };
}
