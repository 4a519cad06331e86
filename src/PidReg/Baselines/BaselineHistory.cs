using PidReg.Training;

namespace PidReg.Baselines;

/// <summary>What happened while a baseline trained: one report per epoch and the restored best epoch.</summary>
/// <param name="Epochs">Reports in order.</param>
/// <param name="BestEpoch">Epoch with the lowest validation MSE; its weights were restored.</param>
/// <param name="StoppedEarly">True when early stopping ended training before the epoch limit.</param>
public sealed record BaselineHistory(IReadOnlyList<BaselineEpochReport> Epochs, int BestEpoch, bool StoppedEarly) : ITrainingHistory
{
    IReadOnlyList<IEpochReport> ITrainingHistory.Reports => Epochs;

    /// <summary>Mean wall seconds per epoch.</summary>
    public double SecondsPerEpoch => Epochs.Count == 0 ? 0 : Epochs.Average(e => e.Seconds);
}
