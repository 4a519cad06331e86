using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PidReg.Baselines;

/// <summary>
/// Late (decision-level) fusion: one <see cref="UnimodalNetwork"/> per modality, their predictions mixed by learned
/// weights a = softmax(α), ŷ = Σ_m a_m ŷ_m, trained end to end. The kit picks a learned weighting over a plain average
/// because the weights can then be read next to PIDReg's fusion weights (they start at the plain average, α = 0).
/// Late fusion as in Baltrušaitis, Ahuja and Morency, "Multimodal Machine Learning: A Survey and Taxonomy",
/// IEEE TPAMI 41(2), 2019.
/// </summary>
public sealed class LateFusionNetwork : Module<IReadOnlyList<Tensor>, Tensor>
{
    private readonly UnimodalNetwork[] branches;  // registered as branch1, branch2, ...
    private readonly Parameter logits;

    /// <summary>The registry name.</summary>
    public const string ModelName = "late";

    /// <summary>"late": one head per modality, predictions mixed.</summary>
    public static BaselineKind Kind { get; } = BaselineKind.Fusion(ModelName, (widths, outputs, options) => new LateFusionNetwork(ModelName, widths, outputs, options));

    /// <summary>Builds one branch per modality with PIDReg's widths.</summary>
    public LateFusionNetwork(string name, IReadOnlyList<long> widths, long outputs, BaselineOptions options) : base(name)
    {
        branches = widths.Select((width, m) => new UnimodalNetwork($"branch{m + 1}", m, width, outputs, options)).ToArray();
        logits = Parameter(zeros(widths.Count));
        for (int m = 0; m < branches.Length; m++) register_module($"branch{m + 1}", branches[m]);
        RegisterComponents();
    }

    /// <summary>The current mixing weights [a1, ..., aM] (sum 1).</summary>
    public double[] Weights
    {
        get
        {
            using var _ = no_grad();
            using var a = softmax(logits, 0);
            return a.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
        }
    }

    /// <summary>Modalities (B, d_m) → (B, out).</summary>
    public override Tensor forward(IReadOnlyList<Tensor> x)
    {
        var a = softmax(logits, 0);                            // (M)
        var mixed = a[0] * branches[0].forward(x);             // (B, out)
        for (int m = 1; m < branches.Length; m++)
            mixed = mixed + a[m] * branches[m].forward(x);     // (B, out)
        return mixed;
    }
}
