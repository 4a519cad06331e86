using static TorchSharp.torch;

namespace PidReg.Model;

/// <summary>One batch through the encoders: R_m (encoder outputs) and Z_m (after the noise bottleneck), each (B, d).</summary>
public sealed record LatentBatch(Tensor R1, Tensor R2, Tensor Z1, Tensor Z2);
