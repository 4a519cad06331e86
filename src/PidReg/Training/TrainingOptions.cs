using System.Globalization;
using System.Text.Json.Serialization;
using static TorchSharp.torch;

namespace PidReg.Training;

/// <summary>
/// The settings every model of the kit shares: capacity, optimisation, schedule, stopping, input scaling, seed, threads
/// and device. <see cref="PidRegOptions"/> and the baselines' options are this record with their own fields added, so a
/// comparison changes only the fusion, and a field is declared, documented and checked once.
/// </summary>
/// <remarks>
/// Records that inherit rather than hold this one, so that <c>new PidRegOptions { Epochs = 5 }</c> and
/// <c>options with { Seed = 2 }</c> keep working and the JSON of the options stays flat. The
/// <see cref="JsonPropertyOrderAttribute"/> values put the JSON fields of <see cref="PidRegOptions"/> in the order they had
/// when PIDReg alone had them: an experiment's run folder is keyed by a hash of that text, so a folder written before
/// still belongs to the same configuration.
/// </remarks>
public abstract record TrainingOptions
{
    // ---- capacity ------------------------------------------------------------------------------
    /// <summary>Hidden width H of every encoder and of the predictor (second layer H/2). Default 256; range ≥ 2.</summary>
    [JsonPropertyOrder(-5)]
    public int HiddenDim { get; init; } = 256;

    /// <summary>Latent width d of each modality's encoding. Default 64; range ≥ 1.</summary>
    [JsonPropertyOrder(-5)]
    public int LatentDim { get; init; } = 64;

    /// <summary>Dropout after the first hidden layer. Default 0.3; range [0, 1).</summary>
    [JsonPropertyOrder(-5)]
    public double Dropout1 { get; init; } = 0.3;

    /// <summary>Dropout after the second hidden layer. Default 0.2; range [0, 1).</summary>
    [JsonPropertyOrder(-5)]
    public double Dropout2 { get; init; } = 0.2;

    // ---- optimisation --------------------------------------------------------------------------
    /// <summary>Maximum number of epochs. Default 200; range ≥ 1.</summary>
    [JsonPropertyOrder(-3)]
    public int Epochs { get; init; } = 200;

    /// <summary>Mini-batch size B. Default 256; range ≥ 4 (batch statistics need a few rows; a model may need more, see <see cref="MinimumBatchRows"/>).</summary>
    [JsonPropertyOrder(-3)]
    public int BatchSize { get; init; } = 256;

    /// <summary>Adam learning rate of the network. Default 1e-3; range (0, 1].</summary>
    [JsonPropertyOrder(-3)]
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>ReduceLROnPlateau factor on validation MSE. Default 0.5; range (0, 1).</summary>
    [JsonPropertyOrder(-1)]
    public double PlateauFactor { get; init; } = 0.5;

    /// <summary>ReduceLROnPlateau patience (epochs). Default 10; range ≥ 0.</summary>
    [JsonPropertyOrder(-1)]
    public int PlateauPatience { get; init; } = 10;

    /// <summary>Lower bound of the learning rate. Default 1e-6; range [0, <see cref="LearningRate"/>].</summary>
    [JsonPropertyOrder(-1)]
    public double MinLearningRate { get; init; } = 1e-6;

    /// <summary>
    /// Gradient-norm clip. PIDReg clips its predictor's parameters (the paper), a baseline all of its parameters.
    /// Default 1.0; range &gt; 0. Stored in JSON as <c>PredictorGradientClip</c>, its name when PIDReg alone had it.
    /// </summary>
    [JsonPropertyOrder(-1), JsonPropertyName("PredictorGradientClip")]
    public double GradientClip { get; init; } = 1.0;

    /// <summary>Early stopping patience on validation MSE (epochs); the best epoch is restored. Default 30; range ≥ 1.</summary>
    [JsonPropertyOrder(-1)]
    public int EarlyStoppingPatience { get; init; } = 30;

    /// <summary>
    /// Horizon, in epochs, of the exponential moving average of the weights that validation, the best checkpoint and
    /// predictions use (<see cref="WeightAverage"/>; capped at a tenth of <see cref="Epochs"/>). Default 10 (a kit
    /// choice; the PIDReg reference validates its live weights: 0); range [0, 1000]. Why: with batches of 256 every step
    /// is noisy, and the average lowered test error for PIDReg and the baselines alike (SuperCon rebuild, 200 epochs, 2
    /// seeds: PIDReg 10.13 → 9.96 K, early fusion 9.56 → 9.35 K; brain age, 3 seeds: 3.17 → 3.14 and 3.18 → 3.17 years).
    /// </summary>
    [JsonPropertyOrder(-1)]
    public double WeightAveragingEpochs { get; init; } = 10;

    // ---- data ----------------------------------------------------------------------------------
    /// <summary>
    /// Clamp every standardised input column to the range it spans in the training set (kit default true; false = the
    /// reference's plain standardisation). Why: on the SuperCon rebuild a rare element column has a tiny training sd, so
    /// one validation row lands at z = 515 (training max 91); that row alone made 74 % of the validation squared error,
    /// so validation MSE "rose" from epoch 5 on while the other 1,193 rows kept improving, and early stopping, the
    /// learning-rate plateau and the best checkpoint all followed that one row.
    /// </summary>
    [JsonPropertyOrder(1)]
    public bool ClampInputsToTrainingRange { get; init; } = true;

    // ---- run -----------------------------------------------------------------------------------
    /// <summary>Seed of the torch generator (weights, noise, dropout, shuffling) and of any coin the model flips. Default 1234.</summary>
    [JsonPropertyOrder(3)]
    public int Seed { get; init; } = 1234;

    /// <summary>
    /// Torch intra-op threads set before training; 0 leaves torch's setting alone. Default 1: the matrices are small
    /// (batch 256), and on a busy 2-core machine two spinning threads made an epoch 15× slower (measured with
    /// `pidreg bench train`). Range ≥ 0.
    /// </summary>
    [JsonPropertyOrder(3)]
    public int Threads { get; init; } = 1;

    /// <summary>
    /// Where the network trains and predicts; a checkpoint loads onto it again. Default <see cref="ComputeDevice.Cpu"/>.
    /// PIDReg's batch PID and covariance work stay on the CPU in float64 whatever the device.
    /// </summary>
    [JsonPropertyOrder(3), JsonConverter(typeof(JsonStringEnumConverter<ComputeDevice>))]
    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;

    /// <summary>
    /// Smallest batch (and so training set) the model can train on for a target of <paramref name="targetDim"/> columns
    /// and <paramref name="modalityCount"/> modalities: 4 rows, for batch statistics (BatchNorm); PIDReg's bias-corrected
    /// batch PID needs more.
    /// </summary>
    public virtual int MinimumBatchRows(int targetDim, int modalityCount) => 4;

    /// <summary>What needs <see cref="MinimumBatchRows"/> rows per batch, and how to need fewer (for error messages).</summary>
    public virtual string MinimumBatchReason(int targetDim, int modalityCount) => "batch statistics (BatchNorm)";

    /// <summary>Checks every field; the exception names the field, its value and the allowed range. Returns this.</summary>
    public abstract TrainingOptions Validate();

    /// <summary>The checks of the shared fields, for <see cref="Validate"/>.</summary>
    protected void ValidateShared()
    {
        Check(HiddenDim >= 2, nameof(HiddenDim), HiddenDim, "must be ≥ 2 (the second layer has H/2 units)");
        Check(LatentDim >= 1, nameof(LatentDim), LatentDim, "must be ≥ 1");
        Check(Dropout1 >= 0 && Dropout1 < 1, nameof(Dropout1), Dropout1, "must be in [0, 1)");
        Check(Dropout2 >= 0 && Dropout2 < 1, nameof(Dropout2), Dropout2, "must be in [0, 1)");
        Check(Epochs >= 1, nameof(Epochs), Epochs, "must be ≥ 1");
        Check(BatchSize >= 4, nameof(BatchSize), BatchSize, "must be ≥ 4 (batch statistics need a few rows)");
        Check(LearningRate > 0 && LearningRate <= 1, nameof(LearningRate), LearningRate, "must be in (0, 1]");
        Check(PlateauFactor > 0 && PlateauFactor < 1, nameof(PlateauFactor), PlateauFactor, "must be in (0, 1)");
        Check(PlateauPatience >= 0, nameof(PlateauPatience), PlateauPatience, "must be ≥ 0");
        Check(MinLearningRate >= 0 && MinLearningRate <= LearningRate, nameof(MinLearningRate), MinLearningRate, "must be in [0, LearningRate]");
        Check(GradientClip > 0 && double.IsFinite(GradientClip), nameof(GradientClip), GradientClip, "must be finite and > 0");
        Check(EarlyStoppingPatience >= 1, nameof(EarlyStoppingPatience), EarlyStoppingPatience, "must be ≥ 1");
        Check(WeightAveragingEpochs >= 0 && WeightAveragingEpochs <= 1000, nameof(WeightAveragingEpochs), WeightAveragingEpochs, "must be in [0, 1000] (0 = no averaging)");
        Check(Threads >= 0, nameof(Threads), Threads, "must be ≥ 0 (0 = leave torch's thread count alone)");
        Check(Enum.IsDefined(Device), nameof(Device), Device, "unknown value");
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> "TypeName.Field rule." when <paramref name="ok"/> is false.</summary>
    protected void Check(bool ok, string field, object value, string rule)
    {
        if (!ok) throw new ArgumentOutOfRangeException(field, value, string.Create(CultureInfo.InvariantCulture, $"{GetType().Name}.{field} {rule}."));
    }

    /// <summary>
    /// The torch device for <see cref="Device"/>. Throws when CUDA is asked for but TorchSharp sees none, naming both
    /// fixes: the CPU device, or a CUDA build of TorchSharp (see the README).
    /// </summary>
    public Device ResolveDevice() => Device switch
    {
        ComputeDevice.Cpu => CPU,
        ComputeDevice.Cuda when cuda.is_available() => CUDA,
        ComputeDevice.Cuda => throw new InvalidOperationException(
            $"{GetType().Name}.Device is Cuda, but TorchSharp sees no CUDA device (this kit ships TorchSharp-cpu): use the CPU " +
            "(--device cpu, ComputeDevice.Cpu), or install a CUDA build of TorchSharp (README: \"Training on a GPU\")."),
        _ => throw new ArgumentOutOfRangeException(nameof(Device), Device, "unknown device"),
    };
}
