namespace PidReg.Evaluation;

/// <summary>
/// One modality in the modality-selection analysis: what the PID credits it with, what is lost when it is dropped
/// (the unimodal model of the other modality against the fused PIDReg model) and the inference time saved.
/// </summary>
/// <param name="Modality">Modality name.</param>
/// <param name="UniqueBits">U_m (bits).</param>
/// <param name="RedundancyShareBits">This modality's share of R (bits), split by the fused model's weight rule (in proportion to I(Z_m; y′), or half each for the coin flip).</param>
/// <param name="PidBits">U_m + share of R (bits).</param>
/// <param name="PidFraction">PidBits / (U1 + U2 + R + S): the share of the fused information this modality accounts for.</param>
/// <param name="WithoutScores">Test metrics of the unimodal model of the other modality.</param>
/// <param name="R2Loss">Fused R² − R² without this modality (positive = dropping it hurts).</param>
/// <param name="RmseIncrease">RMSE without this modality − fused RMSE.</param>
/// <param name="WithoutPredictSeconds">Median wall time of predicting the test set without this modality.</param>
/// <param name="InferenceSaving">1 − WithoutPredictSeconds / fused predict seconds (the share of prediction time saved).</param>
public sealed record ModalityAccount(
    string Modality, double UniqueBits, double RedundancyShareBits, double PidBits, double PidFraction,
    RegressionScores WithoutScores, double R2Loss, double RmseIncrease, double WithoutPredictSeconds, double InferenceSaving);
