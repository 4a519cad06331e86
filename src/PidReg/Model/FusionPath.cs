using PidReg.Information;

namespace PidReg.Model;

/// <summary>
/// One fusion path of PIDReg with M modalities: a non-empty set of modalities. A single modality m is its modality path
/// Z_m; a larger set is a product path, the elementwise product of its members' latents (Z_a ⊙ Z_b [⊙ Z_c …]), the
/// M-modality form of the paper's synergy feature Z1 ⊙ Z2. Paths are named by their modality names joined with '*'
/// ("a", "b", "a*b") and ordered by size, then lexicographically by modality index, so two modalities give the paper's
/// three paths in its order: Z1, Z2, Z1 ⊙ Z2.
/// </summary>
public sealed class FusionPath : IEquatable<FusionPath>
{
    /// <summary>The character between modality names in a path's <see cref="Name"/>; never part of a modality name.</summary>
    public const char Separator = '*';

    FusionPath(int mask, IReadOnlyList<string> modalityNames)
    {
        Mask = mask;
        Members = Antichain.Members(mask).Select(i => i - 1).ToArray();
        Name = string.Join(Separator, Members.Select(i => modalityNames[i]));
    }

    /// <summary>The modalities of the path as ascending 0-based indices into the modality list.</summary>
    public IReadOnlyList<int> Members { get; }

    /// <summary>The members as a bit mask (bit i = modality i), the same encoding as the source sets of the redundancy lattice.</summary>
    public int Mask { get; }

    /// <summary>The members' names joined with <see cref="Separator"/>, e.g. "a*b".</summary>
    public string Name { get; }

    /// <summary>True for a product path (two or more modalities), false for a modality path.</summary>
    public bool IsProduct => Members.Count > 1;

    /// <summary>
    /// Every path of the given modalities: the 2^M − 1 non-empty sets, modality paths first, then by size and
    /// lexicographically by modality index. That is M modality paths and 2^M − M − 1 product paths (1, 4, 11, 26 for
    /// M = 2 … 5): every set of two or more modalities can receive credit from some atom (the atom of the antichain {A}
    /// holding that set alone), so every one is a path under product routing.
    /// </summary>
    /// <param name="modalityNames">Names of the M modalities in order; 2 ≤ M ≤ <see cref="RedundancyLattice.MaxSources"/>
    /// (the fusion weights come from the lattice atoms); non-empty, distinct, without <see cref="Separator"/>.</param>
    /// <exception cref="ArgumentException">A rule above is broken; the message names the modality.</exception>
    public static IReadOnlyList<FusionPath> All(IReadOnlyList<string> modalityNames)
    {
        CheckNames(modalityNames);
        int all = (1 << modalityNames.Count) - 1;
        var masks = Enumerable.Range(1, all).ToArray();
        Array.Sort(masks, Antichain.CompareSets);
        return [.. masks.Select(m => new FusionPath(m, modalityNames))];
    }

    /// <summary>The checks of <see cref="All"/>.</summary>
    /// <exception cref="ArgumentException">As in <see cref="All"/>.</exception>
    internal static void CheckNames(IReadOnlyList<string> modalityNames)
    {
        ArgumentNullException.ThrowIfNull(modalityNames);
        RedundancyLattice.CheckSourceCount(modalityNames.Count, nameof(modalityNames));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < modalityNames.Count; i++)
        {
            var name = modalityNames[i];
            if (string.IsNullOrWhiteSpace(name))
                throw new ArgumentException($"modality {i + 1} has an empty name; every modality needs one to name its fusion paths", nameof(modalityNames));
            if (name.Contains(Separator, StringComparison.Ordinal))
                throw new ArgumentException($"modality name '{name}' contains '{Separator}', which joins names in product paths (\"a{Separator}b\"); rename the modality", nameof(modalityNames));
            if (!seen.Add(name))
                throw new ArgumentException($"modality name '{name}' appears twice; path names must identify their modalities", nameof(modalityNames));
        }
    }

    /// <inheritdoc/>
    public bool Equals(FusionPath? other) => other is not null && Mask == other.Mask && Name == other.Name;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FusionPath);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Mask, Name);

    /// <summary>The <see cref="Name"/>.</summary>
    public override string ToString() => Name;
}
