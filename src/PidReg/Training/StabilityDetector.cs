using PidReg.Model;

namespace PidReg.Training;

/// <summary>
/// Decides when the atoms have settled (paper step 10): it smooths the epoch atoms over a window, and after
/// <c>patience</c> consecutive epochs in which no windowed atom moved by <c>toleranceBits</c> or more, reports stable.
/// </summary>
public sealed class StabilityDetector
{
    readonly int window;
    readonly double toleranceBits;
    readonly int patience;
    readonly List<LatticeAtoms> epochs = [];

    /// <summary>Defaults as the paper: window 5, 0.01 bits, 5 epochs.</summary>
    public StabilityDetector(int window = 5, double toleranceBits = 0.01, int patience = 5)
    {
        if (window < 1) throw new ArgumentOutOfRangeException(nameof(window), window, "must be ≥ 1");
        if (!(toleranceBits > 0)) throw new ArgumentOutOfRangeException(nameof(toleranceBits), toleranceBits, "must be > 0");
        if (patience < 1) throw new ArgumentOutOfRangeException(nameof(patience), patience, "must be ≥ 1");
        this.window = window;
        this.toleranceBits = toleranceBits;
        this.patience = patience;
    }

    /// <summary>Largest change of a windowed atom at the last epoch (bits); null until window + 1 epochs were seen.</summary>
    public double? LastChange { get; private set; }

    /// <summary>Consecutive epochs with a change below the tolerance.</summary>
    public int CalmEpochs { get; private set; }

    /// <summary>True once <see cref="CalmEpochs"/> reached the patience.</summary>
    public bool IsStable => CalmEpochs >= patience;

    /// <summary>Adds one epoch's averaged two-modality atoms; returns <see cref="IsStable"/>.</summary>
    public bool Add(PidAtoms epochAtoms)
    {
        ArgumentNullException.ThrowIfNull(epochAtoms);
        return Add(LatticeAtoms.From(epochAtoms));
    }

    /// <summary>
    /// Adds one epoch's averaged atoms on the lattice of M modalities; returns <see cref="IsStable"/>. Every atom of the
    /// lattice is watched; for two modalities these are the four of <see cref="Add(PidAtoms)"/>, with the same numbers.
    /// </summary>
    /// <exception cref="ArgumentException">Atoms over another number of modalities than the epochs before.</exception>
    public bool Add(LatticeAtoms epochAtoms)
    {
        ArgumentNullException.ThrowIfNull(epochAtoms);
        if (epochs.Count > 0 && epochs[0].SourceCount != epochAtoms.SourceCount)
            throw new ArgumentException($"the earlier epochs had atoms over {epochs[0].SourceCount} modalities, this one over {epochAtoms.SourceCount}", nameof(epochAtoms));
        epochs.Add(epochAtoms);
        if (epochs.Count <= window) return false;
        var current = LatticeAtoms.Average(epochs[^window..]);
        var previous = LatticeAtoms.Average(epochs[^(window + 1)..^1]);
        LastChange = current.MaxAtomChange(previous);
        CalmEpochs = LastChange < toleranceBits ? CalmEpochs + 1 : 0;
        return IsStable;
    }
}
