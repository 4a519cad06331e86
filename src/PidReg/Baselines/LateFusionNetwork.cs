using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PidReg.Baselines;

/// <summary>
/// Late (decision-level) fusion: one <see cref="UnimodalNetwork"/> per modality, their predictions mixed by learned
/// weights a = softmax(α), ŷ = a1 ŷ1 + a2 ŷ2, trained end to end. The kit picks a learned weighting over a plain average
/// because the weights can then be read next to PIDReg's fusion weights (they start at the plain average, α = 0).
/// Late fusion as in Baltrušaitis, Ahuja and Morency, "Multimodal Machine Learning: A Survey and Taxonomy",
/// IEEE TPAMI 41(2), 2019.
/// </summary>
public sealed class LateFusionNetwork : Module<Tensor, Tensor, Tensor>
{
    private readonly UnimodalNetwork branch1;
    private readonly UnimodalNetwork branch2;
    private readonly Parameter logits;

    /// <summary>Builds both branches with PIDReg's widths.</summary>
    public LateFusionNetwork(string name, long x1Dim, long x2Dim, long outputs, BaselineOptions options) : base(name)
    {
        branch1 = new UnimodalNetwork("branch1", 0, x1Dim, outputs, options);
        branch2 = new UnimodalNetwork("branch2", 1, x2Dim, outputs, options);
        logits = Parameter(zeros(2));
        RegisterComponents();
    }

    /// <summary>The current mixing weights [a1, a2] (sum 1).</summary>
    public double[] Weights
    {
        get
        {
            using var _ = no_grad();
            using var a = softmax(logits, 0);
            return a.to_type(ScalarType.Float64).data<double>().ToArray();
        }
    }

    /// <summary>(B, d1), (B, d2) → (B, out).</summary>
    public override Tensor forward(Tensor x1, Tensor x2)
    {
        var a = softmax(logits, 0);  // (2)
        return a[0] * branch1.forward(x1, x2) + a[1] * branch2.forward(x1, x2);  // (B, out)
    }
}
