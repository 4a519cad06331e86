using System.Globalization;
using PidReg.Model;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PidReg.Baselines;

/// <summary>
/// Tensor Fusion Network: Zadeh, Chen, Poria, Cambria and Morency, "Tensor Fusion Network for Multimodal Sentiment
/// Analysis", EMNLP 2017. Each modality is encoded (PIDReg's encoders), the fused representation is the outer product
/// vec([z1, 1] ⊗ ... ⊗ [zM, 1]) of size (d + 1)^M, which holds every z_m and every product across modalities, and
/// PIDReg's predictor (first layer widened to (d + 1)^M inputs) maps it to the target. The size grows as a power of the
/// number of modalities: above <see cref="MaxFusedFeatures"/> the model refuses to build (use lmf, its low-rank form).
/// </summary>
public sealed class TensorFusionNetwork : Module<IReadOnlyList<Tensor>, Tensor>
{
    /// <summary>
    /// Largest outer product the kit builds: 2^16 features. Its first predictor layer then holds 2^16 × H weights
    /// (16.8 million at H = 256, about 67 MB in float32, and Adam and the weight average keep three more copies), while
    /// the next size up for three modalities at the default latent size, 65³ = 274,625, would need about 1.4 GB.
    /// </summary>
    public const long MaxFusedFeatures = 1 << 16;

    private readonly ModalityEncoder[] encoders;  // registered as encoder1, encoder2, ...
    private readonly Predictor predictor;

    /// <summary>The registry name.</summary>
    public const string ModelName = "tfn";

    /// <summary>"tfn": the outer product of every modality's latent.</summary>
    public static BaselineKind Kind { get; } = BaselineKind.Fusion(ModelName,
        (widths, outputs, options) => new TensorFusionNetwork(ModelName, widths, outputs, options), CheckSize);

    /// <summary>Builds the network for inputs of widths <paramref name="widths"/>.</summary>
    public TensorFusionNetwork(string name, IReadOnlyList<long> widths, long outputs, BaselineOptions options) : base(name)
    {
        CheckSize(widths.Count, options);
        int d = options.LatentDim;
        encoders = widths.Select((width, m) => new ModalityEncoder($"encoder{m + 1}", width, options.HiddenDim, d, options.Dropout1, options.Dropout2)).ToArray();
        predictor = new Predictor("predictor", checked((int)FusedFeatures(widths.Count, d)), options.HiddenDim, outputs, options.Dropout1, options.Dropout2);
        for (int m = 0; m < encoders.Length; m++) register_module($"encoder{m + 1}", encoders[m]);
        RegisterComponents();
    }

    /// <summary>(d + 1)^M, the width of the outer product of <paramref name="modalities"/> latents of width <paramref name="latentDim"/>.</summary>
    public static double FusedFeatures(int modalities, int latentDim) => Math.Pow(latentDim + 1, modalities);

    /// <summary>Throws naming the size, the limit and the fixes when the outer product of <paramref name="modalities"/> latents is too large.</summary>
    static void CheckSize(int modalities, BaselineOptions options)
    {
        double size = FusedFeatures(modalities, options.LatentDim);
        if (size <= MaxFusedFeatures) return;
        int largest = (int)Math.Floor(Math.Pow(MaxFusedFeatures, 1.0 / modalities) + 1e-9) - 1;
        var c = CultureInfo.InvariantCulture;
        throw new ArgumentException(
            string.Create(c, $"{ModelName}: the outer product of {modalities} modalities with latent size {options.LatentDim} has {options.LatentDim + 1}^{modalities} = {size:N0} features, ") +
            string.Create(c, $"above the limit of {MaxFusedFeatures:N0}; use a latent size of at most {largest} (--latent-dim {largest}, BaselineOptions.LatentDim), ") +
            "or lmf, tensor fusion's low-rank form, which grows linearly with the modalities.");
    }

    /// <summary>Modalities (B, d_m) → (B, out).</summary>
    public override Tensor forward(IReadOnlyList<Tensor> x)
    {
        var z = encoders.Select((encoder, m) => WithOne(encoder.forward(x[m]))).ToArray();  // (B, d + 1) each
        var outer = z[0];                                                                   // (B, d + 1)
        for (int m = 1; m < z.Length; m++)
            outer = (outer.unsqueeze(2) * z[m].unsqueeze(1)).flatten(1);                    // (B, (d + 1)^(m + 1))
        return predictor.forward(outer);                                                    // (B, out)
    }

    internal static Tensor WithOne(Tensor z) => cat([z, ones(z.shape[0], 1, dtype: z.dtype, device: z.device)], 1);  // (B, d + 1)
}
