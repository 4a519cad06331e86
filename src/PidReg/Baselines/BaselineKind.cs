namespace PidReg.Baselines;

/// <summary>The comparison models of <see cref="BaselineRegressor"/>; each network's doc comment cites its paper.</summary>
public enum BaselineKind
{
    /// <summary>Modality 1 alone: encoder + predictor (<see cref="UnimodalNetwork"/>).</summary>
    Unimodal1,

    /// <summary>Modality 2 alone (<see cref="UnimodalNetwork"/>).</summary>
    Unimodal2,

    /// <summary>Concatenated inputs into one encoder + predictor (<see cref="EarlyFusionNetwork"/>).</summary>
    EarlyFusion,

    /// <summary>Two unimodal networks, predictions mixed by learned softmax weights (<see cref="LateFusionNetwork"/>).</summary>
    LateFusion,

    /// <summary>Tensor fusion, vec([z1, 1] ⊗ [z2, 1]) (<see cref="TensorFusionNetwork"/>).</summary>
    TensorFusion,

    /// <summary>Low-rank multimodal fusion (<see cref="LowRankFusionNetwork"/>).</summary>
    LowRankFusion,
}
