using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PidReg.Model;

/// <summary>The regression head (paper step 7): Linear(d→H) BN ReLU Dropout Linear(H→H/2) BN ReLU Dropout Linear(H/2→out).</summary>
public sealed class Predictor : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <summary>Builds the head; hidden ≥ 2, latent ≥ 1, outputs ≥ 1, dropouts in [0, 1).</summary>
    public Predictor(string name, int latent, int hidden, long outputs, double dropout1, double dropout2) : base(name)
    {
        if (hidden < 2) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "must be ≥ 2 (the second layer has H/2 units)");
        if (outputs < 1) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "the target needs at least one column");
        layers = Sequential(
            ("fc1", Linear(latent, hidden)), ("bn1", BatchNorm1d(hidden)), ("relu1", ReLU()), ("drop1", Dropout(dropout1)),
            ("fc2", Linear(hidden, hidden / 2)), ("bn2", BatchNorm1d(hidden / 2)), ("relu2", ReLU()), ("drop2", Dropout(dropout2)),
            ("out", Linear(hidden / 2, outputs)));
        RegisterComponents();
        Initialization.KaimingNormal(this);
    }

    /// <summary>Fused latent (B, d) → standardised prediction (B, out).</summary>
    public override Tensor forward(Tensor z) => layers.forward(z);  // (B, out)
}
