using System.Globalization;

namespace PidReg.Information;

/// <summary>
/// A partial information decomposition of I(T; X1, …, XM) on the whole redundancy lattice, in bits, with the MMI
/// redundancy of Barrett (2015): I∩(α) = min over the source sets A of α of I(T; X_A), for scalar and vector targets
/// alike. The atoms are its Möbius inversion (<see cref="RedundancyLattice.Atoms"/>), so they sum to
/// <see cref="MiJoint"/>, and the atoms at or below the antichain {A} sum to I(T; X_A). The atoms are non-negative for
/// any number of sources: Williams and Beer's proof that I_min has non-negative atoms uses only that the redundancy is
/// a minimum of a set function that grows with the set, and I(T; X_A) does (bias-corrected estimates are made to, see
/// <see cref="GaussianLatticePid.FromSampleCovariance"/>). They are reported as computed, not clipped, so rounding can
/// show an exact zero as −1e-16.
/// </summary>
/// <param name="Lattice">The antichains the atoms belong to.</param>
/// <param name="Atoms">Π of each antichain, aligned with <see cref="RedundancyLattice.Antichains"/>.</param>
/// <param name="Redundancies">I∩ of each antichain, aligned with <see cref="RedundancyLattice.Antichains"/>.</param>
/// <param name="SetInformation">I(T; X_A) for every source set A as a bit mask (bit i = source i + 1; entry 0, the
/// empty set, is 0): 2^M entries.</param>
/// <param name="Method">How the atoms were found, e.g. "MMI lattice (redundancy = min over sets of I(T; X_set))";
/// ", bias-corrected" is appended for corrected estimates.</param>
/// <param name="Ridge">Ridge added to the diagonal of the correlation matrix so every Cholesky factor exists (0 when none was needed).</param>
/// <param name="SampleCount">Samples behind the covariance (0 for a population covariance).</param>
public sealed record LatticePid(
    RedundancyLattice Lattice, IReadOnlyList<double> Atoms, IReadOnlyList<double> Redundancies,
    IReadOnlyList<double> SetInformation, string Method, double Ridge, int SampleCount)
{
    /// <summary>The measure behind the redundancy: always <see cref="PidMeasure.Mmi"/> in Barrett's min-information form.</summary>
    public PidMeasure Measure => PidMeasure.Mmi;

    /// <summary>I(T; X_i) of each source, in source order.</summary>
    public IReadOnlyList<double> MiSources => [.. Enumerable.Range(0, Lattice.SourceCount).Select(i => SetInformation[1 << i])];

    /// <summary>I(T; X1, …, XM).</summary>
    public double MiJoint => SetInformation[(1 << Lattice.SourceCount) - 1];

    /// <summary>The sum of all atoms: <see cref="MiJoint"/> up to rounding.</summary>
    public double Total => Atoms.Sum();

    /// <summary>The atom of the antichain with the given key, e.g. "{1}{23}".</summary>
    /// <exception cref="KeyNotFoundException">No antichain of this lattice has that key; the message says how keys are written.</exception>
    public double this[string key] => Atoms[Lattice.IndexOf(key)];

    /// <summary>I(T; X_A) for the sources of A.</summary>
    /// <param name="sources">1-based source indices, non-empty, each in 1…M (repeats allowed and ignored).</param>
    /// <exception cref="ArgumentException">An empty set or an index out of range.</exception>
    public double Information(params IEnumerable<int> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        int mask = 0;
        foreach (var s in sources)
        {
            if (s < 1 || s > Lattice.SourceCount)
                throw new ArgumentOutOfRangeException(nameof(sources), s, $"source indices are 1-based: 1 to {Lattice.SourceCount}");
            mask |= 1 << (s - 1);
        }
        return mask != 0 ? SetInformation[mask] : throw new ArgumentException("the source set is empty; I(T; nothing) is 0 by definition", nameof(sources));
    }

    /// <summary>The atoms by antichain key, in lattice order (bottom first).</summary>
    public IEnumerable<KeyValuePair<string, double>> AtomsByKey => Lattice.Antichains.Select((a, i) => KeyValuePair.Create(a.Key, Atoms[i]));

    /// <summary>One line with the atom count, the information terms in bits and the method, invariant culture.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Atoms.Count} atoms over {Lattice.SourceCount} sources; " +
        $"{string.Join(" ", MiSources.Select((v, i) => FormattableString.Invariant($"I(T;X{i + 1})={v:0.######}")))} I(T;all)={MiJoint:0.######} bits ({Method})");
}
