using PidReg.Baselines;
using PidReg.Training;

namespace PidReg.Evaluation;

/// <summary>
/// The model names code refers to, in one place: PIDReg's configurations are named here, each baseline's name is its
/// network's (so a new baseline needs no line here). The registry (<see cref="Models.Names"/>) lists every name.
/// </summary>
public static class ModelNames
{
    /// <summary>PIDReg with the kit's defaults.</summary>
    public const string PidReg = PidRegRegressor.ModelName;
    /// <summary>Ablation: fixed 1/3 fusion weights.</summary>
    public const string PidRegEqualWeights = "pidreg-equal-weights";
    /// <summary>Ablation: the paper's fusion (synergy on the product path) without the Z1 ⊙ Z2 feature, so S weights no path.</summary>
    public const string PidRegNoSynergy = "pidreg-no-synergy";
    /// <summary>Ablation: no noise bottleneck.</summary>
    public const string PidRegNoBottleneck = "pidreg-no-bottleneck";
    /// <summary>Ablation: no Gaussianity loss.</summary>
    public const string PidRegNoGauss = "pidreg-no-gauss";
    /// <summary>Ablation: the paper's Cauchy–Schwarz terms CS(R1) + CS(R2), which the kit's defaults leave out.</summary>
    public const string PidRegCs = "pidreg-cs";
    /// <summary>Ablation: no conditional CS-CMI loss.</summary>
    public const string PidRegNoCmi = "pidreg-no-cmi";
    /// <summary>Ablation: plug-in batch PID (the reference) instead of bias-corrected.</summary>
    public const string PidRegPlugIn = "pidreg-plugin";
    /// <summary>Ablation: coin-flip redundancy assignment (the reference) instead of proportional.</summary>
    public const string PidRegCoinFlip = "pidreg-coinflip";
    /// <summary>Fusion: the paper's routing, the synergy atom on the Z1 ⊙ Z2 path only.</summary>
    public const string PidRegProductSynergy = "pidreg-product-synergy";
    /// <summary>Fusion: the synergy atom on the modality paths only (half each), no product path.</summary>
    public const string PidRegModalitySynergy = "pidreg-modality-synergy";
    /// <summary>Fusion: the synergy atom on the modality paths (half each) and always on the product path, whatever the product adds.</summary>
    public const string PidRegAlwaysProduct = "pidreg-always-product";
    /// <summary>Fusion: the weighted paths summed before the predictor, as the paper does, instead of side by side.</summary>
    public const string PidRegSum = "pidreg-sum";
    /// <summary>
    /// The reference implementation's configuration: plug-in batch PID, coin-flip redundancy, the reference's CMI estimator
    /// target blend and live weights (the kit's data handling stays: training-row scalers with the range clamp).
    /// </summary>
    public const string PidRegReference = "pidreg-reference";
    /// <summary>Modality 1 alone.</summary>
    public const string Unimodal1 = UnimodalNetwork.ModelNamePrefix + "1";
    /// <summary>Modality 2 alone.</summary>
    public const string Unimodal2 = UnimodalNetwork.ModelNamePrefix + "2";
    /// <summary>Early fusion (concatenated inputs).</summary>
    public const string Early = EarlyFusionNetwork.ModelName;
    /// <summary>Late fusion (learned weighting of unimodal predictions).</summary>
    public const string Late = LateFusionNetwork.ModelName;
    /// <summary>Tensor fusion network.</summary>
    public const string Tfn = TensorFusionNetwork.ModelName;
    /// <summary>Low-rank multimodal fusion.</summary>
    public const string Lmf = LowRankFusionNetwork.ModelName;
}
