namespace PidReg.Training;

/// <summary>
/// Which modality drove each row's prediction: exact Shapley values of the modalities in a fitted PIDReg model. A modality
/// that is "absent" has its latent replaced by the reference latent (the mean latent of a reference set, by default the
/// data itself), so for every row the contributions add up exactly: Σ_m Contributions[row, m] = Prediction[row] − Baseline.
/// Values are on the original target scale (for example years of predicted age).
/// </summary>
/// <param name="Modalities">Modality names, in the order of the columns of <paramref name="Contributions"/>.</param>
/// <param name="TargetColumn">The target column the values refer to.</param>
/// <param name="Baseline">The prediction with every modality at its reference latent.</param>
/// <param name="Predictions">The model's prediction per row (rows).</param>
/// <param name="Contributions">Shapley value of each modality per row (rows × modalities).</param>
public sealed record ModalityAttribution(
    IReadOnlyList<string> Modalities, int TargetColumn, double Baseline, double[] Predictions, double[,] Contributions)
{
    /// <summary>Number of rows.</summary>
    public int RowCount => Predictions.Length;

    /// <summary>Contributions of modality <paramref name="modality"/> (by position) for every row.</summary>
    public double[] Of(int modality) =>
        Enumerable.Range(0, RowCount).Select(i => Contributions[i, modality]).ToArray();

    /// <summary>Contributions of the modality named <paramref name="name"/> for every row.</summary>
    public double[] Of(string name)
    {
        int index = Modalities.ToList().IndexOf(name);
        if (index < 0)
            throw new ArgumentException($"no modality '{name}'; this attribution has {string.Join(", ", Modalities)}.", nameof(name));
        return Of(index);
    }

    /// <summary>Mean absolute contribution of each modality: how much, on average, each one moves a prediction.</summary>
    public double[] MeanAbsolute() =>
        Enumerable.Range(0, Modalities.Count).Select(m => Of(m).Average(Math.Abs)).ToArray();
}
