using PidReg.Model;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PidReg.Baselines;

/// <summary>
/// Early (feature-level) fusion: the concatenation [x1, x2] goes through one encoder and the predictor, both with PIDReg's
/// widths. The plain concatenation baseline the paper's reviewers asked for (see e.g. Baltrušaitis, Ahuja and Morency,
/// "Multimodal Machine Learning: A Survey and Taxonomy", IEEE TPAMI 41(2), 2019, on early fusion).
/// </summary>
public sealed class EarlyFusionNetwork : Module<Tensor, Tensor, Tensor>
{
    private readonly ModalityEncoder encoder;
    private readonly Predictor predictor;

    /// <summary>Builds the network for inputs of widths <paramref name="x1Dim"/> and <paramref name="x2Dim"/>.</summary>
    public EarlyFusionNetwork(string name, long x1Dim, long x2Dim, long outputs, BaselineOptions options) : base(name)
    {
        encoder = new ModalityEncoder("encoder", x1Dim + x2Dim, options.HiddenDim, options.LatentDim, options.Dropout1, options.Dropout2);
        predictor = new Predictor("predictor", options.LatentDim, options.HiddenDim, outputs, options.Dropout1, options.Dropout2);
        RegisterComponents();
    }

    /// <summary>(B, d1), (B, d2) → (B, out).</summary>
    public override Tensor forward(Tensor x1, Tensor x2)
    {
        var x = cat([x1, x2], 1);          // (B, d1 + d2)
        return predictor.forward(encoder.forward(x));  // (B, out)
    }
}
