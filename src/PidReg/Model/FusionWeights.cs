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
    /// <param name="productInformation">I(T; Z1 ⊙ Z2 | Z1, Z2) in bits (clipped at 0), the product path's weight under
    /// <see cref="SynergyRouting.ConditionalProduct"/>; required by that routing, refused by the others. Finite.</param>
    public static FusionWeights FromAtoms(PidAtoms atoms, RedundancyAssignment assignment, Random? coin = null,
        SynergyRouting synergy = SynergyRouting.Product, double? productInformation = null)
    {
        ArgumentNullException.ThrowIfNull(atoms);
        CheckProductInformation(synergy, productInformation is { } p ? [p] : null, 1);
        double u1 = Math.Max(0, atoms.UniqueX1), u2 = Math.Max(0, atoms.UniqueX2);
        double r = Math.Max(0, atoms.Redundancy), s = Math.Max(0, atoms.Synergy);
        double total = u1 + u2 + r + s;
        double added = synergy == SynergyRouting.ConditionalProduct ? Math.Max(0, productInformation!.Value) : 0;
        if (!(total + added > MinTotalBits)) return Equal;
        double shareOfR1 = assignment switch
        {
            RedundancyAssignment.Proportional => ProportionalShare(atoms.MiX1, atoms.MiX2),
            RedundancyAssignment.CoinFlip => (coin ?? throw new ArgumentNullException(nameof(coin), "CoinFlip needs a seeded Random"))
                .Next(2) == 0 ? 1.0 : 0.0,
            _ => throw new ArgumentOutOfRangeException(nameof(assignment), assignment, "unknown redundancy assignment"),
        };
        if (synergy == SynergyRouting.ConditionalProduct)
        {
            // Operation for operation as FusionPathWeights.FromAtoms, so both give the same bits.
            double all = total + added;
            return new((u1 + shareOfR1 * r + s / 2) / all, (u2 + (1 - shareOfR1) * r + s / 2) / all, added / all);
        }
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
    /// The product informations a routing needs: one finite value per product path under
    /// <see cref="SynergyRouting.ConditionalProduct"/>, none under any other (a value another routing would ignore is a mistake).
    /// </summary>
    internal static void CheckProductInformation(SynergyRouting synergy, IReadOnlyList<double>? productInformation, int productPaths)
    {
        if (synergy != SynergyRouting.ConditionalProduct)
        {
            if (productInformation is not null)
                throw new ArgumentException($"product information is used only by the {nameof(SynergyRouting.ConditionalProduct)} routing, not by {synergy}; pass none", nameof(productInformation));
            return;
        }
        if (productInformation is null)
            throw new ArgumentNullException(nameof(productInformation), $"the {nameof(SynergyRouting.ConditionalProduct)} routing weights each product path by I(T; product | its members): pass one value per product path ({productPaths}), see BatchProductInformation");
        if (productInformation.Count != productPaths)
            throw new ArgumentException($"need one product information per product path ({productPaths}), got {productInformation.Count}", nameof(productInformation));
        for (int k = 0; k < productInformation.Count; k++)
            if (!double.IsFinite(productInformation[k]))
                throw new ArgumentOutOfRangeException(nameof(productInformation), productInformation[k], $"the information of product path {k + 1} must be finite");
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
