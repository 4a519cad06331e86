using System.Globalization;
using System.Text.Json.Serialization;
using PidReg.Information;
using PidReg.Model;
using PidReg.Regularizers;

namespace PidReg.Training;

/// <summary>
/// Every setting of PIDReg training: the settings all models share (<see cref="TrainingOptions"/>) and PIDReg's own,
/// defaulting to the reference configuration except for the kit's documented choices (<see cref="PidEstimate"/>,
/// <see cref="RedundancyAssignment"/>, <see cref="SynergyRouting"/>, <see cref="CmiEstimator"/>,
/// <see cref="TrainingOptions.ClampInputsToTrainingRange"/>, <see cref="TrainingOptions.WeightAveragingEpochs"/>).
/// The <c>Use*</c> switches are ablations: a switched-off loss term is recorded as 0.
/// </summary>
public sealed record PidRegOptions : TrainingOptions
{
    // ---- network -------------------------------------------------------------------------------
    /// <summary>Initial θ of each bottleneck, λ = sigmoid(θ). Default 4.0 (λ ≈ 0.98: little noise at first); finite.</summary>
    [JsonPropertyOrder(-4)]
    public double InitialTheta { get; init; } = 4.0;

    // ---- optimisation --------------------------------------------------------------------------
    /// <summary>Adam learning rate of θ1, θ2 (their own optimizer). Default 0.1; range (0, 10].</summary>
    [JsonPropertyOrder(-2)]
    public double ThetaLearningRate { get; init; } = 0.1;

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
    /// Which fusion paths the synergy atom weights. Default <see cref="SynergyRouting.ConditionalProduct"/> (a kit choice;
    /// the paper's rule is <see cref="SynergyRouting.Product"/>). Why: with the paper's rule a modality whose information is
    /// mostly synergy gets a weight near 0 on its own path and reaches the predictor only through Z1 ⊙ Z2 (a constructed
    /// suppressor: w2 = 0.0001); with synergy on the modality paths alone the product path is gone, and image halves, whose
    /// synergy is a real interaction, lose it (Bimodal MNIST MAE 4.88° → 5.04°, 2 seeds); always crediting the product too
    /// (<see cref="SynergyRouting.ModalitiesAndProduct"/>) keeps both but is 4.9 % behind early fusion on OASIS-1, a small
    /// real suppressor whose product adds nothing. Crediting the product only while it adds information beyond its members
    /// keeps each modality on its own path, keeps MNIST's interaction (the same runs, bit for bit) and comes within 1.1 %
    /// of early fusion on OASIS-1 (README, Explanations).
    /// </summary>
    public SynergyRouting SynergyRouting { get; init; } = SynergyRouting.ConditionalProduct;

    /// <summary>
    /// How the weighted paths reach the predictor. Default <see cref="FusionLayout.Concatenate"/> (a kit choice; the paper
    /// sums them, <see cref="FusionLayout.Sum"/>). Why: summed, Z1, Z2 and Z1 ⊙ Z2 share the same d dimensions and the
    /// predictor sees only their sum; side by side it sees each path apart. With the product path always weighted, the sum
    /// gave SuperCon RMSE 9.95 ± 0.49 K and the concatenation 9.54 ± 0.25 K (3 seeds); with the judged product of today's
    /// routing the sum costs OASIS-1 1.7 % and Bimodal MNIST 0.4 % but gains on two constructed suppressors (1-7 %), and is
    /// within seed noise on SuperCon, brain age and diabetes (README, Explanations).
    /// </summary>
    public FusionLayout FusionLayout { get; init; } = FusionLayout.Concatenate;

    /// <summary>CMI estimator. Default <see cref="CmiEstimator.Proper"/> (the reference: Reference).</summary>
    public CmiEstimator CmiEstimator { get; init; } = CmiEstimator.Proper;

    // ---- ablations (after the shared input clamp in JSON, see TrainingOptions) -----------------
    /// <summary>false = fuse with fixed 1/3 weights (the PID is still estimated and reported). Default true.</summary>
    [JsonPropertyOrder(2)]
    public bool UsePidWeights { get; init; } = true;

    /// <summary>false = drop the Z1 ⊙ Z2 term (W3 = 0, W1 and W2 rescaled to sum to 1; with <see cref="SynergyRouting.Product"/>
    /// the synergy atom then weights no path). Default true.</summary>
    [JsonPropertyOrder(2)]
    public bool UseSynergyFeature { get; init; } = true;

    /// <summary>false = no noise bottleneck (Z = R, θ not trained). Default true.</summary>
    [JsonPropertyOrder(2)]
    public bool UseBottleneck { get; init; } = true;

    /// <summary>false = no Gaussianity term. Default true.</summary>
    [JsonPropertyOrder(2)]
    public bool UseGaussianityLoss { get; init; } = true;

    /// <summary>
    /// true = the paper's CS(R1) + CS(R2) terms, which pull each encoder output towards N(0, I). Default false (a kit
    /// choice; <see cref="ReferenceConfiguration"/> and the model <c>pidreg-cs</c> turn them on). Why: each batch compares
    /// R with a fresh N(0, I) draw, a noisy gradient; with this fusion the terms cost OASIS-1 (10.62 ± 0.43 against
    /// 10.47 ± 0.24 years, 12 seeds) and a constructed suppressor (RMSE 0.140 against 0.126), gained 0.6 % on Bimodal MNIST
    /// and were within seed noise on SuperCon, brain age and diabetes, while the latents they are meant to make Gaussian
    /// came out no closer to Gaussian (seed 1236's SuperCon test latents: Mardia skewness 16,103 with and 14,758 without).
    /// The joint Gaussianity the closed-form PID needs is the Gaussianity term's job.
    /// </summary>
    [JsonPropertyOrder(2)]
    public bool UseCsLoss { get; init; }

    /// <summary>false = no CMI terms. Default true.</summary>
    [JsonPropertyOrder(2)]
    public bool UseCmiLoss { get; init; } = true;

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

    /// <summary>
    /// PIDReg's smallest batch: the bias-corrected batch PID needs more rows than the dimensions of its covariance
    /// (target + M × <see cref="TrainingOptions.LatentDim"/> for M modalities), and under
    /// <see cref="SynergyRouting.ConditionalProduct"/> a pair's product verdict one latent block more (target + 3d: the
    /// pair, and their product). A product of three or more latents is judged only where a batch has the rows
    /// (<see cref="BatchProductInformation.Adds"/> keeps it otherwise), so it does not raise the floor; the plug-in
    /// estimate needs only batch statistics (4 rows).
    /// </summary>
    public override int MinimumBatchRows(int targetDim, int modalityCount) =>
        PidEstimate == PidEstimate.BiasCorrected ? targetDim + BatchLatentBlocks(modalityCount) * LatentDim + 1 : base.MinimumBatchRows(targetDim, modalityCount);

    /// <inheritdoc />
    public override string MinimumBatchReason(int targetDim, int modalityCount)
    {
        if (PidEstimate != PidEstimate.BiasCorrected) return "batch statistics (at least 4 rows per batch)";
        int blocks = BatchLatentBlocks(modalityCount);
        string what = blocks > modalityCount ? "information of the latents' product given the latents (the verdict on the product path)" : "PID";
        return string.Create(CultureInfo.InvariantCulture,
            $"the bias-corrected batch {what} of a {targetDim + blocks * LatentDim}-dimensional covariance (target {targetDim} + {blocks} × latent size {LatentDim}, so {MinimumBatchRows(targetDim, modalityCount)} rows per batch); a smaller latent size (--latent-dim, PidRegOptions.LatentDim){(blocks > modalityCount ? ", the product path always weighted (--model pidreg-always-product)" : "")} or the plug-in estimate (--model pidreg-plugin) needs fewer");
    }

    int BatchLatentBlocks(int modalityCount) => SynergyRouting == SynergyRouting.ConditionalProduct ? Math.Max(modalityCount, 3) : modalityCount;

    /// <summary>Checks every field; the exception names the field, its value and the allowed range. Returns this.</summary>
    public override PidRegOptions Validate()
    {
        ValidateShared();
        Check(double.IsFinite(InitialTheta), nameof(InitialTheta), InitialTheta, "must be finite");
        Check(ThetaLearningRate > 0 && ThetaLearningRate <= 10, nameof(ThetaLearningRate), ThetaLearningRate, "must be in (0, 10]");
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
        return this;
    }
}
