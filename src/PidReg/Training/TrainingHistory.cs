namespace PidReg.Training;

/// <summary>What happened during <see cref="Trainer.Fit"/>: one report per epoch, the best epoch and the stage switch.</summary>
/// <param name="Epochs">Reports in order.</param>
/// <param name="BestEpoch">Epoch with the lowest validation MSE; its weights were restored.</param>
/// <param name="FrozenAtEpoch">Epoch at whose end the fusion weights froze (stage 2 began), or null.</param>
/// <param name="StoppedEarly">True when early stopping ended training before the epoch limit.</param>
public sealed record TrainingHistory(IReadOnlyList<EpochReport> Epochs, int BestEpoch, int? FrozenAtEpoch, bool StoppedEarly)
{
    /// <summary>Mean wall seconds per epoch.</summary>
    public double SecondsPerEpoch => Epochs.Count == 0 ? 0 : Epochs.Average(e => e.Seconds);
}
