using System.Globalization;
using PidReg.Information;

namespace PidReg.Model;

/// <summary>
/// The PID atoms (bits) of M latents about the transformed target on the whole redundancy lattice, with the informations
/// I(T; Z_A) they come from: the M-modality counterpart of <see cref="PidAtoms"/>, and what
/// <see cref="FusionPathWeights.FromAtoms"/> turns into fusion weights. For two modalities the atoms, in lattice order,
/// are R ({1}{2}), U1 ({1}), U2 ({2}) and S ({12}).
/// </summary>
public sealed class LatticeAtoms
{
    readonly double[] _atoms;
    readonly double[] _setInformation;

    /// <summary>Atoms and set informations of one estimate.</summary>
    /// <param name="lattice">The lattice of M sources the atoms belong to.</param>
    /// <param name="atoms">Π of each antichain (bits), aligned with <see cref="RedundancyLattice.Antichains"/>.</param>
    /// <param name="setInformation">I(T; Z_A) (bits) for every source set A as a bit mask (bit i = source i + 1), 2^M entries;
    /// entry 0 (the empty set) is ignored and stored as 0.</param>
    /// <exception cref="ArgumentException">Lengths that do not fit the lattice.</exception>
    public LatticeAtoms(RedundancyLattice lattice, IReadOnlyList<double> atoms, IReadOnlyList<double> setInformation)
    {
        ArgumentNullException.ThrowIfNull(lattice);
        ArgumentNullException.ThrowIfNull(atoms);
        ArgumentNullException.ThrowIfNull(setInformation);
        if (atoms.Count != lattice.Count)
            throw new ArgumentException($"need one atom per antichain ({lattice.Count} for {lattice.SourceCount} sources), got {atoms.Count}", nameof(atoms));
        if (setInformation.Count != 1 << lattice.SourceCount)
            throw new ArgumentException($"need I(T; Z_A) for every source set by mask ({1 << lattice.SourceCount} entries for {lattice.SourceCount} sources, entry 0 the empty set), got {setInformation.Count}", nameof(setInformation));
        Lattice = lattice;
        _atoms = [.. atoms];
        _setInformation = [.. setInformation];
        _setInformation[0] = 0;
    }

    /// <summary>The lattice the atoms belong to.</summary>
    public RedundancyLattice Lattice { get; }

    /// <summary>Π of each antichain (bits), aligned with <see cref="RedundancyLattice.Antichains"/>, as estimated (not clipped).</summary>
    public IReadOnlyList<double> Atoms => _atoms;

    /// <summary>I(T; Z_A) (bits) for every source set A as a bit mask (bit i = source i + 1); entry 0 is 0.</summary>
    public IReadOnlyList<double> SetInformation => _setInformation;

    /// <summary>M, the number of modalities.</summary>
    public int SourceCount => Lattice.SourceCount;

    /// <summary>The sum of the atoms: I(T; Z_1, …, Z_M) up to rounding.</summary>
    public double Total => _atoms.Sum();

    /// <summary>The atom of the antichain with the given key, e.g. "{1}{23}".</summary>
    /// <exception cref="KeyNotFoundException">No antichain of the lattice has that key.</exception>
    public double this[string key] => _atoms[Lattice.IndexOf(key)];

    /// <summary>The atoms and informations of a lattice decomposition.</summary>
    public static LatticeAtoms From(LatticePid pid)
    {
        ArgumentNullException.ThrowIfNull(pid);
        return new LatticeAtoms(pid.Lattice, pid.Atoms, pid.SetInformation);
    }

    /// <summary>
    /// The two-modality atoms on the lattice of two sources: R, U1, U2, S in lattice order and I(T; Z1) = MiX1,
    /// I(T; Z2) = MiX2, I(T; Z1, Z2) = U1 + U2 + R + S.
    /// </summary>
    public static LatticeAtoms From(PidAtoms atoms)
    {
        ArgumentNullException.ThrowIfNull(atoms);
        return TwoModalities(atoms.UniqueX1, atoms.UniqueX2, atoms.Redundancy, atoms.Synergy, atoms.MiX1, atoms.MiX2, atoms.Total);
    }

    /// <summary>Two-modality atoms and informations placed on the lattice of two sources by antichain key.</summary>
    internal static LatticeAtoms TwoModalities(double u1, double u2, double r, double s, double i1, double i2, double i12)
    {
        var atoms = new double[TwoSources.Count];
        atoms[TwoSources.IndexOf("{1}")] = u1;
        atoms[TwoSources.IndexOf("{2}")] = u2;
        atoms[TwoSources.IndexOf("{1}{2}")] = r;
        atoms[TwoSources.IndexOf("{12}")] = s;
        return new LatticeAtoms(TwoSources, atoms, [0, i1, i2, i12]);
    }

    /// <summary>The two-modality record of these atoms, the inverse of <see cref="From(PidAtoms)"/>.</summary>
    /// <exception cref="InvalidOperationException">Not exactly two modalities.</exception>
    public PidAtoms ToPidAtoms() => SourceCount == 2
        ? new PidAtoms(this["{1}"], this["{2}"], this["{1}{2}"], this["{12}"], _setInformation[1], _setInformation[2])
        : throw new InvalidOperationException($"these atoms are over {SourceCount} modalities; the two-modality PidAtoms needs exactly 2");

    /// <summary>
    /// The element-wise mean of several estimates on one lattice (for example the batches of one epoch); for two modalities
    /// the same numbers as <see cref="PidAtoms.Average"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No estimates, or estimates over different numbers of modalities.</exception>
    public static LatticeAtoms Average(IReadOnlyCollection<LatticeAtoms> estimates)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        if (estimates.Count == 0) throw new ArgumentException("LatticeAtoms.Average: no estimates to average.", nameof(estimates));
        var first = estimates.First();
        if (estimates.Any(e => e.SourceCount != first.SourceCount))
            throw new ArgumentException($"LatticeAtoms.Average: estimates over {string.Join(", ", estimates.Select(e => e.SourceCount).Distinct())} modalities; all must have the same", nameof(estimates));
        // The selector form of Enumerable.Average, as PidAtoms.Average uses: the same additions in the same order.
        var atoms = Enumerable.Range(0, first._atoms.Length).Select(i => estimates.Average(e => e._atoms[i])).ToArray();
        var information = Enumerable.Range(0, first._setInformation.Length).Select(s => estimates.Average(e => e._setInformation[s])).ToArray();
        return new LatticeAtoms(first.Lattice, atoms, information);
    }

    /// <summary>Largest absolute difference between the atoms of two estimates on the same lattice (bits): what the stage switch watches.</summary>
    /// <exception cref="ArgumentException">Estimates over different numbers of modalities.</exception>
    public double MaxAtomChange(LatticeAtoms other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.SourceCount != SourceCount)
            throw new ArgumentException($"cannot compare atoms over {SourceCount} and {other.SourceCount} modalities", nameof(other));
        // Enumerable.Max as PidAtoms.MaxAtomChange uses, so a NaN atom is treated alike.
        return _atoms.Select((a, i) => a - other._atoms[i]).Max(Math.Abs);
    }

    /// <summary>The atoms by antichain key, in lattice order (bottom first).</summary>
    public IEnumerable<KeyValuePair<string, double>> AtomsByKey => Lattice.Antichains.Select((a, i) => KeyValuePair.Create(a.Key, _atoms[i]));

    /// <summary>"{1}{2}=0.1234 {1}=… bits", invariant culture.</summary>
    public override string ToString() =>
        string.Join(" ", AtomsByKey.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value:F4}"))) + " bits";

    static readonly RedundancyLattice TwoSources = RedundancyLattice.Create(2);
}
