using System.Globalization;
using System.Text;
using PidReg.Model;

namespace PidReg.Evaluation;

/// <summary>The modality-selection analysis: PIDReg's atoms, its test metrics and prediction time, and one account per modality.</summary>
/// <param name="Atoms">Atoms of the fused model (bits).</param>
/// <param name="FusedScores">Test metrics of the fused model.</param>
/// <param name="FusedPredictSeconds">Median wall time of predicting the test set with the fused model.</param>
/// <param name="Modalities">Modality 1, then modality 2.</param>
public sealed record ModalitySelectionReport(PidAtoms Atoms, RegressionScores FusedScores, double FusedPredictSeconds, IReadOnlyList<ModalityAccount> Modalities)
{
    /// <summary>True when the modality the PID credits more is also the one whose removal costs more R².</summary>
    public bool PidRankingAgrees =>
        (Modalities[0].PidBits >= Modalities[1].PidBits) == (Modalities[0].R2Loss >= Modalities[1].R2Loss);

    /// <summary>A markdown table of the two accounts.</summary>
    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(string.Create(c, $"Fused PIDReg: {FusedScores}; predicts the test set in {FusedPredictSeconds * 1000:F2} ms; {Atoms}"));
        text.AppendLine();
        text.AppendLine("| modality | U (bits) | share of R (bits) | PID account (bits) | share of total | R² without | R² loss | RMSE increase | predict ms without | inference saving |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var m in Modalities)
            text.AppendLine(string.Create(c,
                $"| {m.Modality} | {m.UniqueBits:F3} | {m.RedundancyShareBits:F3} | {m.PidBits:F3} | {m.PidFraction:P1} | {m.WithoutScores.R2:F4} | {m.R2Loss:F4} | {m.RmseIncrease:G4} | {m.WithoutPredictSeconds * 1000:F2} | {m.InferenceSaving:P1} |"));
        return text.ToString();
    }
}
