using PidReg.Model;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PidReg.Baselines;

/// <summary>
/// One modality alone: PIDReg's encoder for that modality followed by PIDReg's predictor (same widths), the other input
/// ignored. The "drop a modality" reference of the modality-selection analysis.
/// </summary>
public sealed class UnimodalNetwork : Module<Tensor, Tensor, Tensor>
{
    private readonly ModalityEncoder encoder;
    private readonly Predictor predictor;

    /// <summary>Builds the network for modality <paramref name="modality"/> (0 = X1, 1 = X2) of width <paramref name="inputDim"/>.</summary>
    public UnimodalNetwork(string name, int modality, long inputDim, long outputs, BaselineOptions options) : base(name)
    {
        if (modality is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(modality), modality, "must be 0 (X1) or 1 (X2)");
        Modality = modality;
        encoder = new ModalityEncoder("encoder", inputDim, options.HiddenDim, options.LatentDim, options.Dropout1, options.Dropout2);
        predictor = new Predictor("predictor", options.LatentDim, options.HiddenDim, outputs, options.Dropout1, options.Dropout2);
        RegisterComponents();
    }

    /// <summary>0 when the network reads X1, 1 when it reads X2.</summary>
    public int Modality { get; }

    /// <summary>(B, d1), (B, d2) → (B, out); only the chosen modality is read (the other may be an empty (B, 0) tensor).</summary>
    public override Tensor forward(Tensor x1, Tensor x2)
    {
        var z = encoder.forward(Modality == 0 ? x1 : x2);  // (B, d)
        return predictor.forward(z);                       // (B, out)
    }
}
