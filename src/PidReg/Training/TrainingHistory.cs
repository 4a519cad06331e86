using System.Text.Json.Serialization;
using PidReg.Model;

namespace PidReg.Training;

/// <summary>What happened while PIDReg trained: one report per epoch, the best epoch and the stage switch.</summary>
/// <param name="Epochs">Reports in order.</param>
/// <param name="BestEpoch">Epoch with the lowest validation MSE; its weights were restored.</param>
/// <param name="FrozenAtEpoch">Epoch at whose end the fusion weights froze (stage 2 began), or null.</param>
/// <param name="StoppedEarly">True when early stopping ended training before the epoch limit.</param>
public sealed record TrainingHistory(IReadOnlyList<EpochReport> Epochs, int BestEpoch, int? FrozenAtEpoch, bool StoppedEarly) : ITrainingHistory
{
    IReadOnlyList<IEpochReport> ITrainingHistory.Reports => Epochs;

    /// <summary>
    /// The atoms behind the restored weights: the epoch-averaged atoms of the last epoch up to <see cref="BestEpoch"/> that
    /// estimated the PID (null when none did).
    /// </summary>
    [JsonIgnore]
    public PidAtoms? BestAtoms => Epochs.Take(BestEpoch).LastOrDefault(e => e.Atoms is not null)?.Atoms;

    /// <summary>
    /// As <see cref="BestAtoms"/> for any number of modalities: the atoms on the redundancy lattice keyed by antichain
    /// ("{1}{2}", "{1}", "{2}", "{12}" for two), null when no epoch up to the best estimated the PID. Histories written
    /// before models took a list of modalities hold two-modality atoms only; they are given under the same keys.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, double>? BestLatticeAtoms =>
        Epochs.Take(BestEpoch).LastOrDefault(e => e.LatticeAtoms is not null || e.Atoms is not null) is { } e
            ? e.LatticeAtoms ?? LatticeAtoms.From(e.Atoms!).AtomsByKey.ToDictionary(StringComparer.Ordinal)
            : null;

    /// <summary>Mean wall seconds per epoch.</summary>
    public double SecondsPerEpoch => Epochs.Count == 0 ? 0 : Epochs.Average(e => e.Seconds);
}
