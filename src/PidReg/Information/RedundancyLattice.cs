using System.Globalization;
using System.Numerics;

namespace PidReg.Information;

/// <summary>
/// The redundancy lattice of Williams and Beer (2010, "Nonnegative decomposition of multivariate information", §3) for
/// M sources: every antichain of non-empty source sets, ordered by α ≤ β when each set of β contains a set of α.
/// There are 4, 18, 166 and 7579 antichains for 2, 3, 4 and 5 sources (the Dedekind numbers less two). Given a
/// redundancy I∩(α) that grows along the order, the partial information atoms Π solve I∩(α) = Σ_{β ≤ α} Π(β)
/// (Möbius inversion, <see cref="Atoms"/>).
/// </summary>
public sealed class RedundancyLattice
{
    /// <summary>
    /// Most sources accepted: 5 sources give 7579 atoms, which are still computed in well under a second and can be read
    /// as a table; 6 give 7,828,352, whose Möbius inversion is about 3·10¹³ order checks and whose atoms nobody can read.
    /// </summary>
    public const int MaxSources = 5;

    /// <summary>Antichains for 0…7 sources, the Dedekind numbers less the empty antichain and the one holding the empty set.</summary>
    static readonly long[] Counts = [0, 1, 4, 18, 166, 7579, 7_828_352, 2_414_682_040_996];

    readonly Dictionary<string, int> _index;

    RedundancyLattice(int sourceCount, Antichain[] antichains)
    {
        SourceCount = sourceCount;
        Antichains = antichains;
        _index = antichains.Select((a, i) => (a.Key, i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>M, the number of sources.</summary>
    public int SourceCount { get; }

    /// <summary>
    /// Every antichain, bottom ({1}{2}…{M}) first and top ({12…M}) last, in an order that lists each antichain after all
    /// antichains below it: fewer source sets containing one of its sets (a smaller up-closure) means higher on the
    /// lattice; ties are broken by the sets in key order, compared one by one, a prefix first. For two sources:
    /// {1}{2}, {1}, {2}, {12} (redundancy, the two unique atoms, synergy).
    /// </summary>
    public IReadOnlyList<Antichain> Antichains { get; }

    /// <summary>The number of antichains (= atoms).</summary>
    public int Count => Antichains.Count;

    /// <summary>The antichain with the given <see cref="Antichain.Key"/>, e.g. "{1}{23}".</summary>
    /// <exception cref="KeyNotFoundException">No antichain of this lattice has that key; the message says how keys are written.</exception>
    public Antichain this[string key] => Antichains[IndexOf(key)];

    /// <summary>Position of the antichain with the given key in <see cref="Antichains"/>.</summary>
    /// <exception cref="KeyNotFoundException">No antichain of this lattice has that key.</exception>
    public int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _index.TryGetValue(key, out var i) ? i : throw new KeyNotFoundException(
            $"'{key}' is not an antichain of the {SourceCount}-source lattice: write each source set in braces with 1-based " +
            "indices, sets by size then lexicographically, none inside another, e.g. {1}{23}");
    }

    /// <summary>The number of antichains (atoms) of the lattice of <paramref name="sourceCount"/> sources, for 1 ≤ M ≤ 7.</summary>
    public static long AntichainCount(int sourceCount) =>
        sourceCount >= 1 && sourceCount < Counts.Length
            ? Counts[sourceCount]
            : throw new ArgumentOutOfRangeException(nameof(sourceCount), sourceCount, $"known for 1 to {Counts.Length - 1} sources");

    /// <summary>Builds the lattice of <paramref name="sourceCount"/> sources.</summary>
    /// <param name="sourceCount">M; range 2 ≤ M ≤ <see cref="MaxSources"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than two sources (nothing to decompose) or more than
    /// <see cref="MaxSources"/>; the message gives the atom count and what to do instead.</exception>
    public static RedundancyLattice Create(int sourceCount)
    {
        CheckSourceCount(sourceCount, nameof(sourceCount));
        var found = new List<Antichain>();
        Enumerate(1, (1 << sourceCount) - 1, [], 0, found);
        var ordered = found.ToArray();
        Array.Sort(ordered, CompareBottomUp);
        return new RedundancyLattice(sourceCount, ordered);
    }

    /// <summary>The check behind <see cref="Create"/>, for callers that want to refuse before reading any data.</summary>
    /// <exception cref="ArgumentOutOfRangeException">As in <see cref="Create"/>.</exception>
    public static void CheckSourceCount(int sourceCount, string paramName)
    {
        if (sourceCount < 2)
            throw new ArgumentOutOfRangeException(paramName, sourceCount,
                "a partial information decomposition needs at least two sources; with one, I(T; X1) is all there is");
        if (sourceCount > MaxSources)
            throw new ArgumentOutOfRangeException(paramName, sourceCount, string.Create(CultureInfo.InvariantCulture,
                $"{sourceCount} sources give {AntichainCount(sourceCount):N0} antichains on the redundancy lattice, too many atoms to compute or read; " +
                $"at most {MaxSources} sources ({AntichainCount(MaxSources):N0} atoms): merge sources into fewer blocks"));
    }

    /// <summary>
    /// The partial information atoms of <paramref name="redundancy"/>: Π(α) = I∩(α) − Σ_{β &lt; α} Π(β), taken in the
    /// order of <see cref="Antichains"/> (every β below α comes earlier). Atoms are returned as computed, negative ones
    /// included: a redundancy that is not a minimum over the sets of a growing set function (as MMI's is) can give them.
    /// </summary>
    /// <param name="redundancy">I∩ of each antichain, aligned with <see cref="Antichains"/>.</param>
    /// <exception cref="ArgumentException">Not one value per antichain.</exception>
    public double[] Atoms(IReadOnlyList<double> redundancy)
    {
        ArgumentNullException.ThrowIfNull(redundancy);
        if (redundancy.Count != Count)
            throw new ArgumentException($"need one redundancy per antichain ({Count} for {SourceCount} sources), got {redundancy.Count}", nameof(redundancy));
        var atoms = new double[Count];
        var up = Antichains.Select(a => a.UpSet).ToArray();
        for (int j = 0; j < Count; j++)
        {
            double below = 0;
            ulong upJ = up[j];
            for (int i = 0; i < j; i++)
                if ((upJ & ~up[i]) == 0) below += atoms[i];
            atoms[j] = redundancy[j] - below;
        }
        return atoms;
    }

    /// <summary>
    /// Every antichain of the masks from <paramref name="next"/> to <paramref name="last"/> added to <paramref name="chosen"/>.
    /// Masks grow, and a superset has a larger mask than its subsets, so a new mask can only contain an earlier choice,
    /// never sit inside one: it is admissible when it is outside the up-closure of what was chosen.
    /// </summary>
    static void Enumerate(int next, int last, List<int> chosen, ulong up, List<Antichain> found)
    {
        for (int mask = next; mask <= last; mask++)
        {
            if ((up >> mask & 1) == 1) continue;
            chosen.Add(mask);
            found.Add(new Antichain(chosen));
            Enumerate(mask + 1, last, chosen, up | Antichain.UpClosure(mask), found);
            chosen.RemoveAt(chosen.Count - 1);
        }
    }

    static int CompareBottomUp(Antichain a, Antichain b)
    {
        // A larger up-closure is lower on the lattice: α < β implies ↑β ⊊ ↑α.
        int byHeight = BitOperations.PopCount(b.UpSet).CompareTo(BitOperations.PopCount(a.UpSet));
        if (byHeight != 0) return byHeight;
        for (int i = 0; i < Math.Min(a.Masks.Count, b.Masks.Count); i++)
        {
            int bySet = Antichain.CompareSets(a.Masks[i], b.Masks[i]);
            if (bySet != 0) return bySet;
        }
        return a.Masks.Count.CompareTo(b.Masks.Count);
    }
}
