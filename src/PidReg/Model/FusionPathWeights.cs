using System.Globalization;
using PidReg.Information;
using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Model;

/// <summary>
/// The fusion weights of PIDReg with M modalities: one constant weight (no gradient) per <see cref="FusionPath"/>, in the
/// order of <see cref="FusionPath.All"/>, z = Σ_P w_P · ⊙_{m ∈ P} Z_m. The M-modality form of <see cref="FusionWeights"/>:
/// for two modalities the paths are "a", "b", "a*b" and every weight equals W1, W2, W3 of the two-modality rule.
/// </summary>
/// <remarks>
/// Cost: M modality paths and 2^M − M − 1 product paths (1, 4, 11, 26 for M = 2 … 5). Each product path is one (B, d)
/// elementwise product of a smaller path and one latent, so computing all of them costs (2^M − M − 1)·B·d multiplications
/// and as many floats kept for the backward pass, small beside any encoder (B·d_m·H each); with
/// <see cref="FusionLayout.Sum"/> a product path whose weight is 0 is not computed at all (under
/// <see cref="SynergyRouting.Modalities"/> that is every product path once the atoms set the weights). The real cost is
/// <see cref="FusionLayout.Concatenate"/>, whose predictor input is (2^M − 1)·d wide whatever the weights are (3d, 7d,
/// 15d, 31d), so its first layer grows as 2^M.
/// </remarks>
public sealed class FusionPathWeights : IEquatable<FusionPathWeights>
{
    readonly double[] _weights;

    FusionPathWeights(IReadOnlyList<string> modalityNames, IReadOnlyList<FusionPath> paths, double[] weights)
    {
        ModalityNames = [.. modalityNames];
        Paths = paths;
        _weights = weights;
    }

    /// <summary>The modality names, in order.</summary>
    public IReadOnlyList<string> ModalityNames { get; }

    /// <summary>M, the number of modalities.</summary>
    public int ModalityCount => ModalityNames.Count;

    /// <summary>Every path, in the order of <see cref="FusionPath.All"/> (modality paths first).</summary>
    public IReadOnlyList<FusionPath> Paths { get; }

    /// <summary>The weight of each path, aligned with <see cref="Paths"/>: each in [0, 1], summing to 1.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>The weights keyed by path name ("a", "b", "a*b", …), in path order: the form <c>fit --json</c> reports.</summary>
    public IReadOnlyDictionary<string, double> ByName => Paths.Select((p, i) => (p.Name, _weights[i])).ToDictionary(p => p.Name, p => p.Item2, StringComparer.Ordinal);

    /// <summary>The weight of the path with the given name, e.g. "a*b".</summary>
    /// <exception cref="KeyNotFoundException">No path has that name; the message lists the paths.</exception>
    public double this[string pathName]
    {
        get
        {
            for (int i = 0; i < Paths.Count; i++)
                if (Paths[i].Name == pathName) return _weights[i];
            throw new KeyNotFoundException($"no fusion path '{pathName}'; the paths are {string.Join(", ", Paths.Select(p => p.Name))}");
        }
    }

    /// <summary>
    /// Equal weight 1/(2^M − 1) on every path, product paths included, whatever the synergy routing: the starting point,
    /// the fallback when the atoms carry no information and the "equal weights" ablation. Why every path, not only those a
    /// routing uses: with no information no path is preferred, and for two modalities this is the 1/3 each of
    /// <see cref="FusionWeights.Equal"/>, which two-modality PIDReg uses under every routing. The price under
    /// <see cref="SynergyRouting.Modalities"/> is that the model computes the product paths until the first PID estimate.
    /// </summary>
    /// <param name="modalityNames">As in <see cref="FusionPath.All"/>.</param>
    public static FusionPathWeights Equal(IReadOnlyList<string> modalityNames)
    {
        var paths = FusionPath.All(modalityNames);
        return new(modalityNames, paths, [.. paths.Select(_ => 1.0 / paths.Count)]);
    }

    /// <summary>Weights given per path (for example read back from a checkpoint).</summary>
    /// <param name="modalityNames">As in <see cref="FusionPath.All"/>.</param>
    /// <param name="weights">One weight per path of <see cref="FusionPath.All"/>, in that order; each finite and ≥ 0.</param>
    /// <exception cref="ArgumentException">A count that does not match the paths, or a negative or non-finite weight (named by path).</exception>
    public static FusionPathWeights FromValues(IReadOnlyList<string> modalityNames, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var paths = FusionPath.All(modalityNames);
        if (weights.Count != paths.Count)
            throw new ArgumentException($"{modalityNames.Count} modalities have {paths.Count} fusion paths ({string.Join(", ", paths.Select(p => p.Name))}), got {weights.Count} weights", nameof(weights));
        for (int i = 0; i < paths.Count; i++)
            if (!(weights[i] >= 0) || double.IsPositiveInfinity(weights[i]))
                throw new ArgumentOutOfRangeException(nameof(weights), weights[i], $"the weight of path '{paths[i].Name}' must be finite and ≥ 0");
        return new(modalityNames, paths, [.. weights]);
    }

    /// <summary>The two-modality weights W1, W2, W3 on the paths "a", "b", "a*b" of the given names.</summary>
    /// <param name="weights">The two-modality weights.</param>
    /// <param name="modalityNames">Two names; as in <see cref="FusionPath.All"/>.</param>
    public static FusionPathWeights From(FusionWeights weights, IReadOnlyList<string> modalityNames)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(modalityNames);
        if (modalityNames.Count != 2)
            throw new ArgumentException($"two-modality weights need exactly two modality names, got {modalityNames.Count}", nameof(modalityNames));
        return FromValues(modalityNames, weights.ToArray());
    }

    /// <summary>The two-modality record (W1, W2, W3) of these weights.</summary>
    /// <exception cref="InvalidOperationException">Not exactly two modalities.</exception>
    public FusionWeights ToFusionWeights() => ModalityCount == 2
        ? new FusionWeights(_weights[0], _weights[1], _weights[2])
        : throw new InvalidOperationException($"these weights are over {ModalityCount} modalities; FusionWeights holds exactly 2");

    /// <summary>
    /// The fusion rule for M modalities (paper step 5, generalised). Each atom α, clipped at 0, gives its bits to the
    /// source sets of its antichain: with <see cref="RedundancyAssignment.Proportional"/> in proportion to I(T; Z_A) of each
    /// set A of α (equal shares when those informations sum to at most <see cref="FusionWeights.MinTotalBits"/>), with
    /// <see cref="RedundancyAssignment.CoinFlip"/> all to one set drawn by <paramref name="coin"/> (one draw per antichain of
    /// two or more sets, in lattice order). A single modality's share is credit of its modality path; a set of two or more
    /// modalities is credit of that set, which <paramref name="synergy"/> routes: <see cref="SynergyRouting.Product"/> to
    /// the set's product path; <see cref="SynergyRouting.Modalities"/> in equal parts to its members' modality paths (product
    /// weights 0); <see cref="SynergyRouting.ModalitiesAndProduct"/> both, all weights then divided by 1 + the product
    /// weights so they sum to 1. Weights are credit / total bits; a total of at most <see cref="FusionWeights.MinTotalBits"/>
    /// gives <see cref="Equal"/>.
    /// <para>
    /// For two modalities the lattice's only antichain of two sets is R = {1}{2}, its only multi-modality set is {12}
    /// holding S, and the rule is <see cref="FusionWeights.FromAtoms"/> operation for operation, coin draws included.
    /// For three, R_{12} = {1}{2} is split between Z1 and Z2 alone, {1}{23} (what Z1 shares with the pair Z2, Z3) between
    /// Z1 and the product Z2 ⊙ Z3, and the pair synergy {12} goes to Z1 ⊙ Z2.
    /// </para>
    /// </summary>
    /// <param name="atoms">Lattice atoms and set informations of M modalities.</param>
    /// <param name="modalityNames">The M names; as in <see cref="FusionPath.All"/>.</param>
    /// <param name="assignment">How an antichain of several sets is split.</param>
    /// <param name="coin">Seeded source of the draws; required for <see cref="RedundancyAssignment.CoinFlip"/>.</param>
    /// <param name="synergy">Where the credit of multi-modality sets goes. Default <see cref="SynergyRouting.Product"/> (the paper).</param>
    /// <param name="productUsed">Under <see cref="SynergyRouting.ConditionalProduct"/> (required there, refused otherwise):
    /// for every product path, in path order, whether it credibly adds information beyond its members
    /// (<see cref="BatchProductInformation.Adds"/>). The credit of multi-modality sets goes to their members' paths in equal
    /// parts; a product path judged to add information also keeps its credit, as under
    /// <see cref="SynergyRouting.ModalitiesAndProduct"/>, and the weights are divided by 1 + the kept product weights; a
    /// product path judged not to gets 0, as under <see cref="SynergyRouting.Modalities"/>.</param>
    /// <exception cref="ArgumentException">A name count that is not the atoms' modality count, bad names, an unknown
    /// assignment or routing, CoinFlip without a coin, or product-path verdicts missing, miscounted or not wanted.</exception>
    public static FusionPathWeights FromAtoms(LatticeAtoms atoms, IReadOnlyList<string> modalityNames, RedundancyAssignment assignment,
        Random? coin = null, SynergyRouting synergy = SynergyRouting.Product, IReadOnlyList<bool>? productUsed = null)
    {
        ArgumentNullException.ThrowIfNull(atoms);
        var paths = FusionPath.All(modalityNames);
        if (atoms.SourceCount != modalityNames.Count)
            throw new ArgumentException($"the atoms are over {atoms.SourceCount} modalities but {modalityNames.Count} names were given ({string.Join(", ", modalityNames)})", nameof(modalityNames));
        if (!Enum.IsDefined(assignment)) throw new ArgumentOutOfRangeException(nameof(assignment), assignment, "unknown redundancy assignment");
        if (!Enum.IsDefined(synergy)) throw new ArgumentOutOfRangeException(nameof(synergy), synergy, "unknown synergy routing");
        if (assignment == RedundancyAssignment.CoinFlip && coin is null) throw new ArgumentNullException(nameof(coin), "CoinFlip needs a seeded Random");
        FusionWeights.CheckProductUse(synergy, productUsed, paths.Count(p => p.IsProduct));

        var lattice = atoms.Lattice;
        var clipped = atoms.Atoms.Select(a => Math.Max(0, a)).ToArray();
        // The unique atoms first, in modality order, then the rest bottom-up: for two modalities the sum U1 + U2 + R + S of
        // the two-modality rule, in its order, so both give the same bits.
        double total = 0;
        foreach (int i in Enumerable.Range(0, lattice.Count).OrderBy(i => IsUnique(lattice.Antichains[i]) ? 0 : 1))
            total += clipped[i];
        if (!(total > FusionWeights.MinTotalBits)) return Equal(modalityNames);

        var credit = new double[1 << modalityNames.Count];  // by set mask
        for (int i = 0; i < lattice.Count; i++)
        {
            var sets = lattice.Antichains[i].Masks;
            if (sets.Count == 1)
            {
                credit[sets[0]] += clipped[i];
                continue;
            }
            if (assignment == RedundancyAssignment.CoinFlip)
            {
                credit[sets[coin!.Next(sets.Count)]] += clipped[i];
                continue;
            }
            var shares = ProportionalShares(sets, atoms.SetInformation);
            for (int j = 0; j < sets.Count; j++) credit[sets[j]] += shares[j] * clipped[i];
        }

        var weights = paths.Select(p => credit[p.Mask] / total).ToArray();
        if (synergy == SynergyRouting.Product) return new(modalityNames, paths, weights);
        var routed = (double[])weights.Clone();
        double productSum = 0;
        int product = 0;
        for (int k = 0; k < paths.Count; k++)
        {
            if (!paths[k].IsProduct) continue;
            bool kept = synergy == SynergyRouting.ModalitiesAndProduct || (synergy == SynergyRouting.ConditionalProduct && productUsed![product]);
            product++;
            // Modality paths come first, in modality order: modality m's path is path m.
            foreach (int m in paths[k].Members) routed[m] += weights[k] / paths[k].Members.Count;
            if (kept) productSum += weights[k];
            else routed[k] = 0;
        }
        if (synergy != SynergyRouting.Modalities)
            for (int k = 0; k < routed.Length; k++) routed[k] /= 1 + productSum;
        return new(modalityNames, paths, routed);
    }

    /// <summary>
    /// The "no synergy feature" ablation: every product path 0, the modality weights rescaled to sum to 1 (1/M each when
    /// they are all 0), as <see cref="FusionWeights.WithoutSynergy"/> does for two.
    /// </summary>
    public FusionPathWeights WithoutSynergy()
    {
        double sum = 0;
        for (int k = 0; k < Paths.Count; k++)
            if (!Paths[k].IsProduct) sum += _weights[k];
        var weights = Paths.Select((p, k) => p.IsProduct ? 0 : sum > 0 ? _weights[k] / sum : 1.0 / ModalityCount).ToArray();
        return new(ModalityNames, Paths, weights);
    }

    /// <summary>
    /// The fused latent of one batch. <see cref="FusionLayout.Sum"/>: z = Σ_P w_P ⊙_{m ∈ P} Z_m, (B, d), every modality path
    /// added and a product path only when its weight is not 0. <see cref="FusionLayout.Concatenate"/>: the weighted paths
    /// side by side in path order, (B, (2^M − 1) d). Weights enter as float constants, as in <see cref="PidRegModel.Head"/>,
    /// which this reproduces for two modalities. Temporaries belong to the caller's dispose scope.
    /// </summary>
    /// <param name="latents">Z_1 … Z_M, each (B, d) with the same shape, in modality order.</param>
    /// <param name="layout">How the weighted paths are joined.</param>
    /// <exception cref="ArgumentException">Not one latent per modality, or latents of different shapes (named).</exception>
    public Tensor Fuse(IReadOnlyList<Tensor> latents, FusionLayout layout)
    {
        ArgumentNullException.ThrowIfNull(latents);
        if (latents.Count != ModalityCount)
            throw new ArgumentException($"need one latent per modality ({ModalityCount}: {string.Join(", ", ModalityNames)}), got {latents.Count}", nameof(latents));
        for (int m = 0; m < latents.Count; m++)
            if (latents[m].dim() != 2 || !latents[m].shape.SequenceEqual(latents[0].shape))
                throw new ArgumentException($"latent of modality '{ModalityNames[m]}' is [{string.Join(", ", latents[m].shape)}]; every latent must be (B, d) like '{ModalityNames[0]}' [{string.Join(", ", latents[0].shape)}]", nameof(latents));
        if (!Enum.IsDefined(layout)) throw new ArgumentOutOfRangeException(nameof(layout), layout, "unknown fusion layout");

        var products = new Tensor?[1 << ModalityCount];
        // Kept-alive Scalars, not implicit temporaries (see PidReg.Regularizers.KernelMath.Zero): disposed after the last op.
        var scalars = _weights.Select(w => ((float)w).ToScalar()).ToArray();
        try
        {
            if (layout == FusionLayout.Concatenate)
                return cat([.. Paths.Select((p, k) => PathTensor(p.Mask).mul(scalars[k]))], 1);  // (B, (2^M − 1) d)
            var z = latents[0].mul(scalars[0]) + latents[1].mul(scalars[1]);                       // (B, d)
            for (int k = 2; k < Paths.Count; k++)
                if (!Paths[k].IsProduct || _weights[k] != 0) z = z + PathTensor(Paths[k].Mask).mul(scalars[k]);  // (B, d)
            return z;
        }
        finally
        {
            foreach (var s in scalars) s.Dispose();
        }

        // ⊙ of the members: the path without its highest member (computed once), times that member's latent.
        Tensor PathTensor(int mask)
        {
            int highest = 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)mask);
            int rest = mask & ~(1 << highest);
            if (rest == 0) return latents[highest];                                 // (B, d)
            return products[mask] ??= PathTensor(rest) * latents[highest];          // (B, d)
        }
    }

    /// <summary>True when both have the same modality names and bit-identical weights.</summary>
    public bool Equals(FusionPathWeights? other) =>
        other is not null && ModalityNames.SequenceEqual(other.ModalityNames, StringComparer.Ordinal) && _weights.AsSpan().SequenceEqual(other._weights);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FusionPathWeights);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var name in ModalityNames) hash.Add(name, StringComparer.Ordinal);
        foreach (var w in _weights) hash.Add(w);
        return hash.ToHashCode();
    }

    /// <summary>"w=(a: 0.4000, b: 0.3000, a*b: 0.3000)", invariant culture.</summary>
    public override string ToString() =>
        "w=(" + string.Join(", ", Paths.Select((p, k) => string.Create(CultureInfo.InvariantCulture, $"{p.Name}: {_weights[k]:F4}"))) + ")";

    static bool IsUnique(Antichain antichain) => antichain.Sets is [{ Count: 1 }];

    /// <summary>
    /// Shares of the sets of one antichain in proportion to I(T; Z_A) clipped at 0 (equal shares when they sum to at most
    /// <see cref="FusionWeights.MinTotalBits"/>); the last set gets 1 − the others, as the two-modality rule gives Z2 1 − share1.
    /// </summary>
    static double[] ProportionalShares(IReadOnlyList<int> sets, IReadOnlyList<double> setInformation)
    {
        var information = sets.Select(s => Math.Max(0, setInformation[s])).ToArray();
        double sum = 0;
        foreach (var v in information) sum += v;
        var shares = new double[sets.Count];
        double given = 0;
        for (int j = 0; j < sets.Count - 1; j++)
        {
            shares[j] = sum > FusionWeights.MinTotalBits ? information[j] / sum : 1.0 / sets.Count;
            given += shares[j];
        }
        shares[^1] = Math.Max(0, 1 - given);
        return shares;
    }
}
