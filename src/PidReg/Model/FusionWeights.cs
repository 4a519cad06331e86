using System.Globalization;

namespace PidReg.Model;

/// <summary>The fusion weights of z = W1 Z1 + W2 Z2 + W3 (Z1 ⊙ Z2) (paper steps 5–6); constants, no gradient.</summary>
public sealed record FusionWeights(double W1, double W2, double W3)
{
    /// <summary>Below this total information (bits) the atoms carry no usable signal: weights fall back to 1/3 each.</summary>
    public const double MinTotalBits = 1e-6;

    /// <summary>1/3 each: the starting point, the T ≈ 0 fallback and the "equal weights" ablation.</summary>
    public static FusionWeights Equal { get; } = new(1.0 / 3, 1.0 / 3, 1.0 / 3);

    /// <summary>
    /// Weights from atoms (clipped at 0): R assigned by <paramref name="assignment"/>, S routed by <paramref name="synergy"/>
    /// (the paper: W3 = S/T). <paramref name="coin"/> is required for <see cref="RedundancyAssignment.CoinFlip"/>.
    /// </summary>
    /// <param name="atoms">The batch or epoch atoms.</param>
    /// <param name="assignment">How R is split.</param>
    /// <param name="coin">Seeded source of the draws; required for <see cref="RedundancyAssignment.CoinFlip"/>.</param>
    /// <param name="synergy">Where S goes. Default <see cref="SynergyRouting.Product"/> (the paper).</param>
    /// <param name="productUsed">Under <see cref="SynergyRouting.ConditionalProduct"/> (required there, refused by the
    /// other routings): whether the product credibly adds information beyond Z1, Z2 (see <see cref="BatchProductInformation"/>);
    /// true gives the weights of <see cref="SynergyRouting.ModalitiesAndProduct"/>, false those of <see cref="SynergyRouting.Modalities"/>.</param>
    public static FusionWeights FromAtoms(PidAtoms atoms, RedundancyAssignment assignment, Random? coin = null,
        SynergyRouting synergy = SynergyRouting.Product, bool? productUsed = null)
    {
        ArgumentNullException.ThrowIfNull(atoms);
        CheckProductUse(synergy, productUsed is { } used ? [used] : null, 1);
        if (synergy == SynergyRouting.ConditionalProduct)
            synergy = productUsed!.Value ? SynergyRouting.ModalitiesAndProduct : SynergyRouting.Modalities;
        double u1 = Math.Max(0, atoms.UniqueX1), u2 = Math.Max(0, atoms.UniqueX2);
        double r = Math.Max(0, atoms.Redundancy), s = Math.Max(0, atoms.Synergy);
        double total = u1 + u2 + r + s;
        if (!(total > MinTotalBits)) return Equal;
        double shareOfR1 = assignment switch
        {
            RedundancyAssignment.Proportional => ProportionalShare(atoms.MiX1, atoms.MiX2),
            RedundancyAssignment.CoinFlip => (coin ?? throw new ArgumentNullException(nameof(coin), "CoinFlip needs a seeded Random"))
                .Next(2) == 0 ? 1.0 : 0.0,
            _ => throw new ArgumentOutOfRangeException(nameof(assignment), assignment, "unknown redundancy assignment"),
        };
        double w1 = (u1 + shareOfR1 * r) / total, w2 = (u2 + (1 - shareOfR1) * r) / total, w3 = s / total;
        return synergy switch
        {
            SynergyRouting.Product => new(w1, w2, w3),
            SynergyRouting.Modalities => new(w1 + w3 / 2, w2 + w3 / 2, 0),
            SynergyRouting.ModalitiesAndProduct => new((w1 + w3 / 2) / (1 + w3), (w2 + w3 / 2) / (1 + w3), w3 / (1 + w3)),
            _ => throw new ArgumentOutOfRangeException(nameof(synergy), synergy, "unknown synergy routing"),
        };
    }

    /// <summary>
    /// The share of R that modality 1's path gets on average under <paramref name="assignment"/>: in proportion to
    /// I(Z1; y′) and I(Z2; y′) (<see cref="RedundancyAssignment.Proportional"/>, half each when both are 0), or one half
    /// (<see cref="RedundancyAssignment.CoinFlip"/>: all of R to one modality, chosen by a fair coin). The rule
    /// <see cref="FromAtoms"/> applies, for reading a model's atoms per modality.
    /// </summary>
    public static double RedundancyShareOfX1(PidAtoms atoms, RedundancyAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(atoms);
        return assignment switch
        {
            RedundancyAssignment.Proportional => ProportionalShare(atoms.MiX1, atoms.MiX2),
            RedundancyAssignment.CoinFlip => 0.5,
            _ => throw new ArgumentOutOfRangeException(nameof(assignment), assignment, "unknown redundancy assignment"),
        };
    }

    /// <summary>
    /// The product-path verdicts a routing needs: one per product path under <see cref="SynergyRouting.ConditionalProduct"/>,
    /// none under any other (a verdict another routing would ignore is a mistake).
    /// </summary>
    internal static void CheckProductUse(SynergyRouting synergy, IReadOnlyList<bool>? productUsed, int productPaths)
    {
        if (synergy != SynergyRouting.ConditionalProduct)
        {
            if (productUsed is not null)
                throw new ArgumentException($"product-path verdicts are used only by the {nameof(SynergyRouting.ConditionalProduct)} routing, not by {synergy}; pass none", nameof(productUsed));
            return;
        }
        if (productUsed is null)
            throw new ArgumentNullException(nameof(productUsed), $"the {nameof(SynergyRouting.ConditionalProduct)} routing uses a product path only when it credibly adds information beyond its members: pass one verdict per product path ({productPaths}), see BatchProductInformation.Adds");
        if (productUsed.Count != productPaths)
            throw new ArgumentException($"need one verdict per product path ({productPaths}), got {productUsed.Count}", nameof(productUsed));
    }

    static double ProportionalShare(double mi1, double mi2)
    {
        mi1 = Math.Max(0, mi1);
        mi2 = Math.Max(0, mi2);
        return mi1 + mi2 > MinTotalBits ? mi1 / (mi1 + mi2) : 0.5;
    }

    /// <summary>The "no synergy feature" ablation: W3 = 0 and W1, W2 rescaled to sum to 1.</summary>
    public FusionWeights WithoutSynergy() =>
        W1 + W2 > 0 ? new(W1 / (W1 + W2), W2 / (W1 + W2), 0) : new(0.5, 0.5, 0);

    /// <summary>[W1, W2, W3].</summary>
    public double[] ToArray() => [W1, W2, W3];

    /// <inheritdoc />
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "w=({0:F4}, {1:F4}, {2:F4})", W1, W2, W3);
}
