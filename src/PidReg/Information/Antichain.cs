using System.Numerics;
using System.Text;

namespace PidReg.Information;

/// <summary>
/// A node of the redundancy lattice of Williams and Beer (2010): a collection of non-empty source sets none of which
/// contains another, read as "the information all of these sets share about T". Its <see cref="Key"/> writes each set
/// in braces with 1-based source indices, sets ordered by size and then lexicographically: {1}{2}{3}, {1}{23}, {12},
/// {123}. Two antichains are equal when their keys are.
/// </summary>
public sealed class Antichain : IEquatable<Antichain>
{
    readonly int[] _masks;

    /// <param name="masks">Bit i set = source i + 1 in the set; non-empty, pairwise incomparable (checked by the lattice).</param>
    internal Antichain(IEnumerable<int> masks)
    {
        _masks = [.. masks];
        Array.Sort(_masks, CompareSets);
        Sets = [.. _masks.Select(m => (IReadOnlyList<int>)Members(m))];
        var key = new StringBuilder();
        // Digits without separators are unambiguous because the lattice stops at RedundancyLattice.MaxSources (< 10).
        foreach (var set in Sets) key.Append('{').AppendJoin("", set).Append('}');
        Key = key.ToString();
        foreach (var m in _masks) UpSet |= UpClosure(m);
    }

    /// <summary>The source sets, each as ascending 1-based source indices, in key order (by size, then lexicographically).</summary>
    public IReadOnlyList<IReadOnlyList<int>> Sets { get; }

    /// <summary>The sets in braces with 1-based source indices, e.g. "{1}{23}".</summary>
    public string Key { get; }

    /// <summary>The sets as bit masks (bit i = source i + 1), in key order.</summary>
    internal IReadOnlyList<int> Masks => _masks;

    /// <summary>
    /// Bit s set when source set s (a mask) contains one of the sets: the up-closure. α ≤ β on the lattice (every set of β
    /// contains a set of α) exactly when β's up-closure lies inside α's, so one AND decides the order. A ulong holds
    /// every mask up to six sources, one more than the lattice accepts.
    /// </summary>
    internal ulong UpSet { get; }

    /// <summary>True when this antichain is at or below <paramref name="other"/>: every set of the other contains one of these sets.</summary>
    public bool IsAtOrBelow(Antichain other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return (other.UpSet & ~UpSet) == 0;
    }

    /// <inheritdoc/>
    public bool Equals(Antichain? other) => other is not null && Key == other.Key;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Antichain);

    /// <inheritdoc/>
    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);

    /// <summary>The <see cref="Key"/>.</summary>
    public override string ToString() => Key;

    /// <summary>Every superset of <paramref name="mask"/> among the masks of up to six sources, as bits of a ulong.</summary>
    internal static ulong UpClosure(int mask)
    {
        ulong up = 0;
        for (int s = mask; s < 64; s++)
            if ((s & mask) == mask) up |= 1UL << s;
        return up;
    }

    /// <summary>Ascending 1-based indices of the sources in <paramref name="mask"/>.</summary>
    internal static int[] Members(int mask) =>
        [.. Enumerable.Range(0, 32 - BitOperations.LeadingZeroCount((uint)mask)).Where(i => (mask >> i & 1) == 1).Select(i => i + 1)];

    /// <summary>The key's order of sets: smaller first, then lexicographically by ascending source indices.</summary>
    internal static int CompareSets(int a, int b)
    {
        int bySize = BitOperations.PopCount((uint)a).CompareTo(BitOperations.PopCount((uint)b));
        if (bySize != 0) return bySize;
        // Equal sizes: the first differing source decides, and the set holding the lower source comes first.
        int differ = a ^ b;
        if (differ == 0) return 0;
        int lowest = differ & -differ;
        return (a & lowest) != 0 ? -1 : 1;
    }
}
