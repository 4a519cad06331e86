using System.Globalization;

namespace PidReg.Evaluation;

/// <summary>The CMU-MOSI/MOSEI classification-style metrics of a sentiment score in [−3, 3] (see <see cref="Metrics"/>).</summary>
/// <param name="Acc2">Binary accuracy of the sign on rows whose truth is non-zero.</param>
/// <param name="F1">Weighted F1 of the same binary labels.</param>
/// <param name="Acc7">Accuracy of the seven classes round(clip(·, −3, 3)).</param>
public sealed record SentimentScores(double Acc2, double F1, double Acc7)
{
    /// <inheritdoc />
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "Acc-2 {0:F4}  F1 {1:F4}  Acc-7 {2:F4}", Acc2, F1, Acc7);
}
