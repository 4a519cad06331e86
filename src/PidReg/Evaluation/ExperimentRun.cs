namespace PidReg.Evaluation;

/// <summary>One model trained with one seed and scored on the test split.</summary>
/// <param name="Model">Registry name.</param>
/// <param name="Seed">Seed of weights and batching.</param>
/// <param name="Scores">Test regression metrics (original scale).</param>
/// <param name="Sentiment">Test sentiment metrics, when asked for.</param>
/// <param name="SecondsPerEpoch">Mean wall seconds per training epoch.</param>
/// <param name="Parameters">Parameter count of the network.</param>
public sealed record ExperimentRun(string Model, int Seed, RegressionScores Scores, SentimentScores? Sentiment, double SecondsPerEpoch, long Parameters);
