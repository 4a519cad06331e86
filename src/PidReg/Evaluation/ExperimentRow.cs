namespace PidReg.Evaluation;

/// <summary>One model's line of the comparison table: mean and sd over seeds.</summary>
/// <param name="Model">Registry name.</param>
/// <param name="Seeds">Number of runs.</param>
/// <param name="Rmse">Test RMSE.</param>
/// <param name="Mae">Test MAE.</param>
/// <param name="R2">Test R².</param>
/// <param name="Pearson">Test Pearson r.</param>
/// <param name="SecondsPerEpoch">Wall seconds per epoch.</param>
/// <param name="Parameters">Parameter count (the same for every seed).</param>
/// <param name="Acc2">Acc-2 (sentiment only).</param>
/// <param name="F1">Weighted F1 (sentiment only).</param>
/// <param name="Acc7">Acc-7 (sentiment only).</param>
/// <param name="Paper">The published number for this model, if given.</param>
public sealed record ExperimentRow(
    string Model, int Seeds, MeanSd Rmse, MeanSd Mae, MeanSd R2, MeanSd Pearson, MeanSd SecondsPerEpoch, long Parameters,
    MeanSd? Acc2, MeanSd? F1, MeanSd? Acc7, double? Paper);
