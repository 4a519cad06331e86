using PidReg.Model;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PidReg.Baselines;

/// <summary>
/// Early (feature-level) fusion: the concatenation [x1, ..., xM] goes through one encoder and the predictor, both with
/// PIDReg's widths. The plain concatenation baseline the paper's reviewers asked for (see e.g. Baltrušaitis, Ahuja and
/// Morency, "Multimodal Machine Learning: A Survey and Taxonomy", IEEE TPAMI 41(2), 2019, on early fusion).
/// </summary>
public sealed class EarlyFusionNetwork : Module<IReadOnlyList<Tensor>, Tensor>
{
    private readonly ModalityEncoder encoder;
    private readonly Predictor predictor;

    /// <summary>The registry name.</summary>
    public const string ModelName = "early";

    /// <summary>"early": every modality, concatenated.</summary>
    public static BaselineKind Kind { get; } = BaselineKind.Fusion(ModelName, (widths, outputs, options) => new EarlyFusionNetwork(ModelName, widths, outputs, options));

    /// <summary>Builds the network for inputs of widths <paramref name="widths"/>.</summary>
    public EarlyFusionNetwork(string name, IReadOnlyList<long> widths, long outputs, BaselineOptions options) : base(name)
    {
        encoder = new ModalityEncoder("encoder", widths.Sum(), options.HiddenDim, options.LatentDim, options.Dropout1, options.Dropout2);
        predictor = new Predictor("predictor", options.LatentDim, options.HiddenDim, outputs, options.Dropout1, options.Dropout2);
        RegisterComponents();
    }

    /// <summary>Modalities (B, d_m) → (B, out).</summary>
    public override Tensor forward(IReadOnlyList<Tensor> x)
    {
        var joined = cat(x.ToArray(), 1);                   // (B, Σ d_m)
        return predictor.forward(encoder.forward(joined));  // (B, out)
    }
}
