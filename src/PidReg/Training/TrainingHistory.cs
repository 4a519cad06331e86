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

    /// <summary>Mean wall seconds per epoch.</summary>
    public double SecondsPerEpoch => Epochs.Count == 0 ? 0 : Epochs.Average(e => e.Seconds);
}
