using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PidReg.Model;

/// <summary>
/// The PIDReg network (paper Fig. 1) over M ≥ 2 modalities: encoder → noise bottleneck per modality, fusion
/// z = Σ_P w_P ⊙_{m ∈ P} Z_m over the fusion paths P (<see cref="FusionPath.All"/>) with constant weights, predictor.
/// For two modalities the paths are Z1, Z2, Z1 ⊙ Z2 and this is the paper's z = w1 Z1 + w2 Z2 + w3 (Z1 ⊙ Z2). The
/// weights live in a buffer so the state dict carries them.
/// </summary>
/// <remarks>
/// State-dict keys are <c>encoder{m}</c>, <c>bottleneck{m}</c> (m = 1 … M), <c>predictor</c>, <c>fusion_weights</c>:
/// for two modalities exactly the keys of the two-modality model, so its checkpoints load unchanged. That is why the
/// encoders are registered one by one under those names rather than as a ModuleList (whose keys would be
/// <c>encoders.0</c>, …).
/// </remarks>
public sealed class PidRegModel : Module<IReadOnlyList<Tensor>, Tensor>
{
    // Registered by name in the constructor (encoder1, bottleneck1, encoder2, …), in call order.
    private readonly ModalityEncoder[] encoders;
    private readonly NoiseBottleneck[] bottlenecks;
    private readonly Predictor predictor;
    private readonly Tensor fusion_weights;  // (2^M − 1), float64

    /// <summary>Builds the network; parameters are drawn from the global torch generator (the trainer seeds it).</summary>
    /// <param name="widths">Width of each modality, in order; M = widths.Count ≥ 2, each ≥ 1.</param>
    /// <param name="targetDim">Number of target columns; ≥ 1.</param>
    /// <param name="hidden">Hidden width H of encoders and predictor; ≥ 2.</param>
    /// <param name="latent">Latent width d; ≥ 1.</param>
    /// <param name="dropout1">Dropout after the first hidden layer; in [0, 1).</param>
    /// <param name="dropout2">Dropout after the second hidden layer; in [0, 1).</param>
    /// <param name="initialTheta">Starting θ of every bottleneck (paper: 4).</param>
    /// <param name="useBottleneck">False: Z = R, no noise.</param>
    /// <param name="layout">How the weighted paths reach the predictor. Default <see cref="FusionLayout.Sum"/> (the paper).</param>
    /// <param name="modalityNames">Names of the modalities, naming the fusion paths; null = "x1", "x2", …. As in <see cref="FusionPath.All"/>.</param>
    /// <exception cref="ArgumentException">Fewer than two modalities, names that do not match the widths, or bad names.</exception>
    public PidRegModel(IReadOnlyList<long> widths, long targetDim, int hidden, int latent,
        double dropout1, double dropout2, double initialTheta, bool useBottleneck, FusionLayout layout = FusionLayout.Sum,
        IReadOnlyList<string>? modalityNames = null) : base(nameof(PidRegModel))
    {
        ArgumentNullException.ThrowIfNull(widths);
        if (widths.Count < 2)
            throw new ArgumentException($"PIDReg fuses at least two modalities, got {widths.Count}; for one modality use a unimodal baseline", nameof(widths));
        modalityNames ??= [.. Enumerable.Range(1, widths.Count).Select(m => $"x{m}")];
        if (modalityNames.Count != widths.Count)
            throw new ArgumentException($"{widths.Count} modality widths but {modalityNames.Count} names ({string.Join(", ", modalityNames)}); give one name per modality", nameof(modalityNames));
        var paths = FusionPath.All(modalityNames);  // checks the names
        if (!Enum.IsDefined(layout)) throw new ArgumentOutOfRangeException(nameof(layout), layout, "unknown fusion layout");

        Layout = layout;
        Widths = [.. widths];
        ModalityNames = [.. modalityNames];
        TargetDim = targetDim;
        encoders = new ModalityEncoder[widths.Count];
        bottlenecks = new NoiseBottleneck[widths.Count];
        // Built in the two-modality model's order (encoder1, bottleneck1, encoder2, …) so a seed draws the same weights.
        for (int m = 0; m < widths.Count; m++)
        {
            encoders[m] = new ModalityEncoder($"encoder{m + 1}", widths[m], hidden, latent, dropout1, dropout2);
            register_module($"encoder{m + 1}", encoders[m]);
            bottlenecks[m] = new NoiseBottleneck($"bottleneck{m + 1}", initialTheta, useBottleneck);
            register_module($"bottleneck{m + 1}", bottlenecks[m]);
        }
        // Sum: one d-wide latent; Concatenate: every path side by side, (2^M − 1)·d (3d for two modalities).
        predictor = new Predictor("predictor", layout == FusionLayout.Concatenate ? paths.Count * latent : latent, hidden, targetDim, dropout1, dropout2);
        fusion_weights = tensor(FusionPathWeights.Equal(ModalityNames).Weights.ToArray(), dtype: ScalarType.Float64);
        RegisterComponents();
    }

    /// <summary>M, the number of modalities.</summary>
    public int ModalityCount => Widths.Count;

    /// <summary>Width of each modality, in order.</summary>
    public IReadOnlyList<long> Widths { get; }

    /// <summary>Names of the modalities, in order; they name the fusion paths ("x1", "x2", "x1*x2" by default).</summary>
    public IReadOnlyList<string> ModalityNames { get; }

    /// <summary>How the weighted paths are joined before the predictor.</summary>
    public FusionLayout Layout { get; }

    /// <summary>Number of target columns.</summary>
    public long TargetDim { get; }

    /// <summary>The weights used by <see cref="forward"/>, one per fusion path; the trainer sets them from the atoms.</summary>
    /// <exception cref="ArgumentException">Set with weights over other modality names.</exception>
    public FusionPathWeights FusionWeights
    {
        get => FusionPathWeights.FromValues(ModalityNames, fusion_weights.cpu().data<double>().ToArray());
        set
        {
            CheckModalities(value);
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            fusion_weights.copy_(tensor(value.Weights.ToArray(), dtype: ScalarType.Float64));
        }
    }

    /// <summary>Current λ_m of each bottleneck, in modality order.</summary>
    public IReadOnlyList<double> Lambdas
    {
        get
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            return [.. bottlenecks.Select(b => (double)b.Lambda().item<float>())];
        }
    }

    /// <summary>Encoders and predictor: the parameters of the main optimizer.</summary>
    public IEnumerable<Parameter> NetworkParameters() =>
        encoders.SelectMany(e => e.parameters()).Concat(predictor.parameters());

    /// <summary>θ_1 … θ_M: the parameters of the bottleneck optimizer.</summary>
    public IEnumerable<Parameter> ThetaParameters() => bottlenecks.Select(b => b.Theta);

    /// <summary>The predictor's parameters (the paper clips their gradient norm).</summary>
    public IEnumerable<Parameter> PredictorParameters() => predictor.parameters();

    /// <summary>x_1 … x_M, each (B, d_m) → R_m, Z_m (B, d) each.</summary>
    /// <exception cref="ArgumentException">Not one tensor per modality, or a modality of the wrong shape (named).</exception>
    public LatentBatch Encode(IReadOnlyList<Tensor> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Count != ModalityCount)
            throw new ArgumentException($"PidRegModel: expected {ModalityCount} modalities ({string.Join(", ", ModalityNames)}), got {x.Count} tensors.", nameof(x));
        for (int m = 0; m < x.Count; m++)
            if (x[m].dim() != 2 || x[m].shape[1] != Widths[m])
                throw new ArgumentException($"PidRegModel: modality {m + 1} must be (rows, {Widths[m]}), got [{string.Join(", ", x[m].shape)}] for '{ModalityNames[m]}'.", nameof(x));
        var r = new Tensor[ModalityCount];
        var z = new Tensor[ModalityCount];
        for (int m = 0; m < ModalityCount; m++)
        {
            r[m] = encoders[m].forward(x[m]);     // (B, d)
            z[m] = bottlenecks[m].forward(r[m]);  // (B, d)
        }
        return new LatentBatch(r, z);
    }

    /// <summary>Fuses Z_1 … Z_M (B, d) with the given constant weights and predicts the standardised target (B, out).</summary>
    /// <exception cref="ArgumentException">Weights over other modality names, or latents that do not match them.</exception>
    public Tensor Head(IReadOnlyList<Tensor> latents, FusionPathWeights weights)
    {
        CheckModalities(weights);
        var z = weights.Fuse(latents, Layout);  // (B, d) for Sum, (B, (2^M − 1) d) for Concatenate
        return predictor.forward(z);            // (B, out)
    }

    /// <summary>x_1 … x_M, each (B, d_m) → prediction (B, out) with the stored fusion weights.</summary>
    public override Tensor forward(IReadOnlyList<Tensor> x)
    {
        var latents = Encode(x);
        return Head(latents.Z, FusionWeights);  // (B, out)
    }

    void CheckModalities(FusionPathWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (!weights.ModalityNames.SequenceEqual(ModalityNames, StringComparer.Ordinal))
            throw new ArgumentException($"PidRegModel: the fusion weights are over modalities ({string.Join(", ", weights.ModalityNames)}) but the model's are ({string.Join(", ", ModalityNames)}); build them with the model's ModalityNames", nameof(weights));
    }
}
