using System.Globalization;

namespace PidReg.Evaluation;

/// <summary>Test-set regression metrics on the original target scale (see <see cref="Metrics"/>).</summary>
/// <param name="Rmse">Root mean squared error.</param>
/// <param name="Mae">Mean absolute error.</param>
/// <param name="R2">Coefficient of determination 1 − SSE/SST.</param>
/// <param name="Pearson">Pearson correlation of prediction and truth (NaN when the prediction is constant).</param>
public sealed record RegressionScores(double Rmse, double Mae, double R2, double Pearson)
{
    /// <inheritdoc />
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "RMSE {0:G6}  MAE {1:G6}  R² {2:F4}  Pearson r {3:F4}", Rmse, Mae, R2, Pearson);
}
