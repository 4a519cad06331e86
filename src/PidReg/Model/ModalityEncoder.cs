using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PidReg.Model;

/// <summary>
/// One modality's encoder (paper step 1): Linear(d_m→H) BN ReLU Dropout Linear(H→H/2) BN ReLU Dropout
/// Linear(H/2→d) BN(d). The final BatchNorm keeps R_m roughly standardised, which the CS(R) term and the
/// batch PID both assume.
/// </summary>
public sealed class ModalityEncoder : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <summary>Builds the encoder; hidden ≥ 2 (H/2 must be ≥ 1), latent ≥ 1, dropouts in [0, 1).</summary>
    public ModalityEncoder(string name, long inputDim, int hidden, int latent, double dropout1, double dropout2) : base(name)
    {
        if (inputDim < 1) throw new ArgumentOutOfRangeException(nameof(inputDim), inputDim, "a modality needs at least one feature");
        if (hidden < 2) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "must be ≥ 2 (the second layer has H/2 units)");
        if (latent < 1) throw new ArgumentOutOfRangeException(nameof(latent), latent, "must be ≥ 1");
        layers = Sequential(
            ("fc1", Linear(inputDim, hidden)), ("bn1", BatchNorm1d(hidden)), ("relu1", ReLU()), ("drop1", Dropout(dropout1)),
            ("fc2", Linear(hidden, hidden / 2)), ("bn2", BatchNorm1d(hidden / 2)), ("relu2", ReLU()), ("drop2", Dropout(dropout2)),
            ("fc3", Linear(hidden / 2, latent)), ("bn3", BatchNorm1d(latent)));
        RegisterComponents();
        Initialization.KaimingNormal(this);
    }

    /// <summary>(B, d_m) → R_m (B, d).</summary>
    public override Tensor forward(Tensor x) => layers.forward(x);  // (B, d)
}
