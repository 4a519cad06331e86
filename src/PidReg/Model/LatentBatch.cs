using static TorchSharp.torch;

namespace PidReg.Model;

/// <summary>One batch through the encoders: R_m (encoder outputs) and Z_m (after the noise bottleneck), each (B, d), in modality order.</summary>
public sealed record LatentBatch(IReadOnlyList<Tensor> R, IReadOnlyList<Tensor> Z)
{
    /// <summary>R of modality 1.</summary>
    public Tensor R1 => R[0];

    /// <summary>R of modality 2.</summary>
    public Tensor R2 => R[1];

    /// <summary>Z of modality 1.</summary>
    public Tensor Z1 => Z[0];

    /// <summary>Z of modality 2.</summary>
    public Tensor Z2 => Z[1];
}
