using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PidReg.Model;

/// <summary>
/// The PIDReg network for two modalities (paper Fig. 1): encoder → noise bottleneck per modality, fusion
/// z = w1 Z1 + w2 Z2 + w3 (Z1 ⊙ Z2) with constant weights, predictor. The weights live in a buffer so the
/// state dict carries them. More modalities would add an encoder/bottleneck pair each and more fusion terms;
/// the paper defines the PID, and so this model, for two.
/// </summary>
public sealed class PidRegModel : Module<Tensor, Tensor, Tensor>
{
    private readonly ModalityEncoder encoder1;
    private readonly NoiseBottleneck bottleneck1;
    private readonly ModalityEncoder encoder2;
    private readonly NoiseBottleneck bottleneck2;
    private readonly Predictor predictor;
    private readonly Tensor fusion_weights;  // (3), float64

    /// <summary>Builds the network; parameters are drawn from the global torch generator (the trainer seeds it).</summary>
    public PidRegModel(long x1Dim, long x2Dim, long targetDim, int hidden, int latent,
        double dropout1, double dropout2, double initialTheta, bool useBottleneck, FusionLayout layout = FusionLayout.Sum) : base(nameof(PidRegModel))
    {
        Layout = layout;
        X1Dim = x1Dim;
        X2Dim = x2Dim;
        TargetDim = targetDim;
        encoder1 = new ModalityEncoder("encoder1", x1Dim, hidden, latent, dropout1, dropout2);
        bottleneck1 = new NoiseBottleneck("bottleneck1", initialTheta, useBottleneck);
        encoder2 = new ModalityEncoder("encoder2", x2Dim, hidden, latent, dropout1, dropout2);
        bottleneck2 = new NoiseBottleneck("bottleneck2", initialTheta, useBottleneck);
        predictor = new Predictor("predictor", layout == FusionLayout.Concatenate ? 3 * latent : latent, hidden, targetDim, dropout1, dropout2);
        fusion_weights = tensor(FusionWeights.Equal.ToArray(), dtype: ScalarType.Float64);
        RegisterComponents();
    }

    /// <summary>Width of modality 1.</summary>
    public long X1Dim { get; }

    /// <summary>Width of modality 2.</summary>
    public long X2Dim { get; }

    /// <summary>How the weighted paths are joined before the predictor.</summary>
    public FusionLayout Layout { get; }

    /// <summary>Number of target columns.</summary>
    public long TargetDim { get; }

    /// <summary>The weights used by <see cref="forward"/>; the trainer sets them from the atoms.</summary>
    public FusionWeights FusionWeights
    {
        get
        {
            var w = fusion_weights.cpu().data<double>().ToArray();
            return new FusionWeights(w[0], w[1], w[2]);
        }
        set
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            fusion_weights.copy_(tensor(value.ToArray(), dtype: ScalarType.Float64));
        }
    }

    /// <summary>Current (λ1, λ2).</summary>
    public (double Lambda1, double Lambda2) Lambdas
    {
        get
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            return (bottleneck1.Lambda().item<float>(), bottleneck2.Lambda().item<float>());
        }
    }

    /// <summary>Encoders and predictor: the parameters of the main optimizer.</summary>
    public IEnumerable<Parameter> NetworkParameters() =>
        encoder1.parameters().Concat(encoder2.parameters()).Concat(predictor.parameters());

    /// <summary>θ1, θ2: the parameters of the bottleneck optimizer.</summary>
    public IEnumerable<Parameter> ThetaParameters() => [bottleneck1.Theta, bottleneck2.Theta];

    /// <summary>The predictor's parameters (the paper clips their gradient norm).</summary>
    public IEnumerable<Parameter> PredictorParameters() => predictor.parameters();

    /// <summary>x1 (B, d1), x2 (B, d2) → R1, R2, Z1, Z2 (B, d).</summary>
    public LatentBatch Encode(Tensor x1, Tensor x2)
    {
        if (x1.dim() != 2 || x1.shape[1] != X1Dim)
            throw new ArgumentException($"PidRegModel: modality 1 must be (rows, {X1Dim}), got [{string.Join(", ", x1.shape)}].", nameof(x1));
        if (x2.dim() != 2 || x2.shape[1] != X2Dim)
            throw new ArgumentException($"PidRegModel: modality 2 must be (rows, {X2Dim}), got [{string.Join(", ", x2.shape)}].", nameof(x2));
        var r1 = encoder1.forward(x1);     // (B, d)
        var z1 = bottleneck1.forward(r1);  // (B, d)
        var r2 = encoder2.forward(x2);     // (B, d)
        var z2 = bottleneck2.forward(r2);  // (B, d)
        return new LatentBatch(r1, r2, z1, z2);
    }

    /// <summary>Fuses Z1, Z2 (B, d) with the given constant weights and predicts the standardised target (B, out).</summary>
    public Tensor Head(Tensor z1, Tensor z2, FusionWeights weights)
    {
        // Kept-alive Scalars, not implicit temporaries (see PidReg.Regularizers.KernelMath.Zero).
        using var w1 = ((float)weights.W1).ToScalar();
        using var w2 = ((float)weights.W2).ToScalar();
        using var w3 = ((float)weights.W3).ToScalar();
        if (Layout == FusionLayout.Concatenate)
            return predictor.forward(cat([z1.mul(w1), z2.mul(w2), (z1 * z2).mul(w3)], 1));  // (B, 3d) → (B, out)
        var z = z1.mul(w1) + z2.mul(w2);                            // (B, d)
        if (weights.W3 != 0) z = z + (z1 * z2).mul(w3);             // (B, d), the synergy feature
        return predictor.forward(z);                                // (B, out)
    }

    /// <summary>x1 (B, d1), x2 (B, d2) → prediction (B, out) with the stored fusion weights.</summary>
    public override Tensor forward(Tensor x1, Tensor x2)
    {
        var latents = Encode(x1, x2);
        return Head(latents.Z1, latents.Z2, FusionWeights);  // (B, out)
    }
}
