using System.Text.Json.Serialization;
using PidReg.Information;
using PidReg.Model;
using PidReg.Regularizers;
using static TorchSharp.torch;

namespace PidReg.Training;

/// <summary>
/// Every setting of PIDReg training, defaulting to the reference configuration except for the kit's documented
/// choices (<see cref="PidEstimate"/>, <see cref="RedundancyAssignment"/>, <see cref="SynergyRouting"/>, <see cref="CmiEstimator"/>,
/// <see cref="ClampInputsToTrainingRange"/>, <see cref="WeightAveragingEpochs"/>).
/// The <c>Use*</c> switches are ablations: a switched-off loss term is recorded as 0.
/// </summary>
public sealed record PidRegOptions
{
    // ---- network -------------------------------------------------------------------------------
    /// <summary>Hidden width H of encoders and predictor (second layer H/2). Default 256; range ≥ 2.</summary>
    public int HiddenDim { get; init; } = 256;

    /// <summary>Latent width d of Z1 and Z2. Default 64; range ≥ 1. The PID covariance is (t + 2d) square.</summary>
    public int LatentDim { get; init; } = 64;

    /// <summary>Dropout after the first hidden layer. Default 0.3; range [0, 1).</summary>
    public double Dropout1 { get; init; } = 0.3;

    /// <summary>Dropout after the second hidden layer. Default 0.2; range [0, 1).</summary>
    public double Dropout2 { get; init; } = 0.2;

    /// <summary>Initial θ of each bottleneck, λ = sigmoid(θ). Default 4.0 (λ ≈ 0.98: little noise at first); finite.</summary>
    public double InitialTheta { get; init; } = 4.0;

    // ---- optimisation --------------------------------------------------------------------------
    /// <summary>Maximum number of epochs. Default 200; range ≥ 1.</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>Mini-batch size B. Default 256; range ≥ 4. The bias-corrected PID needs B &gt; t + 2d.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Adam learning rate of encoders and predictor. Default 1e-3; range (0, 1].</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Adam learning rate of θ1, θ2 (their own optimizer). Default 0.1; range (0, 10].</summary>
    public double ThetaLearningRate { get; init; } = 0.1;

    /// <summary>ReduceLROnPlateau factor on validation MSE. Default 0.5; range (0, 1).</summary>
    public double PlateauFactor { get; init; } = 0.5;

    /// <summary>ReduceLROnPlateau patience (epochs). Default 10; range ≥ 0.</summary>
    public int PlateauPatience { get; init; } = 10;

    /// <summary>Lower bound of the learning rate. Default 1e-6; range [0, <see cref="LearningRate"/>].</summary>
    public double MinLearningRate { get; init; } = 1e-6;

    /// <summary>Gradient-norm clip of the predictor's parameters. Default 1.0; range &gt; 0.</summary>
    public double PredictorGradientClip { get; init; } = 1.0;

    /// <summary>Early stopping patience on validation MSE (epochs); the best epoch is restored. Default 30; range ≥ 1.</summary>
    public int EarlyStoppingPatience { get; init; } = 30;

    /// <summary>
    /// Horizon, in epochs, of the exponential moving average of the weights that validation, the best checkpoint and
    /// predictions use (<see cref="WeightAverage"/>; capped at a tenth of <see cref="Epochs"/>). Default 10 (a kit
    /// choice; the reference validates its live weights: 0); range [0, 1000]. Why: with batches of 256 every step is
    /// noisy, and the average lowered test error for PIDReg and the baselines alike (SuperCon rebuild, 200 epochs, 2 seeds:
    /// PIDReg 10.13 → 9.96 K, early fusion 9.56 → 9.35 K; brain age, 3 seeds: 3.17 → 3.14 and 3.18 → 3.17 years).
    /// </summary>
    public double WeightAveragingEpochs { get; init; } = 10;

    // ---- loss ----------------------------------------------------------------------------------
    /// <summary>Weight of CS(R1) + CS(R2). Default 0.1; range ≥ 0.</summary>
    public double CsWeight { get; init; } = 0.1;

    /// <summary>Weight of CMI1 + CMI2. Default 0.1; range ≥ 0.</summary>
    public double CmiWeight { get; init; } = 0.1;

    /// <summary>Weight of the Gaussianity term −log W' (stage 1 only). Default 0.1; range ≥ 0.</summary>
    public double GaussianityWeight { get; init; } = 0.1;

    // ---- stage switch --------------------------------------------------------------------------
    /// <summary>Epochs averaged by the atom smoothing window. Default 5; range ≥ 1.</summary>
    public int StabilityWindow { get; init; } = 5;

    /// <summary>A windowed atom "changed" if it moved by this many bits or more. Default 0.01; range &gt; 0.</summary>
    public double StabilityToleranceBits { get; init; } = 0.01;

    /// <summary>Consecutive calm epochs before the weights freeze (stage 2). Default 5; range ≥ 1.</summary>
    public int StabilityPatience { get; init; } = 5;

    // ---- kit choices ---------------------------------------------------------------------------
    /// <summary>Per-batch PID estimate. Default <see cref="PidEstimate.BiasCorrected"/> (the reference: PlugIn).</summary>
    public PidEstimate PidEstimate { get; init; } = PidEstimate.BiasCorrected;

    /// <summary>
    /// The batch transform of the target before the PID and the Gaussianity term. Default
    /// <see cref="TargetTransform.InverseNormal"/> (the paper's step 3); <see cref="TargetTransform.ReferenceBlend"/> reproduces the reference.
    /// </summary>
    public TargetTransform TargetTransform { get; init; } = TargetTransform.InverseNormal;

    /// <summary>How R becomes weight. Default <see cref="RedundancyAssignment.Proportional"/> (the reference: CoinFlip).</summary>
    public RedundancyAssignment RedundancyAssignment { get; init; } = RedundancyAssignment.Proportional;

    /// <summary>
    /// Which fusion paths the synergy atom weights. Default <see cref="SynergyRouting.ModalitiesAndProduct"/> (a kit choice;
    /// the paper's rule is <see cref="SynergyRouting.Product"/>). Why: with the paper's rule a modality whose information is
    /// mostly synergy gets a weight near 0 on its own path and reaches the predictor only through Z1 ⊙ Z2 (a suppressor:
    /// w2 = 0.0004); with synergy on the modality paths alone the product path is gone, and image halves, whose synergy
    /// is a real interaction, lose it (Bimodal MNIST MAE 4.90° → 5.04°, 2 seeds). Crediting S to both keeps each
    /// modality on its own path and keeps the interaction.
    /// </summary>
    public SynergyRouting SynergyRouting { get; init; } = SynergyRouting.ModalitiesAndProduct;

    /// <summary>
    /// How the weighted paths reach the predictor. Default <see cref="FusionLayout.Concatenate"/> (a kit choice; the paper
    /// sums them, <see cref="FusionLayout.Sum"/>). Why: summed, Z1, Z2 and Z1 ⊙ Z2 share the same d dimensions and the
    /// predictor sees only their sum; side by side it sees each path apart. With synergy credited to both kinds of path,
    /// the sum gave SuperCon RMSE 9.95 ± 0.49 K and the concatenation
    /// 9.54 ± 0.25 K (3 seeds).
    /// </summary>
    public FusionLayout FusionLayout { get; init; } = FusionLayout.Concatenate;

    /// <summary>CMI estimator. Default <see cref="CmiEstimator.Proper"/> (the reference: Reference).</summary>
    public CmiEstimator CmiEstimator { get; init; } = CmiEstimator.Proper;

    /// <summary>
    /// Clamp every standardised input column to the range it spans in the training set (kit default true; false = the
    /// reference's plain standardisation). Why: on the SuperCon rebuild a rare element column has a tiny training sd, so
    /// one validation row lands at z = 515 (training max 91); that row alone made 74 % of the validation squared error,
    /// so validation MSE "rose" from epoch 5 on while the other 1,193 rows kept improving, and early stopping, the
    /// learning-rate plateau and the best checkpoint all followed that one row.
    /// </summary>
    public bool ClampInputsToTrainingRange { get; init; } = true;

    // ---- ablations -----------------------------------------------------------------------------
    /// <summary>false = fuse with fixed 1/3 weights (the PID is still estimated and reported). Default true.</summary>
    public bool UsePidWeights { get; init; } = true;

    /// <summary>false = drop the Z1 ⊙ Z2 term (W3 = 0, W1 and W2 rescaled to sum to 1; with <see cref="SynergyRouting.Product"/>
    /// the synergy atom then weights no path). Default true.</summary>
    public bool UseSynergyFeature { get; init; } = true;

    /// <summary>false = no noise bottleneck (Z = R, θ not trained). Default true.</summary>
    public bool UseBottleneck { get; init; } = true;

    /// <summary>false = no Gaussianity term. Default true.</summary>
    public bool UseGaussianityLoss { get; init; } = true;

    /// <summary>
    /// true = the paper's CS(R1) + CS(R2) terms, which pull each encoder output towards N(0, I). Default false (a kit
    /// choice; <see cref="ReferenceConfiguration"/> and the model <c>pidreg-cs</c> turn them on). Why: each batch compares
    /// R with a fresh N(0, I) draw, a noisy gradient that made test error vary more from seed to seed and rise, while the
    /// latents it is meant to make Gaussian came out no closer to Gaussian (SuperCon rebuild, 3 seeds: 9.74 ± 0.29 K with
    /// the terms, 9.59 ± 0.05 K without; brain age, 3 seeds: 3.105 ± 0.062 and 3.079 ± 0.027 years; seed 1236's test
    /// latents: Mardia skewness 16,103 with and 14,758 without). The joint Gaussianity the closed-form PID needs is the
    /// Gaussianity term's job.
    /// </summary>
    public bool UseCsLoss { get; init; }

    /// <summary>false = no CMI terms. Default true.</summary>
    public bool UseCmiLoss { get; init; } = true;

    // ---- run -----------------------------------------------------------------------------------
    /// <summary>Seed of the torch generator (weights, noise, shuffling) and of the coin flip. Default 1234.</summary>
    public int Seed { get; init; } = 1234;

    /// <summary>
    /// Torch intra-op threads set by <see cref="Trainer.Fit"/>; 0 leaves torch's setting alone. Default 1: the
    /// matrices are small (batch 256), and on a busy 2-core machine two spinning threads made an epoch 15× slower
    /// (measured with `pidreg bench train`). Range ≥ 0.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>Training device. Default <see cref="ComputeDevice.Cpu"/>.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<ComputeDevice>))]
    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;

    /// <summary>
    /// <paramref name="options"/> switched to the reference implementation's choices: plug-in batch PID, coin-flip
    /// redundancy assignment, synergy on the product path only, the paths summed, the CS(R) terms, the reference's CMI estimator, its 0.6 INT + 0.4 z-score target
    /// blend and live (not averaged) weights. Everything else (capacity, schedule, seed, the kit's input clamp) is kept.
    /// </summary>
    public static PidRegOptions ReferenceConfiguration(PidRegOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with
        {
            PidEstimate = PidEstimate.PlugIn, RedundancyAssignment = RedundancyAssignment.CoinFlip, SynergyRouting = SynergyRouting.Product,
            FusionLayout = FusionLayout.Sum, CmiEstimator = CmiEstimator.Reference, TargetTransform = TargetTransform.ReferenceBlend, WeightAveragingEpochs = 0,
            UseCsLoss = true,
        };
    }

    /// <summary>Checks every field; the exception names the field, its value and the allowed range. Returns this.</summary>
    public PidRegOptions Validate()
    {
        Check(HiddenDim >= 2, nameof(HiddenDim), HiddenDim, "must be ≥ 2 (the second layer has H/2 units)");
        Check(LatentDim >= 1, nameof(LatentDim), LatentDim, "must be ≥ 1");
        Check(Dropout1 >= 0 && Dropout1 < 1, nameof(Dropout1), Dropout1, "must be in [0, 1)");
        Check(Dropout2 >= 0 && Dropout2 < 1, nameof(Dropout2), Dropout2, "must be in [0, 1)");
        Check(double.IsFinite(InitialTheta), nameof(InitialTheta), InitialTheta, "must be finite");
        Check(Epochs >= 1, nameof(Epochs), Epochs, "must be ≥ 1");
        Check(BatchSize >= 4, nameof(BatchSize), BatchSize, "must be ≥ 4 (batch statistics need a few rows)");
        Check(LearningRate > 0 && LearningRate <= 1, nameof(LearningRate), LearningRate, "must be in (0, 1]");
        Check(ThetaLearningRate > 0 && ThetaLearningRate <= 10, nameof(ThetaLearningRate), ThetaLearningRate, "must be in (0, 10]");
        Check(PlateauFactor > 0 && PlateauFactor < 1, nameof(PlateauFactor), PlateauFactor, "must be in (0, 1)");
        Check(PlateauPatience >= 0, nameof(PlateauPatience), PlateauPatience, "must be ≥ 0");
        Check(MinLearningRate >= 0 && MinLearningRate <= LearningRate, nameof(MinLearningRate), MinLearningRate, "must be in [0, LearningRate]");
        Check(PredictorGradientClip > 0 && double.IsFinite(PredictorGradientClip), nameof(PredictorGradientClip), PredictorGradientClip, "must be finite and > 0");
        Check(EarlyStoppingPatience >= 1, nameof(EarlyStoppingPatience), EarlyStoppingPatience, "must be ≥ 1");
        Check(WeightAveragingEpochs >= 0 && WeightAveragingEpochs <= 1000, nameof(WeightAveragingEpochs), WeightAveragingEpochs, "must be in [0, 1000] (0 = no averaging)");
        Check(CsWeight >= 0 && double.IsFinite(CsWeight), nameof(CsWeight), CsWeight, "must be finite and ≥ 0");
        Check(CmiWeight >= 0 && double.IsFinite(CmiWeight), nameof(CmiWeight), CmiWeight, "must be finite and ≥ 0");
        Check(GaussianityWeight >= 0 && double.IsFinite(GaussianityWeight), nameof(GaussianityWeight), GaussianityWeight, "must be finite and ≥ 0");
        Check(StabilityWindow >= 1, nameof(StabilityWindow), StabilityWindow, "must be ≥ 1");
        Check(StabilityToleranceBits > 0, nameof(StabilityToleranceBits), StabilityToleranceBits, "must be > 0");
        Check(StabilityPatience >= 1, nameof(StabilityPatience), StabilityPatience, "must be ≥ 1");
        Check(Enum.IsDefined(PidEstimate), nameof(PidEstimate), PidEstimate, "unknown value");
        Check(Enum.IsDefined(TargetTransform), nameof(TargetTransform), TargetTransform, "unknown value");
        Check(Enum.IsDefined(RedundancyAssignment), nameof(RedundancyAssignment), RedundancyAssignment, "unknown value");
        Check(Enum.IsDefined(SynergyRouting), nameof(SynergyRouting), SynergyRouting, "unknown value");
        Check(Enum.IsDefined(FusionLayout), nameof(FusionLayout), FusionLayout, "unknown value");
        Check(Enum.IsDefined(CmiEstimator), nameof(CmiEstimator), CmiEstimator, "unknown value");
        Check(Threads >= 0, nameof(Threads), Threads, "must be ≥ 0 (0 = leave torch's thread count alone)");
        Check(Enum.IsDefined(Device), nameof(Device), Device, "unknown value");
        return this;
    }

    /// <summary>The torch device for <see cref="Device"/>; throws when CUDA is asked for but unavailable.</summary>
    public Device ResolveDevice() => Device switch
    {
        ComputeDevice.Cpu => CPU,
        ComputeDevice.Cuda when cuda.is_available() => CUDA,
        ComputeDevice.Cuda => throw new InvalidOperationException(
            "PidRegOptions.Device is Cuda, but TorchSharp sees no CUDA device (this kit ships TorchSharp-cpu); use ComputeDevice.Cpu or install a CUDA build of TorchSharp."),
        _ => throw new ArgumentOutOfRangeException(nameof(Device), Device, "unknown device"),
    };

    static void Check(bool ok, string field, object value, string rule)
    {
        if (!ok) throw new ArgumentOutOfRangeException(field, value, $"PidRegOptions.{field} {rule}.");
    }
}
