using PidReg.Model;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PidReg.Baselines;

/// <summary>
/// Low-rank Multimodal Fusion: Liu, Shen, Lakshminarasimhan, Liang, Zadeh and Morency, "Efficient Low-rank Multimodal
/// Fusion with Modality-Specific Factors", ACL 2018. The TFN weight tensor applied to [z1, 1] ⊗ ... ⊗ [zM, 1] is replaced
/// by a rank-r factorisation: h = Σᵢ wᵢ ⊙_m (W_m⁽ⁱ⁾ [z_m, 1]) + b, with h of width d, so the cost is linear in d and in
/// the number of modalities instead of a power. Encoders and predictor are PIDReg's; factors are Xavier-normal as in the
/// authors' code.
/// </summary>
public sealed class LowRankFusionNetwork : Module<IReadOnlyList<Tensor>, Tensor>
{
    private readonly ModalityEncoder[] encoders;  // registered as encoder1, encoder2, ...
    private readonly Parameter[] factors;         // registered as factor1, factor2, ...
    private readonly Parameter rankWeights;
    private readonly Parameter bias;
    private readonly Predictor predictor;

    /// <summary>The registry name.</summary>
    public const string ModelName = "lmf";

    /// <summary>"lmf": low-rank fusion of every modality.</summary>
    public static BaselineKind Kind { get; } = BaselineKind.Fusion(ModelName, (widths, outputs, options) => new LowRankFusionNetwork(ModelName, widths, outputs, options));

    /// <summary>Builds the network; the rank is <see cref="BaselineOptions.Rank"/>.</summary>
    public LowRankFusionNetwork(string name, IReadOnlyList<long> widths, long outputs, BaselineOptions options) : base(name)
    {
        int d = options.LatentDim, r = options.Rank;
        encoders = widths.Select((width, m) => new ModalityEncoder($"encoder{m + 1}", width, options.HiddenDim, d, options.Dropout1, options.Dropout2)).ToArray();
        factors = widths.Select(_ => Parameter(empty(r, d + 1, d))).ToArray();  // (r, d + 1, d) each
        rankWeights = Parameter(empty(1, r));     // (1, r)
        bias = Parameter(zeros(1, d));            // (1, d)
        predictor = new Predictor("predictor", d, options.HiddenDim, outputs, options.Dropout1, options.Dropout2);
        for (int m = 0; m < encoders.Length; m++) register_module($"encoder{m + 1}", encoders[m]);
        for (int m = 0; m < factors.Length; m++) register_parameter($"factor{m + 1}", factors[m]);
        RegisterComponents();
        using var _ = no_grad();
        foreach (var factor in factors) init.xavier_normal_(factor);
        init.xavier_normal_(rankWeights);
    }

    /// <summary>Modalities (B, d_m) → (B, out).</summary>
    public override Tensor forward(IReadOnlyList<Tensor> x)
    {
        var z = encoders.Select((encoder, m) => TensorFusionNetwork.WithOne(encoder.forward(x[m]))).ToArray();  // (B, d + 1) each
        var product = einsum("bi,rih->rbh", z[0], factors[0]);                                               // (r, B, d)
        for (int m = 1; m < z.Length; m++)
            product = product * einsum("bi,rih->rbh", z[m], factors[m]);                                     // (r, B, d)
        var h = einsum("r,rbh->bh", rankWeights[0], product) + bias;                                         // (B, d)
        return predictor.forward(h);                                                                         // (B, out)
    }
}
