using PidReg.Model;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PidReg.Baselines;

/// <summary>
/// Low-rank Multimodal Fusion: Liu, Shen, Lakshminarasimhan, Liang, Zadeh and Morency, "Efficient Low-rank Multimodal
/// Fusion with Modality-Specific Factors", ACL 2018. The TFN weight tensor applied to [z1, 1] ⊗ [z2, 1] is replaced by a
/// rank-r factorisation: h = Σᵢ wᵢ (W1⁽ⁱ⁾ [z1, 1]) ⊙ (W2⁽ⁱ⁾ [z2, 1]) + b, with h of width d, so the cost is linear in d
/// instead of quadratic. Encoders and predictor are PIDReg's; factors are Xavier-normal as in the authors' code.
/// </summary>
public sealed class LowRankFusionNetwork : Module<Tensor, Tensor, Tensor>
{
    private readonly ModalityEncoder encoder1;
    private readonly ModalityEncoder encoder2;
    private readonly Parameter factor1;
    private readonly Parameter factor2;
    private readonly Parameter rankWeights;
    private readonly Parameter bias;
    private readonly Predictor predictor;

    /// <summary>Builds the network; the rank is <see cref="BaselineOptions.Rank"/>.</summary>
    public LowRankFusionNetwork(string name, long x1Dim, long x2Dim, long outputs, BaselineOptions options) : base(name)
    {
        int d = options.LatentDim, r = options.Rank;
        encoder1 = new ModalityEncoder("encoder1", x1Dim, options.HiddenDim, d, options.Dropout1, options.Dropout2);
        encoder2 = new ModalityEncoder("encoder2", x2Dim, options.HiddenDim, d, options.Dropout1, options.Dropout2);
        factor1 = Parameter(empty(r, d + 1, d));  // (r, d + 1, d)
        factor2 = Parameter(empty(r, d + 1, d));  // (r, d + 1, d)
        rankWeights = Parameter(empty(1, r));     // (1, r)
        bias = Parameter(zeros(1, d));            // (1, d)
        predictor = new Predictor("predictor", d, options.HiddenDim, outputs, options.Dropout1, options.Dropout2);
        RegisterComponents();
        using var _ = no_grad();
        init.xavier_normal_(factor1);
        init.xavier_normal_(factor2);
        init.xavier_normal_(rankWeights);
    }

    /// <summary>(B, d1), (B, d2) → (B, out).</summary>
    public override Tensor forward(Tensor x1, Tensor x2)
    {
        var z1 = TensorFusionNetwork.WithOne(encoder1.forward(x1));  // (B, d + 1)
        var z2 = TensorFusionNetwork.WithOne(encoder2.forward(x2));  // (B, d + 1)
        var f1 = einsum("bi,rih->rbh", z1, factor1);                 // (r, B, d)
        var f2 = einsum("bi,rih->rbh", z2, factor2);                 // (r, B, d)
        var h = einsum("r,rbh->bh", rankWeights[0], f1 * f2) + bias; // (B, d)
        return predictor.forward(h);                                 // (B, out)
    }
}
