using PidReg.Training;

namespace PidReg.Baselines;

/// <summary>
/// Settings of a <see cref="BaselineRegressor"/>. The defaults equal PIDReg's (<see cref="PidRegOptions"/>) so a comparison
/// differs only in the fusion; <see cref="From"/> copies the shared fields of any PIDReg configuration.
/// </summary>
public sealed record BaselineOptions
{
    /// <summary>Hidden width H of every encoder and of the predictor (second layer H/2), as PIDReg. Default 256; range ≥ 2.</summary>
    public int HiddenDim { get; init; } = 256;

    /// <summary>Latent width d of each modality's encoding, as PIDReg. Default 64; range ≥ 1.</summary>
    public int LatentDim { get; init; } = 64;

    /// <summary>Dropout after the first hidden layer. Default 0.3; range [0, 1).</summary>
    public double Dropout1 { get; init; } = 0.3;

    /// <summary>Dropout after the second hidden layer. Default 0.2; range [0, 1).</summary>
    public double Dropout2 { get; init; } = 0.2;

    /// <summary>Rank r of the low-rank fusion (<see cref="BaselineKind.LowRankFusion"/> only). Default 4 (Liu et al. 2018 tune r in 1–16); range ≥ 1.</summary>
    public int Rank { get; init; } = 4;

    /// <summary>Maximum number of epochs. Default 200; range ≥ 1.</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>Mini-batch size. Default 256; range ≥ 4 (BatchNorm needs a few rows).</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Adam learning rate. Default 1e-3; range (0, 1].</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>ReduceLROnPlateau factor on validation MSE. Default 0.5; range (0, 1).</summary>
    public double PlateauFactor { get; init; } = 0.5;

    /// <summary>ReduceLROnPlateau patience (epochs). Default 10; range ≥ 0.</summary>
    public int PlateauPatience { get; init; } = 10;

    /// <summary>Lower bound of the learning rate. Default 1e-6; range [0, <see cref="LearningRate"/>].</summary>
    public double MinLearningRate { get; init; } = 1e-6;

    /// <summary>Gradient-norm clip over all parameters (PIDReg clips its predictor). Default 1.0; range &gt; 0.</summary>
    public double GradientClip { get; init; } = 1.0;

    /// <summary>Early stopping patience on validation MSE (epochs); the best epoch is restored. Default 30; range ≥ 1.</summary>
    public int EarlyStoppingPatience { get; init; } = 30;

    /// <summary>Horizon (epochs) of the weight average used for validation and predictions, as <see cref="PidRegOptions.WeightAveragingEpochs"/>. Default 10; range [0, 1000] (0 = off).</summary>
    public double WeightAveragingEpochs { get; init; } = 10;

    /// <summary>Seed of the torch generator (initial weights, dropout, shuffling). Default 1234.</summary>
    public int Seed { get; init; } = 1234;

    /// <summary>Torch intra-op threads set before training; 0 leaves torch's count alone. Default 1, as PIDReg's (see <see cref="PidRegOptions.Threads"/>); range ≥ 0.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Clamp standardised inputs to the range seen in training, as <see cref="PidRegOptions.ClampInputsToTrainingRange"/>. Default true.</summary>
    public bool ClampInputsToTrainingRange { get; init; } = true;

    /// <summary>The baseline settings that match a PIDReg configuration: same capacity, optimiser, schedule, stopping and seed.</summary>
    public static BaselineOptions From(PidRegOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BaselineOptions
        {
            HiddenDim = options.HiddenDim, LatentDim = options.LatentDim, Dropout1 = options.Dropout1, Dropout2 = options.Dropout2,
            Epochs = options.Epochs, BatchSize = options.BatchSize, LearningRate = options.LearningRate,
            PlateauFactor = options.PlateauFactor, PlateauPatience = options.PlateauPatience, MinLearningRate = options.MinLearningRate,
            GradientClip = options.PredictorGradientClip, EarlyStoppingPatience = options.EarlyStoppingPatience, Seed = options.Seed,
            Threads = options.Threads, ClampInputsToTrainingRange = options.ClampInputsToTrainingRange,
            WeightAveragingEpochs = options.WeightAveragingEpochs,
        };
    }

    /// <summary>Checks every field; the exception names the field, its value and the allowed range. Returns this.</summary>
    public BaselineOptions Validate()
    {
        Check(HiddenDim >= 2, nameof(HiddenDim), HiddenDim, "must be ≥ 2 (the second layer has H/2 units)");
        Check(LatentDim >= 1, nameof(LatentDim), LatentDim, "must be ≥ 1");
        Check(Dropout1 >= 0 && Dropout1 < 1, nameof(Dropout1), Dropout1, "must be in [0, 1)");
        Check(Dropout2 >= 0 && Dropout2 < 1, nameof(Dropout2), Dropout2, "must be in [0, 1)");
        Check(Rank >= 1, nameof(Rank), Rank, "must be ≥ 1");
        Check(Epochs >= 1, nameof(Epochs), Epochs, "must be ≥ 1");
        Check(BatchSize >= 4, nameof(BatchSize), BatchSize, "must be ≥ 4 (BatchNorm needs a few rows)");
        Check(LearningRate > 0 && LearningRate <= 1, nameof(LearningRate), LearningRate, "must be in (0, 1]");
        Check(PlateauFactor > 0 && PlateauFactor < 1, nameof(PlateauFactor), PlateauFactor, "must be in (0, 1)");
        Check(PlateauPatience >= 0, nameof(PlateauPatience), PlateauPatience, "must be ≥ 0");
        Check(MinLearningRate >= 0 && MinLearningRate <= LearningRate, nameof(MinLearningRate), MinLearningRate, "must be in [0, LearningRate]");
        Check(GradientClip > 0 && double.IsFinite(GradientClip), nameof(GradientClip), GradientClip, "must be finite and > 0");
        Check(EarlyStoppingPatience >= 1, nameof(EarlyStoppingPatience), EarlyStoppingPatience, "must be ≥ 1");
        Check(Threads >= 0, nameof(Threads), Threads, "must be ≥ 0 (0 = leave torch's thread count alone)");
        Check(WeightAveragingEpochs >= 0 && WeightAveragingEpochs <= 1000, nameof(WeightAveragingEpochs), WeightAveragingEpochs, "must be in [0, 1000] (0 = no averaging)");
        return this;
    }

    static void Check(bool ok, string field, object value, string rule)
    {
        if (!ok) throw new ArgumentOutOfRangeException(field, value, $"BaselineOptions.{field} {rule}.");
    }
}
