using PidReg.Model;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PidReg.Baselines;

/// <summary>
/// One modality alone: PIDReg's encoder for that modality followed by PIDReg's predictor (same widths), the other
/// inputs ignored. The "drop a modality" reference of the modality-selection analysis.
/// </summary>
public sealed class UnimodalNetwork : Module<IReadOnlyList<Tensor>, Tensor>
{
    private readonly ModalityEncoder encoder;
    private readonly Predictor predictor;

    /// <summary>The kind that reads modality <paramref name="modality"/> (0-based) alone, named "unimodal1", "unimodal2", ... (1-based).</summary>
    public static BaselineKind Kind(int modality)
    {
        string name = ModelNamePrefix + (modality + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return BaselineKind.Reading(modality, name, (widths, outputs, options) => new UnimodalNetwork(name, modality, widths[modality], outputs, options));
    }

    /// <summary>The registry names are this and the 1-based modality: "unimodal1", "unimodal2", ...</summary>
    public const string ModelNamePrefix = "unimodal";

    /// <summary>Builds the network for modality <paramref name="modality"/> (0-based) of width <paramref name="inputDim"/>.</summary>
    public UnimodalNetwork(string name, int modality, long inputDim, long outputs, BaselineOptions options) : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(modality);
        Modality = modality;
        encoder = new ModalityEncoder("encoder", inputDim, options.HiddenDim, options.LatentDim, options.Dropout1, options.Dropout2);
        predictor = new Predictor("predictor", options.LatentDim, options.HiddenDim, outputs, options.Dropout1, options.Dropout2);
        RegisterComponents();
    }

    /// <summary>The 0-based modality the network reads.</summary>
    public int Modality { get; }

    /// <summary>Modalities (B, d_m) → (B, out); only the chosen one is read (the others may be empty (B, 0) tensors).</summary>
    public override Tensor forward(IReadOnlyList<Tensor> x)
    {
        var z = encoder.forward(x[Modality]);  // (B, d)
        return predictor.forward(z);           // (B, out)
    }
}
