using PidReg.Model;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PidReg.Baselines;

/// <summary>
/// Tensor Fusion Network: Zadeh, Chen, Poria, Cambria and Morency, "Tensor Fusion Network for Multimodal Sentiment
/// Analysis", EMNLP 2017. Each modality is encoded (PIDReg's encoders), the fused representation is the outer product
/// vec([z1, 1] ⊗ [z2, 1]) of size (d + 1)², which holds z1, z2 and every product z1ᵢ z2ⱼ, and PIDReg's predictor
/// (first layer widened to (d + 1)² inputs) maps it to the target.
/// </summary>
public sealed class TensorFusionNetwork : Module<Tensor, Tensor, Tensor>
{
    private readonly ModalityEncoder encoder1;
    private readonly ModalityEncoder encoder2;
    private readonly Predictor predictor;

    /// <summary>Builds the network for inputs of widths <paramref name="x1Dim"/> and <paramref name="x2Dim"/>.</summary>
    public TensorFusionNetwork(string name, long x1Dim, long x2Dim, long outputs, BaselineOptions options) : base(name)
    {
        int d = options.LatentDim;
        encoder1 = new ModalityEncoder("encoder1", x1Dim, options.HiddenDim, d, options.Dropout1, options.Dropout2);
        encoder2 = new ModalityEncoder("encoder2", x2Dim, options.HiddenDim, d, options.Dropout1, options.Dropout2);
        predictor = new Predictor("predictor", (d + 1) * (d + 1), options.HiddenDim, outputs, options.Dropout1, options.Dropout2);
        RegisterComponents();
    }

    /// <summary>(B, d1), (B, d2) → (B, out).</summary>
    public override Tensor forward(Tensor x1, Tensor x2)
    {
        var z1 = WithOne(encoder1.forward(x1));                // (B, d + 1)
        var z2 = WithOne(encoder2.forward(x2));                // (B, d + 1)
        var outer = z1.unsqueeze(2) * z2.unsqueeze(1);         // (B, d + 1, d + 1)
        return predictor.forward(outer.flatten(1));            // (B, out)
    }

    internal static Tensor WithOne(Tensor z) => cat([z, ones(z.shape[0], 1, dtype: z.dtype, device: z.device)], 1);  // (B, d + 1)
}
