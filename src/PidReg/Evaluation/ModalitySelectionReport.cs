using System.Globalization;
using System.Text;
using PidReg.Model;

namespace PidReg.Evaluation;

/// <summary>The modality-selection analysis: PIDReg's atoms, its test metrics and prediction time, and one account per modality.</summary>
/// <param name="Atoms">Atoms of the fused model (bits); null for more than two modalities (see <see cref="LatticeAtoms"/>).</param>
/// <param name="FusedScores">Test metrics of the fused model.</param>
/// <param name="FusedPredictSeconds">Median wall time of predicting the test set with the fused model.</param>
/// <param name="Modalities">One account per modality, in modality order.</param>
public sealed record ModalitySelectionReport(PidAtoms? Atoms, RegressionScores FusedScores, double FusedPredictSeconds, IReadOnlyList<ModalityAccount> Modalities)
{
    /// <summary>
    /// The MMI lattice PID of the latents the accounts come from, when the analysis covered any number of modalities
    /// (<see cref="ModalitySelection.AnalyzeDropping"/>); null for <see cref="ModalitySelection.Analyze"/>.
    /// </summary>
    public PidReg.Information.LatticePid? LatticeAtoms { get; init; }

    /// <summary>
    /// True when the PID ranks the modalities as the measured cost of dropping them does: for every pair, the modality the
    /// PID credits more is also the one whose removal costs more R² (for two modalities, the one pair).
    /// </summary>
    public bool PidRankingAgrees =>
        Modalities.SelectMany((a, i) => Modalities.Skip(i + 1).Select(b => (a, b)))
            .All(p => (p.a.PidBits >= p.b.PidBits) == (p.a.R2Loss >= p.b.R2Loss));

    /// <summary>A markdown table of the accounts.</summary>
    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(string.Create(c, $"Fused PIDReg: {FusedScores}; predicts the test set in {FusedPredictSeconds * 1000:F2} ms; {(object?)Atoms ?? LatticeAtoms}"));
        text.AppendLine();
        text.AppendLine("| modality | U (bits) | share of R (bits) | PID account (bits) | share of total | R² without | R² loss | RMSE increase | predict ms without | inference saving |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var m in Modalities)
            text.AppendLine(string.Create(c,
                $"| {m.Modality} | {m.UniqueBits:F3} | {m.RedundancyShareBits:F3} | {m.PidBits:F3} | {m.PidFraction:P1} | {m.WithoutScores.R2:F4} | {m.R2Loss:F4} | {m.RmseIncrease:G4} | {m.WithoutPredictSeconds * 1000:F2} | {m.InferenceSaving:P1} |"));
        return text.ToString();
    }
}
